/// Rolling maximum (or minimum) over the last `window` values in O(1) amortised time per value,
/// preallocated in `init` (no allocation per value).
///
/// Keeps a deque of (position, value) candidates whose values are strictly decreasing from front to
/// back: a new value first drops every candidate it dominates from the back (it is newer and at least
/// as large, so they can never be the extreme again), then the front is dropped once it leaves the
/// window. The front is the extreme of the window. Each value enters and leaves once. At most `window`
/// candidates are ever held, so one fixed array of that size suffices. A minimum is the maximum of the
/// negated values (negation is exact).
public struct MonotonicDeque: Sendable {
    @usableFromInline struct Candidate: Sendable {
        @usableFromInline var value: Double
        @usableFromInline var position: Int
        @inlinable init(value: Double, position: Int) {
            self.value = value
            self.position = position
        }
    }

    @usableFromInline var candidates: [Candidate]
    @usableFromInline var front = 0
    @usableFromInline var size = 0
    @usableFromInline var nextPosition = 0
    @usableFromInline let window: Int
    @usableFromInline let sign: Double

    /// A rolling maximum (`maximum: true`) or minimum over `window` (≥ 1) values.
    @inlinable public init(window: Int, maximum: Bool) {
        let w = Swift.max(1, window)
        self.window = w
        sign = maximum ? 1 : -1
        candidates = [Candidate](repeating: Candidate(value: 0, position: 0), count: w)
    }

    /// Number of values pushed so far.
    @inlinable public var pushed: Int { nextPosition }

    /// Pushes `x` and returns the extreme of the last `window` values including `x`.
    @inlinable public mutating func push(_ x: Double) -> Double {
        let cap = window
        let v = sign * x
        let position = nextPosition
        nextPosition += 1
        return candidates.withUnsafeMutableBufferPointer { c in
            // Drop the front if it has left the window [position − window + 1, position].
            if size > 0 && c[front].position <= position - cap {
                front += 1
                if front == cap { front = 0 }
                size -= 1
            }
            // Drop dominated candidates from the back.
            var back = front + size - 1
            if back >= cap { back -= cap }
            while size > 0 && c[back].value <= v {
                size -= 1
                back = back == 0 ? cap - 1 : back - 1
            }
            var slot = front + size
            if slot >= cap { slot -= cap }
            c[slot] = Candidate(value: v, position: position)
            size += 1
            return sign * c[front].value
        }
    }
}
