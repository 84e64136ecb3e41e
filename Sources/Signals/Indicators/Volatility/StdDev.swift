/// Rolling **population** standard deviation (ddof 0) times `deviations`:
/// `STDDEV = sqrt(Σx²/n − (Σx/n)²)·k` (TA-Lib `STDDEV`, k = `nbdev`, default 1).
///
/// TA-Lib convention: first value at input n − 1. O(1) per bar with compensated rolling `Σx`, `Σx²`;
/// a negative variance from rounding is clamped to 0. With n = 1 the result is always 0.
public struct StdDev: ScalarIndicator {
    /// Window length n.
    public let period: Int
    /// Multiplier k of the standard deviation.
    public let deviations: Double
    @usableFromInline var moments: RollingMoments

    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`, `.invalidParameter` when
    ///   `deviations` is not finite.
    public init(period: Int, deviations: Double = 1.0) throws(IndicatorError) {
        try IndicatorError.check("StdDev", period)
        guard deviations.isFinite else {
            throw .invalidParameter(indicator: "StdDev", parameter: "deviations", value: deviations,
                                    reason: "must be finite")
        }
        self.period = period
        self.deviations = deviations
        moments = RollingMoments(period: period)
    }

    public var lookback: Int { period - 1 }

    @inlinable public mutating func update(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let m = moments.push(x)
        return m.variance.squareRoot() * deviations
    }
}
