import MarketData

/// The per-timestamp outputs of a simulation (timestamps, equity, gross and net exposure) and
/// each symbol's latest bar, in pointer columns so that the per-bar loop pays no copy-on-write
/// checks. `Simulation` copies it on write (one uniqueness check per step), keeping value
/// semantics.
final class RunColumns: @unchecked Sendable {
    let timestamps: GrowableColumn<Int64>
    let equity: GrowableColumn<Double>
    let gross: GrowableColumn<Double>
    let net: GrowableColumn<Double>
    /// Per symbol: index of its latest bar (−1 before the first), and that bar's time, open and
    /// close (separate scalars: stored from registers, no struct copy per bar).
    let lastIndex: UnsafeMutablePointer<Int>
    let lastTime: UnsafeMutablePointer<Int64>
    let lastOpen: UnsafeMutablePointer<Double>
    let lastClose: UnsafeMutablePointer<Double>
    let symbolCount: Int

    init(symbolCount: Int, capacity: Int) {
        self.symbolCount = symbolCount
        timestamps = GrowableColumn(capacity: capacity)
        equity = GrowableColumn(capacity: capacity)
        gross = GrowableColumn(capacity: capacity)
        net = GrowableColumn(capacity: capacity)
        lastIndex = .allocate(capacity: Swift.max(symbolCount, 1))
        lastIndex.initialize(repeating: -1, count: symbolCount)
        lastTime = .allocate(capacity: Swift.max(symbolCount, 1))
        lastTime.initialize(repeating: 0, count: symbolCount)
        lastOpen = .allocate(capacity: Swift.max(symbolCount, 1))
        lastOpen.initialize(repeating: .nan, count: symbolCount)
        lastClose = .allocate(capacity: Swift.max(symbolCount, 1))
        lastClose.initialize(repeating: .nan, count: symbolCount)
    }

    /// Empty columns that keep `other`'s latest bars.
    /// Drops the first `n` points of every column (kept in place: no allocation).
    func dropFirst(_ n: Int) {
        timestamps.dropFirst(n)
        equity.dropFirst(n)
        gross.dropFirst(n)
        net.dropFirst(n)
    }

    init(copyingLatestBarsOf other: RunColumns) {
        symbolCount = other.symbolCount
        timestamps = GrowableColumn(capacity: 0)
        equity = GrowableColumn(capacity: 0)
        gross = GrowableColumn(capacity: 0)
        net = GrowableColumn(capacity: 0)
        lastIndex = RunColumns.copy(other.lastIndex, other.symbolCount)
        lastTime = RunColumns.copy(other.lastTime, other.symbolCount)
        lastOpen = RunColumns.copy(other.lastOpen, other.symbolCount)
        lastClose = RunColumns.copy(other.lastClose, other.symbolCount)
    }

    init(copying other: RunColumns) {
        symbolCount = other.symbolCount
        timestamps = GrowableColumn(copying: other.timestamps)
        equity = GrowableColumn(copying: other.equity)
        gross = GrowableColumn(copying: other.gross)
        net = GrowableColumn(copying: other.net)
        lastIndex = RunColumns.copy(other.lastIndex, other.symbolCount)
        lastTime = RunColumns.copy(other.lastTime, other.symbolCount)
        lastOpen = RunColumns.copy(other.lastOpen, other.symbolCount)
        lastClose = RunColumns.copy(other.lastClose, other.symbolCount)
    }

    /// A fresh allocation holding the first `count` values of `source`.
    private static func copy<T>(_ source: UnsafeMutablePointer<T>, _ count: Int) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(count, 1))
        p.initialize(from: source, count: count)
        return p
    }

    deinit {
        timestamps.free()
        equity.free()
        gross.free()
        net.free()
        lastIndex.deallocate()
        lastTime.deallocate()
        lastOpen.deallocate()
        lastClose.deallocate()
    }
}
