/// Weighted moving average with linear weights 1…n, the newest value heaviest:
/// `WMA_t = Σ_{i=1..n} i·x_{t−n+i} / (n(n+1)/2)`.
///
/// TA-Lib convention: first value at input `n − 1`. O(1) per bar with two compensated running sums,
/// the window sum `T` and the weighted sum `W`: on a new value into a full window
/// `W ← W − T + n·x`, then `T ← T − x_old + x` (the weights of the older values each drop by one).
public struct WMA: ScalarIndicator {
    /// Window length n.
    public let period: Int
    @usableFromInline let divisor: Double
    @usableFromInline var window: RingBuffer
    @usableFromInline var plain = NeumaierSum()
    @usableFromInline var weighted = NeumaierSum()

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("WMA", period)
        self.period = period
        divisor = Double(period) * Double(period + 1) / 2
        window = RingBuffer(capacity: period)
    }

    public var lookback: Int { period - 1 }

    @inlinable public mutating func update(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        if window.isFull {
            weighted.add(-plain.sum)  // subtract both parts of T: no rounding of T itself
            weighted.add(-plain.compensation)
            weighted.add(Double(period) * x)
            let old = window.push(x)
            plain.add(-old)
            plain.add(x)
            return weighted.value / divisor
        }
        window.push(x)
        weighted.add(Double(window.count) * x)
        plain.add(x)
        return window.isFull ? weighted.value / divisor : .nan
    }
}
