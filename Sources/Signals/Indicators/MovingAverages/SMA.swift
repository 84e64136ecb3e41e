/// Simple moving average: `SMA_t = (x_{t−n+1} + … + x_t) / n`.
///
/// TA-Lib convention: first value at input `n − 1` (lookback `n − 1`). The window sum is a compensated
/// (Neumaier) rolling sum, so two averages equal in decimal are exactly equal (see `NeumaierSum`).
/// O(1) per bar; the window lives in a ring buffer allocated once.
public struct SMA: ScalarIndicator {
    /// Window length n.
    public let period: Int
    @usableFromInline var window: RingBuffer
    @usableFromInline var sum = NeumaierSum()

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("SMA", period)
        self.period = period
        window = RingBuffer(capacity: period)
    }

    public var lookback: Int { period - 1 }

    @inlinable public mutating func update(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let old = window.push(x)
        if !old.isNaN { sum.add(-old) }
        sum.add(x)
        return window.isFull ? sum.value / Double(period) : .nan
    }
}
