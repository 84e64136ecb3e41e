/// Moving average convergence/divergence with TA-Lib's seeding.
///
/// `macd = EMA_fast − EMA_slow`, `signal = EMA_signal(macd)`, `histogram = macd − signal`, every EMA
/// with `k = 2/(n + 1)` and `EMA ← (x − EMA)·k + EMA`.
/// Seeding (TA-Lib): both price EMAs start at input `slow − 1`; the slow EMA is seeded with the SMA of
/// inputs `0…slow−1`, the **fast EMA with the SMA of the `fast` inputs ending at input `slow − 1`**
/// (inputs `slow−fast…slow−1`), not at input `fast − 1` as a stand-alone EMA would be (that differs by
/// up to 3 % early on). The signal EMA is seeded with the SMA of the first `signal` macd values. All three
/// outputs are NaN until the signal exists: lookback `slow − 1 + signal − 1` (33 for 12/26/9).
/// As TA-Lib, a `slow` period shorter than `fast` is swapped with it.
public struct MACD: Sendable {
    /// The three MACD outputs at one bar.
    public struct Output: Sendable, Equatable {
        /// EMA_fast − EMA_slow.
        public var macd: Double
        /// EMA_signal of `macd`.
        public var signal: Double
        /// `macd − signal`.
        public var histogram: Double
        @inlinable init(macd: Double, signal: Double, histogram: Double) {
            self.macd = macd
            self.signal = signal
            self.histogram = histogram
        }
        /// All three NaN (warming up or missing input).
        public static let nan = Output(macd: .nan, signal: .nan, histogram: .nan)
    }

    /// Fast EMA period (the smaller of the two price periods).
    public let fastPeriod: Int
    /// Slow EMA period.
    public let slowPeriod: Int
    /// Signal EMA period.
    public let signalPeriod: Int
    @usableFromInline let kFast: Double
    @usableFromInline let kSlow: Double
    @usableFromInline let kSignal: Double
    @usableFromInline var recent: RingBuffer  // last `fast` inputs, for the fast seed
    @usableFromInline var fastSum = NeumaierSum()
    @usableFromInline var slowSum = NeumaierSum()
    @usableFromInline var signalSum = NeumaierSum()
    @usableFromInline var seen = 0
    @usableFromInline var macdSeen = 0
    @usableFromInline var fast = Double.nan
    @usableFromInline var slow = Double.nan
    @usableFromInline var signal = Double.nan

    /// - Throws: `IndicatorError.invalidPeriod` when a period is below 1.
    public init(fast: Int = 12, slow: Int = 26, signal: Int = 9) throws(IndicatorError) {
        try IndicatorError.check("MACD", fast, "fast period")
        try IndicatorError.check("MACD", slow, "slow period")
        try IndicatorError.check("MACD", signal, "signal period")
        fastPeriod = Swift.min(fast, slow)
        slowPeriod = Swift.max(fast, slow)
        signalPeriod = signal
        kFast = 2.0 / Double(fastPeriod + 1)
        kSlow = 2.0 / Double(slowPeriod + 1)
        kSignal = 2.0 / Double(signal + 1)
        recent = RingBuffer(capacity: fastPeriod)
    }

    /// Inputs consumed before the first output: `slow − 1 + signal − 1`.
    public var lookback: Int { slowPeriod - 1 + signalPeriod - 1 }

    /// Consumes the next value; all outputs NaN while warming up or when `x` is missing.
    @inlinable public mutating func update(_ x: Double) -> Output {
        guard x.isFinite else { return .nan }
        let m: Double
        if seen >= slowPeriod {
            fast = (x - fast) * kFast + fast
            slow = (x - slow) * kSlow + slow
            m = fast - slow
        } else {
            seen += 1
            slowSum.add(x)
            let old = recent.push(x)
            if !old.isNaN { fastSum.add(-old) }
            fastSum.add(x)
            if seen < slowPeriod { return .nan }
            fast = fastSum.value / Double(fastPeriod)
            slow = slowSum.value / Double(slowPeriod)
            m = fast - slow
        }
        if macdSeen >= signalPeriod {
            signal = (m - signal) * kSignal + signal
        } else {
            macdSeen += 1
            signalSum.add(m)
            if macdSeen < signalPeriod { return .nan }
            signal = signalSum.value / Double(signalPeriod)
        }
        return Output(macd: m, signal: signal, histogram: m - signal)
    }
}
