import MarketData

/// Parses the timestamps run folders carry: the fast path reads exactly `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM:SSZ` (what Barwise writes); anything else goes to the ingest's parser.
enum ISOTimestamp {
    static func parse(_ b: [UInt8], _ r: Range<Int>) -> Int64? {
        var s = r
        if s.count >= 2, b[s.lowerBound] == 0x22, b[s.upperBound - 1] == 0x22 { s = (s.lowerBound + 1)..<(s.upperBound - 1) }
        let n = s.count
        guard n == 10 || n == 20 else { return nil }
        let o = s.lowerBound
        func digits(_ at: Int, _ count: Int) -> Int? {
            var v = 0
            for i in at..<(at + count) {
                let d = b[o + i] &- 0x30
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard b[o + 4] == 0x2D, b[o + 7] == 0x2D, let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2),
              CivilTime.isValid(year: y, month: m, day: d) else { return nil }
        var t = CivilTime.days(year: y, month: m, day: d) * 86_400
        if n == 20 {
            guard b[o + 10] == 0x54, b[o + 13] == 0x3A, b[o + 16] == 0x3A, b[o + 19] == 0x5A,
                  let hh = digits(11, 2), let mm = digits(14, 2), let ss = digits(17, 2), hh < 24, mm < 60, ss < 61 else { return nil }
            t += Int64(hh * 3600 + mm * 60 + ss)
        }
        return t
    }

    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        return parse(bytes, 0..<bytes.count) ?? CivilTime.parseTimestamp(text)
    }
}
