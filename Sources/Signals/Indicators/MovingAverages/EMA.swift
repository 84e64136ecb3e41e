/// Exponential moving average, TA-Lib style.
///
/// Seed: the SMA of the first n values, emitted at input `n − 1` (lookback `n − 1`). Then
/// `EMA_t = (x_t − EMA_{t−1})·k + EMA_{t−1}` with `k = 2/(n + 1)` (TA-Lib's operation order).
/// O(1) per bar, no buffer.
public struct EMA: ScalarIndicator {
    /// Period n.
    public let period: Int
    /// Smoothing factor k = 2/(n + 1).
    public let k: Double
    @usableFromInline var seen = 0
    @usableFromInline var seedSum = NeumaierSum()
    @usableFromInline var value = Double.nan

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("EMA", period)
        self.period = period
        k = 2.0 / Double(period + 1)
    }

    public var lookback: Int { period - 1 }

    @inlinable public mutating func update(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        if seen >= period {
            value = (x - value) * k + value
            return value
        }
        seen += 1
        seedSum.add(x)
        if seen == period { value = seedSum.value / Double(period) }
        return value
    }
}
