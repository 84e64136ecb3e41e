/// Momentum: `MOM_t = x_t − x_{t−n}`.
///
/// TA-Lib convention: first value at input n (lookback n). O(1) per bar with a ring buffer of the
/// last n values.
public struct MOM: ScalarIndicator {
    /// Period n.
    public let period: Int
    @usableFromInline var window: RingBuffer

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("MOM", period)
        self.period = period
        window = RingBuffer(capacity: period)
    }

    public var lookback: Int { period }

    @inlinable public mutating func update(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let old = window.push(x)
        return old.isNaN ? .nan : x - old
    }
}
