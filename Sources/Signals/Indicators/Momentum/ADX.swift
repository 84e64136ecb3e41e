/// Average directional index, Wilder (TA-Lib convention).
///
/// From bar 1: `up = H − H₋₁`, `down = L₋₁ − L`; `−DM = down` if `down > 0` and `up < down`, else
/// `+DM = up` if `up > 0` and `up > down`, else both 0; true range
/// `TR = max(H − L, |H − C₋₁|, |L − C₋₁|)`. Wilder running **sums** `S` of +DM, −DM and TR are seeded
/// with the plain sums over bars 1…n−1, then from bar n `S ← S − S/n + x`.
/// `+DI = 100·S₊/S_TR`, `−DI = 100·S₋/S_TR`, `DX = 100·|+DI − −DI|/(+DI + −DI)` from bar n.
/// `ADX` is seeded with the mean of DX over bars n…2n−1 (first value at bar 2n − 1, lookback 2n − 1),
/// then `ADX ← (ADX·(n − 1) + DX)/n`. As TA-Lib, a bar whose `S_TR` or `+DI + −DI` is 0 contributes
/// DX = 0 to the seed and leaves ADX unchanged afterwards (TA-Lib tests against 1e-8; here exactly 0).
/// O(1) per bar. Reads high, low and close; volume is ignored.
public struct ADX: BarIndicator {
    /// Period n.
    public let period: Int
    @usableFromInline var bars = 0
    @usableFromInline var previousHigh = 0.0
    @usableFromInline var previousLow = 0.0
    @usableFromInline var previousClose = 0.0
    @usableFromInline var plusDM = 0.0
    @usableFromInline var minusDM = 0.0
    @usableFromInline var trueRange = 0.0
    @usableFromInline var dxSum = 0.0
    @usableFromInline var adx = Double.nan

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("ADX", period)
        self.period = period
    }

    public var lookback: Int { 2 * period - 1 }

    @inlinable public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        guard high.isFinite, low.isFinite, close.isFinite else { return .nan }
        let index = bars
        bars += 1
        defer {
            previousHigh = high
            previousLow = low
            previousClose = close
        }
        if index == 0 { return .nan }
        let up = high - previousHigh
        let down = previousLow - low
        var pdm = 0.0
        var mdm = 0.0
        if down > 0 && up < down {
            mdm = down
        } else if up > 0 && up > down {
            pdm = up
        }
        var tr = high - low
        let a = abs(previousClose - high)
        if a > tr { tr = a }
        let b = abs(previousClose - low)
        if b > tr { tr = b }
        if index < period {
            plusDM += pdm
            minusDM += mdm
            trueRange += tr
            return .nan
        }
        let n = Double(period)
        plusDM = plusDM - plusDM / n + pdm
        minusDM = minusDM - minusDM / n + mdm
        trueRange = trueRange - trueRange / n + tr
        var dx = Double.nan
        if trueRange != 0 {
            let minusDI = 100.0 * (minusDM / trueRange)
            let plusDI = 100.0 * (plusDM / trueRange)
            let sum = minusDI + plusDI
            if sum != 0 { dx = 100.0 * (abs(minusDI - plusDI) / sum) }
        }
        if index < 2 * period - 1 {
            if !dx.isNaN { dxSum += dx }
            return .nan
        }
        if index == 2 * period - 1 {
            if !dx.isNaN { dxSum += dx }
            adx = dxSum / n
            return adx
        }
        if !dx.isNaN { adx = (adx * (n - 1) + dx) / n }
        return adx
    }
}
