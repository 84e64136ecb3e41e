/// Bollinger bands (TA-Lib `BBANDS` with an SMA middle band):
/// `middle = SMA_n(x)`, `upper = middle + k·σ`, `lower = middle − k·σ`, σ the rolling **population**
/// standard deviation (ddof 0, `sqrt(Σx²/n − mean²)`, clamped at 0).
///
/// TA-Lib convention: first value at input n − 1. O(1) per bar (compensated rolling sums).
public struct BollingerBands: Sendable {
    /// The three bands at one bar.
    public struct Output: Sendable, Equatable {
        /// middle + k·σ.
        public var upper: Double
        /// SMA_n.
        public var middle: Double
        /// middle − k·σ.
        public var lower: Double
        @inlinable init(upper: Double, middle: Double, lower: Double) {
            self.upper = upper
            self.middle = middle
            self.lower = lower
        }
        /// All NaN.
        public static let nan = Output(upper: .nan, middle: .nan, lower: .nan)
    }

    /// Window length n.
    public let period: Int
    /// Band width k in standard deviations (upper band).
    public let deviationsUp: Double
    /// Band width k in standard deviations (lower band).
    public let deviationsDown: Double
    @usableFromInline var moments: RollingMoments

    /// `bb_*(x, n, k)`: bands at ±k standard deviations.
    /// - Throws: `IndicatorError.invalidPeriod` when `period < 1`, `.invalidParameter` when `k` is not
    ///   finite.
    public init(period: Int = 20, deviations k: Double = 2.0) throws(IndicatorError) {
        try self.init(period: period, deviationsUp: k, deviationsDown: k)
    }

    /// Bands at `+up` and `−down` standard deviations (TA-Lib's `nbdevup`, `nbdevdn`).
    public init(period: Int, deviationsUp up: Double, deviationsDown down: Double) throws(IndicatorError) {
        try IndicatorError.check("BollingerBands", period)
        for (name, v) in [("deviationsUp", up), ("deviationsDown", down)] where !v.isFinite {
            throw .invalidParameter(indicator: "BollingerBands", parameter: name, value: v, reason: "must be finite")
        }
        self.period = period
        deviationsUp = up
        deviationsDown = down
        moments = RollingMoments(period: period)
    }

    /// Inputs consumed before the first output: n − 1.
    public var lookback: Int { period - 1 }

    /// Consumes the next value; all bands NaN while warming up or when `x` is missing.
    @inlinable public mutating func update(_ x: Double) -> Output {
        guard x.isFinite else { return .nan }
        let m = moments.push(x)
        if m.mean.isNaN { return .nan }
        let sd = m.variance.squareRoot()
        return Output(upper: m.mean + deviationsUp * sd, middle: m.mean, lower: m.mean - deviationsDown * sd)
    }
}
