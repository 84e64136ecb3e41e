/// Reads the date and time notations market data files use and turns them into UTC epoch
/// seconds. A date without a time is 00:00 UTC of that date; a time without a zone is taken as
/// UTC (the provider's stamp is kept as it is); an explicit `Z` or `±HH:MM` offset is honoured.
///
/// Accepted: ISO `2004-08-19`, `2017-04-19 09:00:00`, `2017-04-19T09:00:00.000Z`, `+01:00`
/// offsets; `2004/08/19`; US `m/d/Y` and `m/d/yy`; `d-Mon-yy` and `d-Mon-YYYY` (`19-Sep-03`);
/// `YYYYMMDD`; `YYYYMM` (first of the month); epoch seconds (9–11 digits), milliseconds (12–14),
/// microseconds (15–17) and nanoseconds (18–19). Two-digit years pivot as POSIX `%y`: 69–99 are
/// 19xx, 00–68 are 20xx.
enum TimestampParser {
    /// The timestamp in `bytes[start..<end]`, or nil when it is none of the accepted notations.
    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var s = start
        var e = end
        while s < e, b[s] == 0x20 { s += 1 }
        while e > s, b[e - 1] == 0x20 { e -= 1 }
        let len = e - s
        guard len > 0 else { return nil }
        // All digits: compact dates or epoch counts.
        var allDigits = true
        for k in s..<e where b[k] &- 0x30 >= 10 {
            allDigits = false
            break
        }
        if allDigits { return parseDigits(b, s, e) }
        if len >= 10, b[s + 4] == UInt8(ascii: "-") || b[s + 4] == UInt8(ascii: "/"),
            let y = number(b, s, s + 4), let m = number(b, s + 5, s + 7), let d = number(b, s + 8, s + 10),
            b[s + 7] == b[s + 4]
        {
            guard CivilTime.isValid(year: y, month: m, day: d) else { return nil }
            let date = CivilTime.days(year: y, month: m, day: d) * 86_400
            if len == 10 { return date }
            guard b[s + 10] == UInt8(ascii: " ") || b[s + 10] == UInt8(ascii: "T") else { return nil }
            guard let t = timeOfDay(b, s + 11, e, allowZone: true) else { return nil }
            return date + t
        }
        if let slash = firstIndex(of: UInt8(ascii: "/"), in: b, s, e) { return parseUS(b, s, e, slash) }
        if let dash = firstIndex(of: UInt8(ascii: "-"), in: b, s, e), dash > s { return parseDayMonthName(b, s, e, dash) }
        return nil
    }

    /// Seconds since midnight of `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff` or `HHMMSS`, or nil.
    static func parseTimeOfDay(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var s = start
        var e = end
        while s < e, b[s] == 0x20 { s += 1 }
        while e > s, b[e - 1] == 0x20 { e -= 1 }
        if e - s == 6, let h = number(b, s, s + 2), let m = number(b, s + 2, s + 4), let sec = number(b, s + 4, s + 6),
            h < 24, m < 60, sec < 61
        {
            return Int64(h * 3600 + m * 60 + sec)
        }
        return timeOfDay(b, s, e, allowZone: false)
    }

    private static func parseDigits(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int64? {
        let len = e - s
        if len == 8, let y = number(b, s, s + 4), let m = number(b, s + 4, s + 6), let d = number(b, s + 6, s + 8),
            CivilTime.isValid(year: y, month: m, day: d)
        {
            return CivilTime.days(year: y, month: m, day: d) * 86_400
        }
        if len == 6, let y = number(b, s, s + 4), let m = number(b, s + 4, s + 6), (1...12).contains(m) {
            return CivilTime.days(year: y, month: m, day: 1) * 86_400
        }
        guard len <= 19 else { return nil }
        // 19 digits can exceed Int64.max: checked arithmetic, and an overflow is not a time.
        var v: Int64 = 0
        for k in s..<e {
            let (times10, o1) = v.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(b[k] &- 0x30))
            if o1 || o2 { return nil }
            v = next
        }
        switch len {
        case 9...11: return v
        case 12...14: return v / 1_000
        case 15...17: return v / 1_000_000
        case 18...19: return v / 1_000_000_000
        default: return nil
        }
    }

    /// `m/d/Y`, `m/d/yy`.
    private static func parseUS(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ slash1: Int) -> Int64? {
        guard let slash2 = firstIndex(of: UInt8(ascii: "/"), in: b, slash1 + 1, e) else { return nil }
        var dateEnd = e
        var time: Int64 = 0
        if let space = firstIndex(of: UInt8(ascii: " "), in: b, slash2, e) {
            dateEnd = space
            guard let t = timeOfDay(b, space + 1, e, allowZone: false) else { return nil }
            time = t
        }
        guard let m = number(b, s, slash1), let d = number(b, slash1 + 1, slash2),
            var y = number(b, slash2 + 1, dateEnd)
        else { return nil }
        if dateEnd - slash2 - 1 == 2 { y = pivot(y) } else if dateEnd - slash2 - 1 != 4 { return nil }
        guard CivilTime.isValid(year: y, month: m, day: d) else { return nil }
        return CivilTime.days(year: y, month: m, day: d) * 86_400 + time
    }

    /// `19-Sep-03`, `19-Sep-2003`.
    private static func parseDayMonthName(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ dash1: Int) -> Int64? {
        guard dash1 + 4 < e, b[dash1 + 4] == UInt8(ascii: "-"), let d = number(b, s, dash1) else { return nil }
        var key: UInt32 = 0
        for k in dash1 + 1..<dash1 + 4 { key = key << 8 | UInt32(b[k] | 0x20) }
        let months: [UInt32] = [
            0x6A616E, 0x666562, 0x6D6172, 0x617072, 0x6D6179, 0x6A756E,
            0x6A756C, 0x617567, 0x736570, 0x6F6374, 0x6E6F76, 0x646563,
        ]
        guard let mi = months.firstIndex(of: key), var y = number(b, dash1 + 5, e) else { return nil }
        let ylen = e - dash1 - 5
        if ylen == 2 { y = pivot(y) } else if ylen != 4 { return nil }
        guard CivilTime.isValid(year: y, month: mi + 1, day: d) else { return nil }
        return CivilTime.days(year: y, month: mi + 1, day: d) * 86_400
    }

    /// `HH:MM[:SS[.fraction]]` optionally followed by `Z` or `±HH:MM` / `±HHMM`; returns seconds
    /// after midnight UTC (may be negative or exceed a day once an offset is applied).
    private static func timeOfDay(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, allowZone: Bool) -> Int64? {
        guard e - s >= 5, let h = number(b, s, s + 2), b[s + 2] == UInt8(ascii: ":"), let m = number(b, s + 3, s + 5),
            h < 24, m < 60
        else { return nil }
        var i = s + 5
        var sec = 0
        if i < e, b[i] == UInt8(ascii: ":") {
            guard i + 3 <= e, let v = number(b, i + 1, i + 3), v < 61 else { return nil }
            sec = v
            i += 3
            if i < e, b[i] == UInt8(ascii: ".") {
                i += 1
                while i < e, b[i] &- 0x30 < 10 { i += 1 }
            }
        }
        var offset = 0
        if i < e {
            guard allowZone else { return nil }
            if b[i] == UInt8(ascii: "Z") && i + 1 == e {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                let rest = e - i - 1
                guard let oh = number(b, i + 1, i + 3) else { return nil }
                var om = 0
                if rest == 5, b[i + 3] == UInt8(ascii: ":"), let v = number(b, i + 4, i + 6) {
                    om = v
                } else if rest == 4, let v = number(b, i + 3, i + 5) {
                    om = v
                } else if rest != 2 {
                    return nil
                }
                offset = sign * (oh * 3600 + om * 60)
                i = e
            } else {
                return nil
            }
        }
        return Int64(h * 3600 + m * 60 + sec - offset)
    }

    private static func pivot(_ yy: Int) -> Int { yy >= 69 ? 1900 + yy : 2000 + yy }

    /// The decimal number in `b[s..<e]` (digits only), or nil. At most 9 digits: no date or time
    /// field is longer, and the bound keeps every later product (`h * 3600`, `days * 86_400`)
    /// far from overflow whatever the input.
    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        guard s < e, e <= b.count, e - s <= 9 else { return nil }
        var v = 0
        for k in s..<e {
            let d = b[k] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    private static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        var k = s
        while k < e {
            if b[k] == byte { return k }
            k += 1
        }
        return nil
    }

    /// Parses a whole string (JSON payloads, command-line dates).
    static func parse(_ text: String) -> Int64? {
        var t = text
        return t.withUTF8 { parse($0, 0, $0.count) }
    }
}
