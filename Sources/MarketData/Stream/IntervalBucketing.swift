/// Which interval of a bar length a time falls in, in UTC epoch milliseconds; a bar built from
/// the ticks of an interval is stamped at its start (`Bar.timestamp`, DESIGN.md §3 "Time").
///
/// - Seconds, minutes, hours and days: epoch-aligned buckets of `count × unit` (`5m` buckets
///   start at :00, :05, …; a `1d` bar at 00:00 UTC; `2d` counts pairs of days from 1970-01-01).
/// - Weeks: Monday 00:00 UTC, as Yahoo's weekly bars are stamped (`2wk`: pairs of weeks counted
///   from Monday 1970-01-05).
/// - Months: the first of the month 00:00 UTC; `count` must divide 12 (`3mo` buckets start in
///   January, April, July, October), else the buckets would drift across years and the
///   interval is refused.
/// - Years: January 1 00:00 UTC (`count` years counted from year 0).
struct IntervalBucketing: Sendable {
    private enum Rule: Sendable {
        case fixed(length: Int64, anchor: Int64)
        case months(Int64)
    }

    private static let dayMillis: Int64 = 86_400_000
    private let rule: Rule

    init(_ interval: Interval) throws(StreamInputError) {
        guard interval.count > 0, interval.count <= Interval.maxCount else {
            throw StreamInputError(field: nil, reason: "the interval \(interval) is not a bar interval (1 to \(Interval.maxCount) units)")
        }
        let n = Int64(interval.count)
        switch interval.unit {
        case .second, .minute, .hour, .day:
            rule = .fixed(length: interval.nominalSeconds * 1_000, anchor: 0)
        case .week:
            rule = .fixed(length: n * 7 * Self.dayMillis, anchor: 4 * Self.dayMillis)  // 1970-01-05, a Monday
        case .month:
            guard 12 % n == 0 else {
                throw StreamInputError(
                    field: nil, reason: "ticks cannot be grouped into \(interval) bars: a month count must divide 12 (1mo, 2mo, 3mo, 4mo, 6mo) so that bars start on the same months every year")
            }
            rule = .months(n)
        case .year:
            rule = .months(n * 12)
        }
    }

    /// For seconds to weeks, the buckets' length and the start of one of them (epoch
    /// milliseconds: 0, or Monday 1970-01-05 for weeks); nil for months and years.
    var fixedGrid: (length: Int64, origin: Int64)? {
        if case let .fixed(length, anchor) = rule { return (length, anchor) }
        return nil
    }

    /// For months and years, the months a bucket spans (`1mo`: 1, `3mo`: 3, `1y`: 12), buckets
    /// starting on month indices (year × 12 + month − 1) that are multiples of it; nil otherwise.
    var monthSpan: Int64? {
        if case let .months(n) = rule { return n }
        return nil
    }

    /// The start (inclusive) and end (exclusive) of the interval holding `t`, for `t` within
    /// `EpochMillis.min...EpochMillis.max`.
    @inline(__always)
    func bucket(containing t: Int64) -> (start: Int64, end: Int64) {
        switch rule {
        case let .fixed(length, anchor):
            let start = Self.floorDiv(t - anchor, length) * length + anchor
            return (start, start + length)
        case let .months(n):
            let (y, m, _) = CivilTime.date(fromDays: Self.floorDiv(t, Self.dayMillis))
            let first = Self.floorDiv(Int64(y) * 12 + Int64(m - 1), n) * n
            return (Self.monthStart(first), Self.monthStart(first + n))
        }
    }

    /// Epoch milliseconds of the first day of month index `k` (year × 12 + month − 1).
    private static func monthStart(_ k: Int64) -> Int64 {
        CivilTime.days(year: Int(floorDiv(k, 12)), month: Int(k - floorDiv(k, 12) * 12) + 1, day: 1) * dayMillis
    }

    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
