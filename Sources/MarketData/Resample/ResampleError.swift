/// Why bars of one interval cannot be resampled to another, in words a user can act on.
public enum ResampleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target is not longer than the source (resampling only aggregates).
    case notCoarser(source: Interval, target: Interval)
    /// A fixed-length target (seconds to weeks) that is not a whole number of source bars.
    case notMultiple(source: Interval, target: Interval)
    /// The target's bins start where source bars do not begin (e.g. `1wk` bins from `7h` bars),
    /// so a source bar would be cut in two.
    case misaligned(source: Interval, target: Interval)
    /// Source bars that can span two calendar bins (weeks into months, `2d` into months).
    case straddles(source: Interval, target: Interval)
    /// A month count that does not divide 12 (bins would start on different months every year).
    case monthCount(Interval)
    /// `--anchor` text that is not `HH:MM` between 00:00 and 23:59.
    case badAnchor(String)
    /// An anchor that moves the bin edges off the source bars' boundaries.
    case anchorOffGrid(anchorSeconds: Int64, source: Interval)
    /// The series handed to the resampler is not at the interval it was built for.
    case sourceInterval(expected: Interval, found: Interval)
    /// Source timestamps that are not strictly ascending (the store always returns them so).
    case notAscending(timestamp: Int64)

    public var description: String {
        switch self {
        case let .notCoarser(source, target):
            return "cannot resample \(source) bars to \(target): the target interval must be coarser than the source's (\(source))"
        case let .notMultiple(source, target):
            let examples = [2, 3, 6].map { Interval(count: source.count * $0, unit: source.unit).description }.joined(separator: ", ")
            return "cannot resample \(source) bars to \(target): \(target) is not a whole multiple of \(source) (e.g. \(examples))"
        case let .misaligned(source, target):
            return "cannot resample \(source) bars to \(target): the \(target) bins\(Self.binStart(target)) would cut \(source) bars (counted from 1970-01-01 00:00 UTC) in two"
        case let .straddles(source, target):
            return "cannot resample \(source) bars to \(target): a \(source) bar can span two \(target) bins; build \(target) bars from 1d or finer bars"
        case let .monthCount(interval):
            return "cannot resample to or from \(interval): a month count must divide 12 (1mo, 2mo, 3mo, 4mo, 6mo) so that bins start on the same months every year"
        case let .badAnchor(text):
            return "--anchor '\(EchoText.capped(text))' is not a time of day (use HH:MM in UTC, e.g. 09:30)"
        case let .anchorOffGrid(anchor, source):
            return "--anchor \(Self.clock(anchor)) does not fall on a \(source) bar boundary, so the bins would cut source bars in two; use a time that is a whole number of \(source) bars after 00:00\(source.nominalSeconds >= 86_400 ? " (for \(source) bars: 00:00)" : "")"
        case let .sourceInterval(expected, found):
            return "the series holds \(found) bars, not the \(expected) bars the resampler was built for"
        case let .notAscending(t):
            return "the source bars are not in ascending time order at \(CivilTime.iso8601(t))"
        }
    }

    /// `HH:MM` of seconds after midnight.
    static func clock(_ seconds: Int64) -> String {
        let h = seconds / 3_600, m = seconds / 60 % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    private static func binStart(_ target: Interval) -> String {
        switch target.unit {
        case .week: " (starting on Mondays)"
        case .month, .year: " (starting on the 1st of a month)"
        default: ""
        }
    }
}
