/// Rolling mean and **population** variance of the last n values, shared by `StdDev` and
/// `BollingerBands`.
///
/// - mean: `Σx/n` with a compensated rolling `Σx`, bit-identical to `SMA` (so `bb_middle` equals
///   `sma` exactly);
/// - variance: TA-Lib's formula `E[x²] − E[x]²`, but on values shifted by a centre `K`:
///   `d = x − K`, `var = Σd²/n − (Σd/n)²` with compensated rolling `Σd`, `Σd²`, clamped at 0. `K` is
///   re-set to the window mean every n values and both sums are recomputed from the window (O(n) once
///   every n values: O(1) amortised). Centring removes the cancellation of `E[x²] − E[x]²` on
///   large prices, and a window of equal values has a variance of exactly 0.
@usableFromInline
struct RollingMoments: Sendable {
    @usableFromInline let period: Int
    @usableFromInline var window: RingBuffer
    @usableFromInline var sum = NeumaierSum()
    @usableFromInline var centre = Double.nan
    @usableFromInline var deviations = NeumaierSum()
    @usableFromInline var squares = NeumaierSum()
    @usableFromInline var sinceRecentre = 0

    @usableFromInline init(period: Int) {
        self.period = period
        window = RingBuffer(capacity: period)
    }

    /// Pushes `x`; returns (mean, variance), NaN while the window is not full.
    @inlinable mutating func push(_ x: Double) -> (mean: Double, variance: Double) {
        if centre.isNaN { centre = x }
        let old = window.push(x)
        if !old.isNaN {
            sum.add(-old)
            let d = old - centre
            deviations.add(-d)
            squares.add(-(d * d))
        }
        sum.add(x)
        let d = x - centre
        deviations.add(d)
        squares.add(d * d)
        guard window.isFull else { return (.nan, .nan) }
        let n = Double(period)
        let mean = sum.value / n
        sinceRecentre += 1
        if sinceRecentre >= period {
            sinceRecentre = 0
            recentre(on: mean)
        }
        let m = deviations.value / n
        let variance = squares.value / n - m * m
        return (mean, variance > 0 ? variance : 0)
    }

    /// Sets the centre to `k` and recomputes the centred sums from the window.
    @usableFromInline mutating func recentre(on k: Double) {
        centre = k
        deviations.reset()
        squares.reset()
        for i in 0..<window.count {
            let d = window[i] - k
            deviations.add(d)
            squares.add(d * d)
        }
    }
}
