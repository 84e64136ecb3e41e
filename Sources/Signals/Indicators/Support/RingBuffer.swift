/// A fixed-capacity ring buffer of `Double`s, preallocated in `init`; pushing never allocates.
///
/// Index arithmetic only: `head` is the slot of the oldest element; a push into a full buffer
/// overwrites (evicts) the oldest element and returns it.
public struct RingBuffer: Sendable {
    @usableFromInline var storage: [Double]
    @usableFromInline var head: Int = 0
    @usableFromInline var held: Int = 0
    /// Number of elements held (at most `capacity`).
    @inlinable public var count: Int { held }

    /// A buffer holding at most `capacity` (≥ 1) values.
    @inlinable public init(capacity: Int) {
        storage = [Double](repeating: 0, count: Swift.max(1, capacity))
    }

    /// Maximum number of values held.
    @inlinable public var capacity: Int { storage.count }
    /// True once `count == capacity`.
    @inlinable public var isFull: Bool { count == storage.count }

    /// Appends `x`. Returns the evicted oldest value when the buffer was full, otherwise NaN.
    @inlinable @discardableResult
    public mutating func push(_ x: Double) -> Double {
        if held < storage.count {
            var slot = head + held
            if slot >= storage.count { slot -= storage.count }
            storage[slot] = x
            held += 1
            return .nan
        }
        let old = storage[head]
        storage[head] = x
        head += 1
        if head == storage.count { head = 0 }
        return old
    }

    /// The `i`-th oldest value (`0` is the oldest, `count − 1` the newest). Requires `i < count`.
    @inlinable public subscript(i: Int) -> Double {
        var slot = head + i
        if slot >= storage.count { slot -= storage.count }
        return storage[slot]
    }

    /// The oldest value held (NaN when empty).
    @inlinable public var oldest: Double { count == 0 ? .nan : storage[head] }
}
