import MarketData

/// Parses the timestamps run folders carry: the fast path reads exactly `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM:SSZ` (what Barwise writes); anything else goes to the ingest's parser.
enum ISOTimestamp {
    static func parse(_ b: [UInt8], _ r: Range<Int>) -> Int64? {
        b.withUnsafeBufferPointer { parse($0, r) }
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int64? {
        var s = r
        if s.count >= 2, b[s.lowerBound] == 0x22, b[s.upperBound - 1] == 0x22 { s = (s.lowerBound + 1)..<(s.upperBound - 1) }
        let n = s.count
        guard n == 10 || n == 20, let day = dayStart(b, s.lowerBound) else { return nil }
        if n == 10 { return day }
        guard let time = timeOfDay(b, s.lowerBound) else { return nil }
        return day + time
    }

    /// Epoch seconds of the `YYYY-MM-DD` at `o`, or nil.
    static func dayStart(_ b: UnsafeBufferPointer<UInt8>, _ o: Int) -> Int64? {
        guard b[o + 4] == 0x2D, b[o + 7] == 0x2D, let y = digits(b, o, 4), let m = digits(b, o + 5, 2), let d = digits(b, o + 8, 2),
              CivilTime.isValid(year: y, month: m, day: d) else { return nil }
        return CivilTime.days(year: y, month: m, day: d) * 86_400
    }

    /// Seconds since midnight of the `THH:MM:SSZ` at `o + 10`, or nil.
    static func timeOfDay(_ b: UnsafeBufferPointer<UInt8>, _ o: Int) -> Int64? {
        guard b[o + 10] == 0x54, b[o + 13] == 0x3A, b[o + 16] == 0x3A, b[o + 19] == 0x5A,
              let hh = digits(b, o + 11, 2), let mm = digits(b, o + 14, 2), let ss = digits(b, o + 17, 2),
              hh < 24, mm < 60, ss < 61 else { return nil }
        return Int64(hh * 3600 + mm * 60 + ss)
    }

    @inline(__always)
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        var v = 0
        for i in at..<(at + count) {
            let d = b[i] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        return parse(bytes, 0..<bytes.count) ?? CivilTime.parseTimestamp(text)
    }
}
