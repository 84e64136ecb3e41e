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

    /// Makes room for `additional` more elements and returns where the next one goes: a caller
    /// that writes them through the pointer then calls `didAppend(_:)`.
    func reserve(additional: Int) -> UnsafeMutablePointer<Element> {
        let h = header.pointee
        if h.count + additional > h.capacity {
            header.pointee = GrowableColumn.makeHeader(capacity: Swift.max(h.capacity * 2, h.count + additional), copying: h.base, count: h.count)
        }
        return header.pointee.base + header.pointee.count
    }

    /// Records `n` elements written through the pointer `reserve(additional:)` returned.
    /// Removes the first `n` elements, moving the rest to the front. O(count − n).
    func dropFirst(_ n: Int) {
        guard n > 0 else { return }
        let h = header.pointee
        // memmove: the regions overlap.
        UnsafeMutableRawPointer(h.base).copyMemory(from: h.base + n, byteCount: (h.count - n) * MemoryLayout<Element>.stride)
        header.pointee.count = h.count - n
    }

    func didAppend(_ n: Int) { header.pointee.count += n }

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
