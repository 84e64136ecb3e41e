#if canImport(Glibc)
import Glibc
#endif
import MarketData

/// A growable column of a trivial type written through a pointer (no uniqueness or exclusivity
/// checks per append) whose storage is a Swift array, so that the finished column is handed
/// over without a copy.
///
/// The array is pre-sized to its capacity and written only through `base`, which stays valid
/// because the array is owned here alone and never mutated through Swift while a column is
/// live; `finish()` trims it to `count` and gives it away. Owned by exactly one `RunColumns`.
struct GrowableColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    private struct Header {
        var storage: [Element]
        var base: UnsafeMutablePointer<Element>
        var count: Int
        var capacity: Int
    }

    private let header: UnsafeMutablePointer<Header>

    init(capacity: Int) {
        let c = Swift.max(capacity, 16)
        header = .allocate(capacity: 1)
        header.initialize(to: GrowableColumn.makeHeader(capacity: c, copying: nil, count: 0))
    }

    init(copying other: GrowableColumn<Element>) {
        let h = other.header.pointee
        header = .allocate(capacity: 1)
        header.initialize(to: GrowableColumn.makeHeader(capacity: h.capacity, copying: h.base, count: h.count))
    }

    private static func makeHeader(capacity: Int, copying source: UnsafeMutablePointer<Element>?, count: Int) -> Header {
        var storage = [Element](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            if let source { buffer.baseAddress!.initialize(from: source, count: count) }
            initialized = capacity  // trivial elements: the tail is written before it is read
        }
        let base = storage.withUnsafeMutableBufferPointer { $0.baseAddress! }
        HugePages.advise(UnsafeMutableRawPointer(base), bytes: capacity * MemoryLayout<Element>.stride)
        return Header(storage: storage, base: base, count: count, capacity: capacity)
    }

    var count: Int { header.pointee.count }

    /// Appends in O(1) amortised: the capacity doubles when full (no allocation while reserved).
    @inline(__always)
    func append(_ x: Element) {
        let n = header.pointee.count
        if n == header.pointee.capacity { grow() }
        header.pointee.base[n] = x
        header.pointee.count = n + 1
    }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { header.pointee.base[i] }
        nonmutating set { header.pointee.base[i] = newValue }
    }

    private func grow() {
        let h = header.pointee
        header.pointee = GrowableColumn.makeHeader(capacity: h.capacity * 2, copying: h.base, count: h.count)
    }

    /// The first `count` elements as an array (the column's own storage, no copy). The column
    /// must not be used afterwards except to `free()` it.
    func finish() -> [Element] {
        var out = header.pointee.storage
        header.pointee.storage = []
        out.removeLast(out.count - header.pointee.count)
        return out
    }

    func free() {
        header.deinitialize(count: 1)
        header.deallocate()
    }
}

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
    init(copyingLatestBarsOf other: RunColumns) {
        symbolCount = other.symbolCount
        timestamps = GrowableColumn(capacity: 0)
        equity = GrowableColumn(capacity: 0)
        gross = GrowableColumn(capacity: 0)
        net = GrowableColumn(capacity: 0)
        lastIndex = .allocate(capacity: Swift.max(symbolCount, 1))
        lastIndex.initialize(from: other.lastIndex, count: symbolCount)
        lastTime = .allocate(capacity: Swift.max(symbolCount, 1))
        lastTime.initialize(from: other.lastTime, count: symbolCount)
        lastOpen = .allocate(capacity: Swift.max(symbolCount, 1))
        lastOpen.initialize(from: other.lastOpen, count: symbolCount)
        lastClose = .allocate(capacity: Swift.max(symbolCount, 1))
        lastClose.initialize(from: other.lastClose, count: symbolCount)
    }

    init(copying other: RunColumns) {
        symbolCount = other.symbolCount
        timestamps = GrowableColumn(copying: other.timestamps)
        equity = GrowableColumn(copying: other.equity)
        gross = GrowableColumn(copying: other.gross)
        net = GrowableColumn(copying: other.net)
        lastIndex = .allocate(capacity: Swift.max(symbolCount, 1))
        lastIndex.initialize(from: other.lastIndex, count: symbolCount)
        lastTime = .allocate(capacity: Swift.max(symbolCount, 1))
        lastTime.initialize(from: other.lastTime, count: symbolCount)
        lastOpen = .allocate(capacity: Swift.max(symbolCount, 1))
        lastOpen.initialize(from: other.lastOpen, count: symbolCount)
        lastClose = .allocate(capacity: Swift.max(symbolCount, 1))
        lastClose.initialize(from: other.lastClose, count: symbolCount)
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

/// Asks Linux to back large columns with transparent huge pages (`madvise(MADV_HUGEPAGE)` on the
/// 2 MiB-aligned interior), so that filling a 10M-point equity curve takes a few hundred page
/// faults instead of tens of thousands. A hint only: ignored where unsupported.
enum HugePages {
    static let pageSize = 2 << 20

    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= 2 * pageSize else { return }
        let first = (Int(bitPattern: start) + pageSize - 1) & ~(pageSize - 1)
        let last = (Int(bitPattern: start) + bytes) & ~(pageSize - 1)
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }
}
