/// Conversions between proleptic Gregorian civil dates/times and UTC epoch seconds, with no
/// calendar objects or allocation (Howard Hinnant's `days_from_civil` algorithm).
public enum CivilTime {
    /// Days since 1970-01-01 of the given date. `month` 1–12, `day` 1–31; `year` within
    /// ±10^9 (the parsers pass at most four digits).
    @inline(__always)
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// UTC epoch seconds of a civil date and time of day.
    @inline(__always)
    public static func epochSeconds(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0
    ) -> Int64 {
        days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// The civil date of a day count since 1970-01-01.
    public static func date(fromDays z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// Whether `day` exists in `month` of `year`.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return day <= (month == 2 && leap ? 29 : lengths[month - 1])
    }

    /// ISO 8601 UTC text of epoch seconds: `2004-08-19T00:00:00Z`. Years outside 0–9999 are
    /// written with as many digits as they need (and a sign when negative).
    public static func iso8601(_ t: Int64) -> String {
        let days = floorDays(t)
        let remainder = Int(t % 86_400)
        let secs = remainder < 0 ? remainder + 86_400 : remainder
        let (y, m, d) = date(fromDays: days)
        guard (0...9_999).contains(y) else {
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))Z"
        }
        // The common case, digit by digit into the string's own storage (the CSV and event
        // writers call this for every row).
        return String(unsafeUninitializedCapacity: 20) { out in
            _ = writeISO8601(t, to: out.baseAddress!)
            return 20
        }
    }

    /// Writes the 20 bytes of `iso8601(t)` to `out` when its year is within 0–9999 (the text is
    /// then always 20 bytes); false, writing nothing, otherwise. No allocation.
    @inline(__always)
    public static func writeISO8601(_ t: Int64, to out: UnsafeMutablePointer<UInt8>) -> Bool {
        let remainder = Int(t % 86_400)
        let secs = remainder < 0 ? remainder + 86_400 : remainder
        let (y, m, d) = date(fromDays: floorDays(t))
        guard (0...9_999).contains(y) else { return false }
        @inline(__always) func two(_ v: Int, _ at: Int) {
            out[at] = UInt8(truncatingIfNeeded: 48 + v / 10)
            out[at + 1] = UInt8(truncatingIfNeeded: 48 + v % 10)
        }
        two(y / 100, 0)
        two(y % 100, 2)
        out[4] = 45
        two(m, 5)
        out[7] = 45
        two(d, 8)
        out[10] = 84
        two(secs / 3600, 11)
        out[13] = 58
        two(secs / 60 % 60, 14)
        out[16] = 58
        two(secs % 60, 17)
        out[19] = 90
        return true
    }

    /// `2004-08-19` for a timestamp at midnight, else the full ISO form.
    public static func isoDate(_ t: Int64) -> String {
        let days = floorDays(t)
        let (y, m, d) = date(fromDays: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Whole days since 1970-01-01 of epoch seconds, rounded down (no overflow for any `t`).
    static func floorDays(_ t: Int64) -> Int64 { t >= 0 ? t / 86_400 : (t + 1) / 86_400 - 1 }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension CivilTime {
    /// Parses a date or date-time in any shape the ingest accepts (ISO, m/d/Y, d-Mon-yy,
    /// YYYYMMDD, epoch seconds or milliseconds) into UTC epoch seconds; nil when it is none.
    /// Never traps, whatever the text (20-digit fields are simply not dates).
    public static func parseTimestamp(_ text: String) -> Int64? { TimestampParser.parse(text) }

    /// `parseTimestamp` for command-line values such as `--from` and `--to`: throws a
    /// `TimestampError` whose message quotes the text (at most 200 characters) and shows the
    /// accepted shapes.
    public static func timestamp(_ text: String) throws(TimestampError) -> Int64 {
        guard let t = TimestampParser.parse(text) else { throw TimestampError(text: text) }
        return t
    }
}
