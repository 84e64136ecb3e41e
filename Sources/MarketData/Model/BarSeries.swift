/// The bars of one symbol at one interval, stored as a struct of arrays: one contiguous column per
/// field, so that indicator and simulation loops read `[Double]` directly.
///
/// Invariant: every column has `count` elements and `timestamps` is strictly ascending once the
/// series is loaded from the store (parsers may produce unsorted series; see `sortedByTime()`).
public struct BarSeries: Sendable, Equatable {
    public var symbol: String
    public var interval: Interval
    public var timestamps: [Int64] = []
    public var open: [Double] = []
    public var high: [Double] = []
    public var low: [Double] = []
    public var close: [Double] = []
    public var volume: [Double] = []
    public var adjClose: [Double] = []

    public init(symbol: String, interval: Interval) {
        self.symbol = symbol
        self.interval = interval
    }

    public var count: Int { timestamps.count }
    public var isEmpty: Bool { timestamps.isEmpty }

    public mutating func reserveCapacity(_ n: Int) {
        timestamps.reserveCapacity(n)
        open.reserveCapacity(n)
        high.reserveCapacity(n)
        low.reserveCapacity(n)
        close.reserveCapacity(n)
        volume.reserveCapacity(n)
        adjClose.reserveCapacity(n)
    }

    public mutating func append(_ bar: Bar) {
        timestamps.append(bar.timestamp)
        open.append(bar.open)
        high.append(bar.high)
        low.append(bar.low)
        close.append(bar.close)
        volume.append(bar.volume)
        adjClose.append(bar.adjClose)
    }

    /// The bar at position `i` (0-based). O(1).
    public subscript(i: Int) -> Bar {
        Bar(
            timestamp: timestamps[i], open: open[i], high: high[i], low: low[i],
            close: close[i], volume: volume[i], adjClose: adjClose[i])
    }

    /// The series with OHLC scaled by `adjClose / close` on each bar (split and dividend
    /// adjustment, Yahoo's convention); volume is left as traded. Bars whose close is zero or
    /// whose adjusted close is missing keep their raw prices.
    public func adjusted() -> BarSeries {
        var out = self
        for i in 0..<count {
            let c = close[i]
            let a = adjClose[i]
            guard c != 0, a.isFinite, c.isFinite else { continue }
            let f = a / c
            out.open[i] = open[i] * f
            out.high[i] = high[i] * f
            out.low[i] = low[i] * f
            out.close[i] = a
        }
        return out
    }

    /// The bars in ascending time order (stable, so the later of two rows with the same stamp
    /// stays later). O(n log n); O(n) when already sorted.
    public func sortedByTime() -> BarSeries {
        var ascending = true
        var descending = true
        for i in 1..<max(count, 1) {
            if timestamps[i] < timestamps[i - 1] { ascending = false }
            if timestamps[i] > timestamps[i - 1] { descending = false }
        }
        if ascending { return self }
        let order: [Int]
        if descending {
            order = Array((0..<count).reversed())
        } else {
            order = (0..<count).sorted { (timestamps[$0], $0) < (timestamps[$1], $1) }
        }
        return permuted(by: order)
    }

    /// The bars at the given positions, in that order.
    public func permuted(by order: [Int]) -> BarSeries {
        var out = BarSeries(symbol: symbol, interval: interval)
        out.timestamps = order.map { timestamps[$0] }
        out.open = order.map { open[$0] }
        out.high = order.map { high[$0] }
        out.low = order.map { low[$0] }
        out.close = order.map { close[$0] }
        out.volume = order.map { volume[$0] }
        out.adjClose = order.map { adjClose[$0] }
        return out
    }
}
