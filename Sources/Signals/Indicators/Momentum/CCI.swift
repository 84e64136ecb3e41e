/// Commodity channel index: typical price `TP = (H + L + C)/3`,
/// `CCI = (TP_t − SMA_n(TP)) / (0.015 · MD)` with `MD = (1/n)·Σ|TP_i − SMA_n(TP)|` the mean absolute
/// deviation over the window; 0 when the numerator or MD is 0 (TA-Lib).
///
/// TA-Lib convention: first value at bar n − 1. The mean uses a compensated rolling sum; the mean
/// absolute deviation is about the *current* mean, so it is rescanned over the window each bar:
/// **O(n) per bar** (the one indicator that is not O(1); no allocation, the window is a ring buffer).
/// Reads high, low and close; volume is ignored.
public struct CCI: BarIndicator {
    /// Window length n.
    public let period: Int
    @usableFromInline var window: RingBuffer
    @usableFromInline var sum = NeumaierSum()

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("CCI", period)
        self.period = period
        window = RingBuffer(capacity: period)
    }

    public var lookback: Int { period - 1 }

    @inlinable public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        guard high.isFinite, low.isFinite, close.isFinite else { return .nan }
        let tp = (high + low + close) / 3.0
        let old = window.push(tp)
        if !old.isNaN { sum.add(-old) }
        sum.add(tp)
        guard window.isFull else { return .nan }
        let n = Double(period)
        let mean = sum.value / n
        var deviation = 0.0
        for i in 0..<period { deviation += abs(window[i] - mean) }
        let numerator = tp - mean
        return numerator != 0 && deviation != 0 ? numerator / (0.015 * (deviation / n)) : 0.0
    }
}
