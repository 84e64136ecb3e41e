import MarketData

/// The bars of one timestamp: for each symbol that has a bar at `timestamp`, its number in the
/// run, the bar's 0-based index in that symbol's series, and the bar. A symbol without a bar at
/// `timestamp` is simply absent (it keeps its last price and takes no step).
///
/// Reused from one timestamp to the next: `reset` keeps the capacity, so a feed fills it
/// without allocating.
public struct BarBatch: Sendable {
    public private(set) var timestamp: Int64 = 0
    public private(set) var symbols: [Int] = []
    public private(set) var indices: [Int] = []
    public private(set) var bars: [Bar] = []

    public init(capacity: Int = 1) {
        symbols.reserveCapacity(capacity)
        indices.reserveCapacity(capacity)
        bars.reserveCapacity(capacity)
    }

    public var count: Int { symbols.count }

    /// Empties the batch for bars stamped `timestamp`.
    public mutating func reset(timestamp: Int64) {
        self.timestamp = timestamp
        symbols.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        bars.removeAll(keepingCapacity: true)
    }

    /// Adds the bar of symbol number `symbol`, at position `index` in its series.
    /// - Precondition: `bar.timestamp == timestamp`, each symbol at most once.
    public mutating func append(symbol: Int, index: Int, bar: Bar) {
        symbols.append(symbol)
        indices.append(index)
        bars.append(bar)
    }
}
