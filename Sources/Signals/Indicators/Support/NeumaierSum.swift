/// A running sum with Neumaier's compensated summation (improved Kahan-Babuška).
///
/// `add(x)`: `t = s + x`; the rounding error of that addition, `(s − t) + x` when `|s| ≥ |x|` and
/// `(x − t) + s` otherwise, is accumulated in a separate compensation term `c`; the value is `s + c`.
/// A rolling window adds the new value and adds the negated old one. The result stays within a few ulps
/// of the exact sum of the current window however long the series, so two windows whose values are
/// equal in decimal (e.g. the same numbers in a different order) give the same, correctly rounded sum,
/// and a strict crossover of two averages does not fire on a rounding artefact (SEMANTICS.md 1.2).
/// A plain running sum drifts by ~1e-14 relative over a few thousand bars.
public struct NeumaierSum: Sendable, Equatable {
    @usableFromInline var sum: Double = 0
    @usableFromInline var compensation: Double = 0

    /// An empty sum (value 0).
    @inlinable public init() {}

    /// The compensated sum of everything added so far.
    @inlinable public var value: Double { sum + compensation }

    /// Adds `x` (add `-x` to remove a value that left a window).
    @inlinable public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    /// Resets to 0.
    @inlinable public mutating func reset() {
        sum = 0
        compensation = 0
    }
}
