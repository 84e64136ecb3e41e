/// Williams %R: `WILLR_t = −100·(HH − C_t)/(HH − LL)` over the last n bars (HH highest high, LL lowest
/// low, current bar included); 0 when `HH = LL` (TA-Lib).
///
/// TA-Lib convention: first value at bar n − 1. O(1) amortised per bar (monotonic deques).
/// Reads high, low and close; volume is ignored.
public struct WilliamsR: BarIndicator {
    /// Window length n.
    public let period: Int
    @usableFromInline var highs: MonotonicDeque
    @usableFromInline var lows: MonotonicDeque

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("WilliamsR", period)
        self.period = period
        highs = MonotonicDeque(window: period, maximum: true)
        lows = MonotonicDeque(window: period, maximum: false)
    }

    public var lookback: Int { period - 1 }

    @inlinable public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        guard high.isFinite, low.isFinite, close.isFinite else { return .nan }
        let hh = highs.push(high)
        let ll = lows.push(low)
        if highs.pushed < period { return .nan }
        let range = (hh - ll) * -0.01
        return range != 0 ? (hh - close) / range : 0.0
    }
}
