/// Slow stochastic oscillator %K/%D (TA-Lib `STOCH` with SMA smoothing).
///
/// `fastK_t = 100·(C_t − LL)/(HH − LL)` with HH/LL the highest high and lowest low of the last
/// `fastK` bars (0 when `HH = LL`, as TA-Lib); `slowK = SMA_{kSmooth}(fastK)`,
/// `slowD = SMA_{dSmooth}(slowK)`. TA-Lib emits both outputs only from the first `slowD` on:
/// lookback `fastK − 1 + kSmooth − 1 + dSmooth − 1` (17 for 14/3/3); before that both are NaN.
/// O(1) amortised per bar (monotonic deques for HH/LL, compensated rolling sums for the SMAs).
public struct Stochastic: Sendable {
    /// Both outputs at one bar.
    public struct Output: Sendable, Equatable {
        /// Slow %K = SMA of fast %K.
        public var k: Double
        /// Slow %D = SMA of slow %K.
        public var d: Double
        @inlinable init(k: Double, d: Double) {
            self.k = k
            self.d = d
        }
        /// Both NaN.
        public static let nan = Output(k: .nan, d: .nan)
    }

    /// Look-back of the raw %K (HH/LL window).
    public let fastKPeriod: Int
    /// SMA length turning fast %K into slow %K.
    public let kSmoothing: Int
    /// SMA length turning slow %K into slow %D.
    public let dSmoothing: Int
    @usableFromInline var highs: MonotonicDeque
    @usableFromInline var lows: MonotonicDeque
    @usableFromInline var slowK: SMA
    @usableFromInline var slowD: SMA

    /// `stoch_k(n, k_smooth, d_smooth)`: defaults 14, 3, 3.
    /// - Throws: `IndicatorError.invalidPeriod` when a period is below 1.
    public init(fastK: Int = 14, kSmoothing: Int = 3, dSmoothing: Int = 3) throws(IndicatorError) {
        try IndicatorError.check("Stochastic", fastK, "%K period")
        try IndicatorError.check("Stochastic", kSmoothing, "%K smoothing")
        try IndicatorError.check("Stochastic", dSmoothing, "%D smoothing")
        fastKPeriod = fastK
        self.kSmoothing = kSmoothing
        self.dSmoothing = dSmoothing
        highs = MonotonicDeque(window: fastK, maximum: true)
        lows = MonotonicDeque(window: fastK, maximum: false)
        slowK = try SMA(period: kSmoothing)
        slowD = try SMA(period: dSmoothing)
    }

    /// Bars consumed before the first output.
    public var lookback: Int { fastKPeriod - 1 + kSmoothing - 1 + dSmoothing - 1 }

    /// Consumes the next bar; NaN outputs while warming up or when high, low or close is missing.
    @inlinable public mutating func update(high: Double, low: Double, close: Double) -> Output {
        guard high.isFinite, low.isFinite, close.isFinite else { return .nan }
        let hh = highs.push(high)
        let ll = lows.push(low)
        if highs.pushed < fastKPeriod { return .nan }
        let range = (hh - ll) / 100.0
        let fastK = range != 0 ? (close - ll) / range : 0.0
        let k = slowK.update(fastK)
        if k.isNaN { return .nan }
        let d = slowD.update(k)
        if d.isNaN { return .nan }
        return Output(k: k, d: d)
    }
}
