/// On-balance volume (TA-Lib convention): **starts at the first bar's volume** (not 0), then adds the
/// bar's volume when the close rose, subtracts it when the close fell, and is unchanged on an exact tie.
///
/// First value at bar 0 (lookback 0). O(1) per bar; the running total is compensated.
/// Reads close and volume; high and low are ignored.
public struct OBV: BarIndicator {
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var total = NeumaierSum()

    /// OBV has no parameter.
    public init() {}

    public var lookback: Int { 0 }

    @inlinable public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        guard close.isFinite, volume.isFinite else { return .nan }
        if previousClose.isNaN {
            total.add(volume)
        } else if close > previousClose {
            total.add(volume)
        } else if close < previousClose {
            total.add(-volume)
        }
        previousClose = close
        return total.value
    }
}
