/// Rate of change in percent: `ROC_t = (x_t / x_{t−n} − 1)·100`; 0 when `x_{t−n}` is 0 (TA-Lib).
///
/// TA-Lib convention: first value at input n (lookback n). O(1) per bar with a ring buffer of the
/// last n values.
public struct ROC: ScalarIndicator {
    /// Period n.
    public let period: Int
    @usableFromInline var window: RingBuffer

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("ROC", period)
        self.period = period
        window = RingBuffer(capacity: period)
    }

    public var lookback: Int { period }

    @inlinable public mutating func update(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let old = window.push(x)
        if old.isNaN { return .nan }
        return old != 0 ? ((x / old) - 1.0) * 100.0 : 0.0
    }
}
