/// Average true range, Wilder smoothing (TA-Lib convention).
///
/// True range from bar 1 (it needs the previous close): `TR = max(H − L, |H − C₋₁|, |L − C₋₁|)`.
/// Seed: the mean of TR over bars 1…n, first value at bar n (lookback n); then
/// `ATR ← (ATR·(n − 1) + TR)/n`. With n = 1 this is the true range itself. O(1) per bar.
/// Reads high, low and close; volume is ignored.
public struct ATR: BarIndicator {
    /// Period n.
    public let period: Int
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var ranges = 0
    @usableFromInline var seedSum = NeumaierSum()
    @usableFromInline var atr = Double.nan

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("ATR", period)
        self.period = period
    }

    public var lookback: Int { period }

    @inlinable public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        guard high.isFinite, low.isFinite, close.isFinite else { return .nan }
        let pc = previousClose
        previousClose = close
        if pc.isNaN { return .nan }
        var tr = high - low
        let a = abs(pc - high)
        if a > tr { tr = a }
        let b = abs(pc - low)
        if b > tr { tr = b }
        if ranges >= period {
            let n = Double(period)
            atr = (atr * (n - 1) + tr) / n
            return atr
        }
        ranges += 1
        seedSum.add(tr)
        if ranges == period { atr = seedSum.value / Double(period) }
        return atr
    }
}
