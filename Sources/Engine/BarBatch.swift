import MarketData

/// The bars of one timestamp: for each symbol that has a bar at `timestamp`, its number in the
/// run, the bar's 0-based index in that symbol's series, and the bar. A symbol without a bar at
/// `timestamp` is simply absent (it keeps its last price and takes no step).
///
/// Reused from one timestamp to the next: `reset` keeps the capacity, so a feed fills it
/// without allocating.
public struct BarBatch: Sendable {
    public private(set) var timestamp: Int64 = 0
    /// The number of bars in the batch.
    public private(set) var count = 0
    private var symbolStore: [Int] = []
    private var indexStore: [Int] = []
    private var barStore: [Bar] = []

    public init(capacity: Int = 1) {
        symbolStore.reserveCapacity(capacity)
        indexStore.reserveCapacity(capacity)
        barStore.reserveCapacity(capacity)
    }

    /// Symbol numbers, bar indices and bars of the batch (the first `count` of each store).
    public var symbols: ArraySlice<Int> { symbolStore[..<count] }
    public var indices: ArraySlice<Int> { indexStore[..<count] }
    public var bars: ArraySlice<Bar> { barStore[..<count] }

    /// Empties the batch for bars stamped `timestamp` (storage is kept and overwritten).
    public mutating func reset(timestamp: Int64) {
        self.timestamp = timestamp
        count = 0
    }

    /// Adds the bar of symbol number `symbol`, at position `index` in its series.
    /// - Precondition: `bar.timestamp == timestamp`, each symbol at most once.
    public mutating func append(symbol: Int, index: Int, bar: Bar) {
        if count < symbolStore.count {
            symbolStore[count] = symbol
            indexStore[count] = index
            barStore[count] = bar
        } else {
            symbolStore.append(symbol)
            indexStore.append(index)
            barStore.append(bar)
        }
        count += 1
    }
}
