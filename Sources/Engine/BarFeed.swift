import MarketData

/// Replays loaded series in time order (the backtest and sweep feed of DESIGN.md section 1):
/// each call to `next(into:)` yields every bar stamped with the next smallest timestamp across
/// the symbols, so symbols with different calendars merge naturally.
///
/// O(k) per timestamp for k symbols; no allocation.
public struct BarFeed: Sendable {
    public let series: [BarSeries]
    private var cursors: [Int]

    /// - Precondition: each series is in strictly ascending time order (as the store loads it).
    public init(_ series: [BarSeries]) {
        self.series = series
        cursors = Array(repeating: 0, count: series.count)
    }

    /// The number of distinct timestamps is at most this (the sum of the series' lengths).
    public var maxSteps: Int { series.reduce(0) { $0 + $1.count } }

    /// Fills `batch` with the bars of the next timestamp; false when every series is exhausted.
    public mutating func next(into batch: inout BarBatch) -> Bool {
        var t = Int64.max
        var any = false
        for k in 0..<series.count where cursors[k] < series[k].count {
            let ts = series[k].timestamps[cursors[k]]
            if ts < t { t = ts }
            any = true
        }
        guard any else { return false }
        batch.reset(timestamp: t)
        for k in 0..<series.count {
            let i = cursors[k]
            guard i < series[k].count, series[k].timestamps[i] == t else { continue }
            batch.append(symbol: k, index: i, bar: series[k][i])
            cursors[k] = i + 1
        }
        return true
    }
}
