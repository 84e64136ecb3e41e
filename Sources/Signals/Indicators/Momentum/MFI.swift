/// Money flow index over n bars (TA-Lib convention, with TA-Lib's dead zone).
///
/// Typical price `TP = (H + L + C)/3`, money flow `MF = TP·V`. A bar's flow is positive when TP rose
/// from the previous bar, negative when it fell, and none when it is unchanged — where "unchanged"
/// means inside the dead zone `|TP − TP₋₁| ≤ 1e-14·(|TP| + |TP₋₁|)`, not only an exact tie: typical
/// prices equal in decimal can differ by ~4e-15 in binary (the sum of three prices rounds differently
/// depending on their order) and must count as ties, or MFI is off by several percent on those bars.
/// `MFI = 100·ΣposMF/(ΣposMF + ΣnegMF)` over the last n flows; 0 when both sums are 0.
/// First flow at bar 1, so the first value is at bar n (lookback n). O(1) per bar: compensated rolling
/// sums over two ring buffers. Reads high, low, close and volume.
public struct MFI: BarIndicator {
    /// Window length n (number of money flows).
    public let period: Int
    /// Relative half-width of the dead zone for unchanged typical prices.
    public static let deadZone = 1e-14
    @usableFromInline var previousTP = Double.nan
    @usableFromInline var positive: RingBuffer
    @usableFromInline var negative: RingBuffer
    @usableFromInline var positiveSum = NeumaierSum()
    @usableFromInline var negativeSum = NeumaierSum()

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("MFI", period)
        self.period = period
        positive = RingBuffer(capacity: period)
        negative = RingBuffer(capacity: period)
    }

    public var lookback: Int { period }

    @inlinable public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        guard high.isFinite, low.isFinite, close.isFinite, volume.isFinite else { return .nan }
        let tp = (high + low + close) / 3.0
        if previousTP.isNaN {
            previousTP = tp
            return .nan
        }
        let change = tp - previousTP
        let flow = tp * volume
        var pos = 0.0
        var neg = 0.0
        if abs(change) > MFI.deadZone * (abs(tp) + abs(previousTP)) {
            if change > 0 { pos = flow } else { neg = flow }
        }
        previousTP = tp
        let oldPos = positive.push(pos)
        let oldNeg = negative.push(neg)
        if !oldPos.isNaN {
            positiveSum.add(-oldPos)
            negativeSum.add(-oldNeg)
        }
        positiveSum.add(pos)
        negativeSum.add(neg)
        guard positive.isFull else { return .nan }
        let p = positiveSum.value
        let total = p + negativeSum.value
        return total != 0 ? 100.0 * (p / total) : 0.0
    }
}
