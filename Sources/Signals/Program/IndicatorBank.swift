/// The states of every indicator node of a program, one typed array per indicator kind (no
/// existentials, no classes), addressed by `Node.state`.
struct IndicatorBank: Sendable {
    var sma: [SMA] = []
    var ema: [EMA] = []
    var wma: [WMA] = []
    var rsi: [RSI] = []
    var roc: [ROC] = []
    var mom: [MOM] = []
    var stddev: [StdDev] = []
    var highest: [Highest] = []
    var lowest: [Lowest] = []
    var atr: [ATR] = []
    var adx: [ADX] = []
    var cci: [CCI] = []
    var willr: [WilliamsR] = []
    var mfi: [MFI] = []
    var obv: [OBV] = []
    var macd: [MACD] = []
    var bollinger: [BollingerBands] = []
    var stochastic: [Stochastic] = []

    private static func append<T>(_ value: T, to array: inout [T]) -> Int32 {
        array.append(value)
        return Int32(array.count - 1)
    }

    /// A new state for a one-input indicator; returns its index.
    mutating func addScalar(_ op: Node.Op, period: Int) throws(IndicatorError) -> Int32 {
        switch op {
        case .sma: Self.append(try SMA(period: period), to: &sma)
        case .ema: Self.append(try EMA(period: period), to: &ema)
        case .wma: Self.append(try WMA(period: period), to: &wma)
        case .rsi: Self.append(try RSI(period: period), to: &rsi)
        case .roc: Self.append(try ROC(period: period), to: &roc)
        case .mom: Self.append(try MOM(period: period), to: &mom)
        case .stddev: Self.append(try StdDev(period: period), to: &stddev)
        case .highest: Self.append(try Highest(period: period), to: &highest)
        default: Self.append(try Lowest(period: period), to: &lowest)
        }
    }

    /// A new state for a bar indicator (`period` is ignored by OBV); returns its index.
    mutating func addBar(_ op: Node.Op, period: Int) throws(IndicatorError) -> Int32 {
        switch op {
        case .atr: Self.append(try ATR(period: period), to: &atr)
        case .adx: Self.append(try ADX(period: period), to: &adx)
        case .cci: Self.append(try CCI(period: period), to: &cci)
        case .willr: Self.append(try WilliamsR(period: period), to: &willr)
        case .mfi: Self.append(try MFI(period: period), to: &mfi)
        default: Self.append(OBV(), to: &obv)
        }
    }

    mutating func addMACD(fast: Int, slow: Int, signal: Int) throws(IndicatorError) -> Int32 {
        Self.append(try MACD(fast: fast, slow: slow, signal: signal), to: &macd)
    }

    mutating func addBollinger(period: Int, k: Double) throws(IndicatorError) -> Int32 {
        Self.append(try BollingerBands(period: period, deviations: k), to: &bollinger)
    }

    mutating func addStochastic(period: Int, kSmooth: Int, dSmooth: Int) throws(IndicatorError) -> Int32 {
        Self.append(try Stochastic(fastK: period, kSmoothing: kSmooth, dSmoothing: dSmooth), to: &stochastic)
    }
}
