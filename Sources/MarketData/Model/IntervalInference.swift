/// What the spacing of a file's timestamps says about its bar interval.
///
/// The rule (`Interval.infer(from:)`), applied to the distinct timestamps in ascending order:
///
/// - **Too few.** With fewer than three distinct timestamps the spacing cannot show the
///   interval: a file of dates (every stamp at 00:00 UTC) is daily, anything else needs
///   `--interval`.
/// - **Calendar months.** When the smallest spacing is 20 days or more and no two stamps fall
///   in one calendar month, the interval is the smallest step in months `k` (1 → `1mo`, 3 →
///   `3mo`, 12 → `1y`), provided every step is a whole number of `k` months. This accepts
///   month-start, mid-month and month-end stamps (Alpha Vantage's last trading day) alike;
///   spacings all of 28–31 days are also `1mo`.
/// - **Fixed lengths.** Otherwise the interval is the smallest spacing `m`, provided every
///   spacing is a whole multiple of `m` (weekends, holidays, nights and missing bars are whole
///   numbers of bars), written in the largest unit that divides it: weeks, days, hours,
///   minutes, seconds. For an intraday `m`, spacings of whole days (24h, 48h, …) making up two
///   or more and at least 5 % of all spacings mean daily rows among intraday ones, which is
///   inconsistent too (real intraday data has nights of 15–18 hours and weekends of 49 or 65,
///   not whole days, except around a rare run of missing bars).
///
/// Anything else is `inconsistent` (mixed daily and hourly rows, a 7-minute step in 5-minute
/// data), and the ingest asks for `--interval` instead of guessing.
public enum IntervalInference: Sendable, Equatable {
    case interval(Interval)
    /// Fewer than three distinct timestamps, not all at midnight.
    case tooFewTimestamps(Int)
    /// The spacing is not consistent; `detail` says how, in words.
    case inconsistent(detail: String)

    /// The interval, when one was found.
    public var interval: Interval? {
        if case let .interval(i) = self { return i }
        return nil
    }

    /// Why no interval was found (nil when one was): a clause for an error message.
    public var problem: String? {
        switch self {
        case .interval: return nil
        case let .tooFewTimestamps(n):
            return "\(n) distinct timestamp\(n == 1 ? "" : "s") with a time of day cannot show the interval"
        case let .inconsistent(detail): return detail
        }
    }
}

extension Interval {
    /// The interval that the spacing of `timestamps` shows, by the rule of `IntervalInference`.
    /// The timestamps may be in any order and repeat. O(n) when they are sorted (O(n log n)
    /// otherwise).
    public static func infer(from timestamps: [Int64]) -> IntervalInference {
        var ts = timestamps
        if !isAscending(ts) { ts.sort() }
        var spacings: [Int64] = []
        spacings.reserveCapacity(ts.count)
        for i in ts.indices.dropFirst() {
            let (gap, overflow) = ts[i].subtractingReportingOverflow(ts[i - 1])
            if overflow { return .inconsistent(detail: "the timestamps span more than 292 billion years") }
            if gap != 0 { spacings.append(gap) }
        }
        if spacings.count < 2 {
            if ts.allSatisfy({ $0 % 86_400 == 0 }) { return .interval(.daily) }
            return .tooFewTimestamps(spacings.count + (ts.isEmpty ? 0 : 1))
        }
        let day: Int64 = 86_400
        let m = spacings.min()!
        if m >= 20 * day {
            if let months = calendarMonths(ts) { return months }
            if spacings.allSatisfy({ $0 >= 28 * day && $0 <= 31 * day }) { return .interval(.monthly) }
        }
        if let k = spacings.firstIndex(where: { $0 % m != 0 }) {
            let off = spacings.filter { $0 % m != 0 }.count
            return .inconsistent(detail: "the smallest spacing is \(length(m)), but \(off) of \(spacings.count) spacings are not a whole number of \(length(m)) (the first, \(length(spacings[k])), ends at \(stampAfter(ts, spacing: k)))")
        }
        if m < day {
            let wholeDays = spacings.filter { $0 % day == 0 }
            if wholeDays.count >= 2, wholeDays.count * 20 >= spacings.count {
                let k = spacings.firstIndex { $0 % day == 0 }!
                return .inconsistent(detail: "daily rows are mixed with \(length(m)) rows (\(wholeDays.count) spacings are whole days, the first ending at \(stampAfter(ts, spacing: k)))")
            }
        }
        return .interval(fixed(m))
    }

    /// `infer(from:)`'s interval, nil when there is none.
    public static func inferred(from timestamps: [Int64]) -> Interval? { infer(from: timestamps).interval }

    private static func isAscending(_ ts: [Int64]) -> Bool {
        for i in ts.indices.dropFirst() where ts[i] < ts[i - 1] { return false }
        return true
    }

    /// The calendar interval of stamps that fall in distinct months, or nil when two share a month.
    private static func calendarMonths(_ ts: [Int64]) -> IntervalInference? {
        var months: [Int] = []
        months.reserveCapacity(ts.count)
        for t in ts {
            let d = CivilTime.date(fromDays: t >= 0 ? t / 86_400 : (t - 86_399) / 86_400)
            let m = d.year * 12 + d.month - 1
            if let last = months.last {
                if m == last { return nil }
            }
            months.append(m)
        }
        var steps: [Int64] = []
        for i in months.indices.dropFirst() { steps.append(Int64(months[i] - months[i - 1])) }
        let k = steps.min()!
        guard steps.allSatisfy({ $0 % k == 0 }), k <= Int64(maxCount) else {
            return .inconsistent(detail: "one bar a month or less, but the steps between months are irregular")
        }
        return .interval(k % 12 == 0 ? Interval(count: Int(k / 12), unit: .year) : Interval(count: Int(k), unit: .month))
    }

    /// A spacing in the largest unit that divides it.
    private static func fixed(_ seconds: Int64) -> Interval {
        for unit in [Unit.week, .day, .hour, .minute] where seconds % unit.seconds == 0 {
            let n = seconds / unit.seconds
            if n <= Int64(maxCount) { return Interval(count: Int(n), unit: unit) }
        }
        return Interval(count: Int(min(seconds, Int64(maxCount))), unit: .second)
    }

    /// `1d`, `1h`, `90s`: a spacing in words for messages.
    static func length(_ seconds: Int64) -> String {
        for (unit, name) in [(Int64(86_400), "d"), (3_600, "h"), (60, "m")] where seconds % unit == 0 {
            return "\(seconds / unit)\(name)"
        }
        return "\(seconds)s"
    }

    /// The stamp that ends the `k`-th non-zero spacing.
    private static func stampAfter(_ ts: [Int64], spacing k: Int) -> String {
        var seen = -1
        for i in ts.indices.dropFirst() where ts[i] != ts[i - 1] {
            seen += 1
            if seen == k { return ts[i] % 86_400 == 0 ? CivilTime.isoDate(ts[i]) : CivilTime.iso8601(ts[i]) }
        }
        return ""
    }
}
