/// What the spacing of a file's timestamps says about its bar interval.
///
/// The rule (`Interval.infer(from:)`), applied to the distinct timestamps in ascending order:
///
/// - **Too few.** With fewer than three distinct timestamps the spacing cannot show the
///   interval: a file of dates (every stamp at 00:00 UTC) is daily, anything else needs
///   `--interval`.
/// - **Calendar months.** When no two stamps fall in one calendar month, the interval is the
///   most frequent step in months `k` (1 → `1mo`, 3 → `3mo`, 12 → `1y`), provided every step is
///   a whole number of `k` months and at least half of them are exactly `k`. This accepts
///   month-start, mid-month and month-end stamps (Alpha Vantage's last trading day) alike.
/// - **Fixed lengths.** Otherwise the interval is the most frequent spacing `m` (the smaller
///   one on a tie), provided every spacing is a whole multiple of `m` (weekends, holidays and
///   nights are whole numbers of bars) and at least half of the spacings are exactly `m`.
///   `m` is written in the largest unit that divides it: weeks, days, hours, minutes, seconds.
///
/// Anything else is `inconsistent` (mixed daily and hourly rows, a 2-day step in 5-minute
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
    /// otherwise); the most frequent spacing is taken from at most ~2,000 evenly spread
    /// spacings, every spacing is then checked against it.
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
        let modal = mostFrequent(spacings)
        if modal >= 27 * 86_400, let months = calendarMonths(ts) { return months }
        var equal = 0
        var firstOff: Int?
        var off = 0
        for (k, g) in spacings.enumerated() {
            if g == modal {
                equal += 1
            } else if g % modal != 0 {
                off += 1
                if firstOff == nil { firstOff = k }
            }
        }
        if off > 0, modal >= 27 * 86_400, spacings.allSatisfy({ $0 >= 28 * 86_400 && $0 <= 31 * 86_400 }) {
            return .interval(.monthly)  // equal-length "months" (every 30 days)
        }
        if let k = firstOff {
            let at = stampAfter(ts, spacing: k)
            return .inconsistent(detail: "most rows are \(length(modal)) apart, but \(off) of \(spacings.count) spacings are not a whole number of \(length(modal)) (the first, \(length(spacings[k])), ends at \(at))")
        }
        if equal * 2 < spacings.count {
            return .inconsistent(detail: "only \(equal) of \(spacings.count) spacings are the most frequent one, \(length(modal))")
        }
        return .interval(fixed(modal))
    }

    /// `infer(from:)`'s interval, nil when there is none.
    public static func inferred(from timestamps: [Int64]) -> Interval? { infer(from: timestamps).interval }

    private static func isAscending(_ ts: [Int64]) -> Bool {
        for i in ts.indices.dropFirst() where ts[i] < ts[i - 1] { return false }
        return true
    }

    /// The most frequent value among up to ~2,000 evenly spread elements; the smaller on a tie.
    private static func mostFrequent(_ values: [Int64]) -> Int64 {
        let stride = max(1, values.count / 2_000)
        var counts: [Int64: Int] = [:]
        var i = 0
        while i < values.count {
            counts[values[i], default: 0] += 1
            i += stride
        }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
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
        let k = mostFrequent(steps)
        let equal = steps.filter { $0 == k }.count
        guard steps.allSatisfy({ $0 % k == 0 }), equal * 2 >= steps.count, k <= Int64(maxCount) else {
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
