/// Highest value of the last n inputs, the current one included (TA-Lib `MAX`).
///
/// First value at input n − 1. O(1) amortised per input with a monotonic deque.
public struct Highest: ScalarIndicator {
    /// Window length n.
    public let period: Int
    @usableFromInline var deque: MonotonicDeque

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`.
    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.check("Highest", period)
        self.period = period
        deque = MonotonicDeque(window: period, maximum: true)
    }

    public var lookback: Int { period - 1 }

    @inlinable public mutating func update(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let v = deque.push(x)
        return deque.pushed >= period ? v : .nan
    }
}
