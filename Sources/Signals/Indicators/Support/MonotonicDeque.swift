/// Rolling maximum (or minimum) over the last `window` values in O(1) amortised time per value,
/// preallocated in `init` (no allocation per value).
///
/// Keeps a deque of (position, value) candidates whose values are strictly decreasing from front to
/// back (for a maximum): a new value first drops every candidate it dominates from the back (it is
/// newer and at least as large, so they can never be the extreme again), then the front is dropped once
/// it leaves the window. The front is the extreme of the window. Each value enters and leaves once.
/// At most `window` candidates are ever held, so fixed arrays of that size suffice.
public struct MonotonicDeque: Sendable {
    @usableFromInline var values: [Double]
    @usableFromInline var positions: [Int]
    @usableFromInline var front = 0
    @usableFromInline var size = 0
    @usableFromInline var nextPosition = 0
    @usableFromInline let window: Int
    @usableFromInline let isMax: Bool

    /// A rolling maximum (`maximum: true`) or minimum over `window` (≥ 1) values.
    @inlinable public init(window: Int, maximum: Bool) {
        let w = Swift.max(1, window)
        self.window = w
        self.isMax = maximum
        values = [Double](repeating: 0, count: w)
        positions = [Int](repeating: 0, count: w)
    }

    /// Number of values pushed so far.
    @inlinable public var pushed: Int { nextPosition }

    /// Pushes `x` and returns the extreme of the last `window` values including `x`.
    @inlinable public mutating func push(_ x: Double) -> Double {
        let cap = window
        // Drop the front if it has left the window [pos − window + 1, pos].
        if size > 0 && positions[front] <= nextPosition - cap {
            front += 1
            if front == cap { front = 0 }
            size -= 1
        }
        // Drop dominated candidates from the back.
        while size > 0 {
            var back = front + size - 1
            if back >= cap { back -= cap }
            let v = values[back]
            if isMax ? (v <= x) : (v >= x) { size -= 1 } else { break }
        }
        var slot = front + size
        if slot >= cap { slot -= cap }
        values[slot] = x
        positions[slot] = nextPosition
        size += 1
        nextPosition += 1
        return values[front]
    }
}
