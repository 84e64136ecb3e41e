/// A bar's time as a program sees it, and the calendar functions of the strategy language.
///
/// The engine stamps bars with UTC epoch seconds (`Int64`, SEMANTICS.md). A program holds the
/// current bar's time as a `Double` in the `time` slot: exact for every second within ±2^53 s
/// (about ±285 million years), NaN when the time is unknown (`SignalSource.step` without a
/// time, or `BarTime.unknown`). Every calendar function reads only that slot, so it sees the
/// current bar and nothing later, and yields NaN for an unknown time.
///
/// All fields are UTC, in the proleptic Gregorian calendar, and exact for times before 1970
/// (negative epochs count back from 1970-01-01T00:00:00Z):
///
///     year()       e.g. 2004
///     month()      1 (January) … 12
///     day()        day of the month, 1 … 31
///     weekday()    ISO 8601: 1 (Monday) … 7 (Sunday)
///     hour()       0 … 23
///     minute()     0 … 59
///     second()     0 … 59
///     hhmm()       hour × 100 + minute: 15:55 is 1555, midnight 0
///     timeofday()  minutes since midnight: hour × 60 + minute (15:55 is 955)
public enum BarTime {
    /// The time that stands for "unknown": `step` with it (or without a time) makes `time` and
    /// every calendar function NaN on that bar.
    public static let unknown: Int64 = .min

    /// The largest magnitude of a time in seconds the calendar functions accept; beyond it a
    /// `Double` no longer holds every second, and they yield NaN.
    static let limit = Double(1 << 53)

    /// The value the `time` slot holds for `time`: the seconds as a `Double`, NaN for `unknown`.
    @inline(__always)
    static func slotValue(_ time: Int64) -> Double {
        time == unknown ? .nan : Double(time)
    }

    /// A calendar function of the language; the raw value is what a `.calendar` node stores.
    public enum Field: Int32, Sendable, CaseIterable {
        case year, month, day, weekday, hour, minute, second, hhmm, timeofday
    }

    /// The value of `field` at `time` (epoch seconds in a `Double`, as the `time` slot holds it);
    /// NaN when `time` is NaN or beyond ±2^53. Kept out of line: programs that read no time pay
    /// nothing for it in their dispatch loop.
    @inline(never)
    static func value(_ field: Int32, at time: Double) -> Double {
        guard let field = Field(rawValue: field), Swift.abs(time) <= limit else { return .nan }
        return value(field, at: Int64(time))
    }

    /// The value of `field` at `seconds` since 1970-01-01T00:00:00Z (UTC).
    public static func value(_ field: Field, at seconds: Int64) -> Double {
        // Floor division: 1969-12-31T23:59:59Z (-1) is day -1 at second 86,399.
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let days = remainder < 0 ? quotient - 1 : quotient
        let secondOfDay = remainder < 0 ? remainder + 86_400 : remainder
        switch field {
        case .hour: return Double(secondOfDay / 3_600)
        case .minute: return Double(secondOfDay / 60 % 60)
        case .second: return Double(secondOfDay % 60)
        case .hhmm: return Double(secondOfDay / 3_600 * 100 + secondOfDay / 60 % 60)
        case .timeofday: return Double(secondOfDay / 60)
        // 1970-01-01 was a Thursday (ISO 4).
        case .weekday: return Double(((days % 7 + 7) % 7 + 3) % 7 + 1)
        case .year, .month, .day:
            let date = civilDate(days: days)
            return Double(field == .year ? date.year : field == .month ? date.month : date.day)
        }
    }

    /// The Gregorian year, month and day of `days` since 1970-01-01.
    ///
    /// Counts in 400-year eras that start on March 1st (so a leap day is the last day of its
    /// year): with `z` days since 0000-03-01, the era is ⌊z / 146097⌋, the day of the era
    /// `doe` ∈ [0, 146096], the year of the era `yoe = (doe − doe/1460 + doe/36524 − doe/146096) / 365`,
    /// the day of that March-based year `doy = doe − (365·yoe + yoe/4 − yoe/100)`, and its month
    /// `mp = (5·doy + 2) / 153` (0 = March); January and February belong to the next civil year.
    static func civilDate(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
