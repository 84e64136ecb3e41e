import MarketData

/// A growable column that owns its memory through a pointer: appends and reads with no
/// uniqueness or exclusivity checks. Owned by exactly one `RunColumns`, which frees it.
struct GrowableColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    init(copying other: GrowableColumn<Element>) {
        capacity = other.capacity
        count = other.count
        base = .allocate(capacity: capacity)
        base.initialize(from: other.base, count: count)
    }

    /// Appends in O(1) amortised: the capacity doubles when full (no allocation while reserved).
    @inline(__always)
    mutating func append(_ x: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: x)
        count += 1
    }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    func free() { base.deallocate() }

    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// The per-timestamp outputs of a simulation (timestamps, equity, gross and net exposure) and
/// each symbol's latest bar, in pointer columns so that the per-bar loop pays no copy-on-write
/// checks. `Simulation` copies it on write (one uniqueness check per step), keeping value
/// semantics.
final class RunColumns: @unchecked Sendable {
    var timestamps: GrowableColumn<Int64>
    var equity: GrowableColumn<Double>
    var gross: GrowableColumn<Double>
    var net: GrowableColumn<Double>
    /// Per symbol: index of its latest bar (−1 before the first) and that bar.
    let lastIndex: UnsafeMutablePointer<Int>
    let lastBar: UnsafeMutablePointer<Bar>
    let symbolCount: Int

    init(symbolCount: Int, capacity: Int) {
        self.symbolCount = symbolCount
        timestamps = GrowableColumn(capacity: capacity)
        equity = GrowableColumn(capacity: capacity)
        gross = GrowableColumn(capacity: capacity)
        net = GrowableColumn(capacity: capacity)
        lastIndex = .allocate(capacity: Swift.max(symbolCount, 1))
        lastIndex.initialize(repeating: -1, count: symbolCount)
        lastBar = .allocate(capacity: Swift.max(symbolCount, 1))
        lastBar.initialize(repeating: Bar(timestamp: 0, open: .nan, high: .nan, low: .nan, close: .nan), count: symbolCount)
    }

    init(copying other: RunColumns) {
        symbolCount = other.symbolCount
        timestamps = GrowableColumn(copying: other.timestamps)
        equity = GrowableColumn(copying: other.equity)
        gross = GrowableColumn(copying: other.gross)
        net = GrowableColumn(copying: other.net)
        lastIndex = .allocate(capacity: Swift.max(symbolCount, 1))
        lastIndex.initialize(from: other.lastIndex, count: symbolCount)
        lastBar = .allocate(capacity: Swift.max(symbolCount, 1))
        lastBar.initialize(from: other.lastBar, count: symbolCount)
    }

    deinit {
        timestamps.free()
        equity.free()
        gross.free()
        net.free()
        lastIndex.deallocate()
        lastBar.deallocate()
    }
}
