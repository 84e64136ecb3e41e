/// Relative strength index, Wilder's smoothing (TA-Lib convention).
///
/// Changes `d_t = x_t − x_{t−1}`, gain `max(d, 0)`, loss `max(−d, 0)`. Seed: the simple means of the
/// first n gains and losses (inputs 1…n), first value at input n (lookback n). Then
/// `avg ← (avg·(n − 1) + g)/n` for gains and losses alike, and
/// `RSI = 100·avgGain/(avgGain + avgLoss)`; 0 when both averages are 0 (no movement), as TA-Lib
/// (TA-Lib tests that sum against 1e-8 absolute; here exactly 0, so tiny-priced assets are not zeroed).
public struct RSI: ScalarIndicator {
    /// Period n.
    public let period: Int
    @usableFromInline var previous = Double.nan
    @usableFromInline var changes = 0
    @usableFromInline var gain = 0.0
    @usableFromInline var loss = 0.0

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("RSI", period)
        self.period = period
    }

    public var lookback: Int { period }

    @inlinable public mutating func update(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        if previous.isNaN {
            previous = x
            return .nan
        }
        let d = x - previous
        previous = x
        let n = Double(period)
        if changes >= period {
            gain *= n - 1
            loss *= n - 1
            if d < 0 { loss -= d } else { gain += d }
            gain /= n
            loss /= n
        } else {
            changes += 1
            if d < 0 { loss -= d } else { gain += d }
            if changes < period { return .nan }
            gain /= n
            loss /= n
        }
        let total = gain + loss
        return total != 0 ? 100.0 * (gain / total) : 0.0
    }
}
