/// Rolling mean and **population** variance of the last n values (shared by `StdDev` and
/// `BollingerBands`): compensated rolling sums `Σx` and `Σx²`, `mean = Σx/n`,
/// `var = Σx²/n − mean²`, clamped at 0 (TA-Lib's formula; TA-Lib clamps below 1e-8, here below 0 so
/// that tiny-priced assets keep their dispersion).
@usableFromInline
struct RollingMoments: Sendable {
    @usableFromInline let period: Int
    @usableFromInline var window: RingBuffer
    @usableFromInline var sum = NeumaierSum()
    @usableFromInline var sumSquares = NeumaierSum()

    @usableFromInline init(period: Int) {
        self.period = period
        window = RingBuffer(capacity: period)
    }

    /// Pushes `x`; returns (mean, variance), NaN while the window is not full.
    @inlinable mutating func push(_ x: Double) -> (mean: Double, variance: Double) {
        let old = window.push(x)
        if !old.isNaN {
            sum.add(-old)
            sumSquares.add(-(old * old))
        }
        sum.add(x)
        sumSquares.add(x * x)
        guard window.isFull else { return (.nan, .nan) }
        let n = Double(period)
        let mean = sum.value / n
        let variance = sumSquares.value / n - mean * mean
        return (mean, variance > 0 ? variance : 0)
    }
}
