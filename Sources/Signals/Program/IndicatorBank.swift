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

    /// Updates the indicator of `node` with the current bar and writes its output(s).
    @inline(__always)
    mutating func step(
        _ node: Node, slots s: UnsafeMutableBufferPointer<Double>,
        high: Double, low: Double, close: Double, volume: Double
    ) {
        let i = Int(node.state)
        let out = Int(node.out)
        switch node.op {
        case .sma: s[out] = sma[i].update(s[Int(node.a)])
        case .ema: s[out] = ema[i].update(s[Int(node.a)])
        case .wma: s[out] = wma[i].update(s[Int(node.a)])
        case .rsi: s[out] = rsi[i].update(s[Int(node.a)])
        case .roc: s[out] = roc[i].update(s[Int(node.a)])
        case .mom: s[out] = mom[i].update(s[Int(node.a)])
        case .stddev: s[out] = stddev[i].update(s[Int(node.a)])
        case .highest: s[out] = highest[i].update(s[Int(node.a)])
        case .lowest: s[out] = lowest[i].update(s[Int(node.a)])
        case .atr: s[out] = atr[i].update(high: high, low: low, close: close, volume: volume)
        case .adx: s[out] = adx[i].update(high: high, low: low, close: close, volume: volume)
        case .cci: s[out] = cci[i].update(high: high, low: low, close: close, volume: volume)
        case .willr: s[out] = willr[i].update(high: high, low: low, close: close, volume: volume)
        case .mfi: s[out] = mfi[i].update(high: high, low: low, close: close, volume: volume)
        case .obv: s[out] = obv[i].update(high: high, low: low, close: close, volume: volume)
        case .macd:
            let v = macd[i].update(s[Int(node.a)])
            s[out] = v.macd
            s[out + 1] = v.signal
            s[out + 2] = v.histogram
        case .bollinger:
            let v = bollinger[i].update(s[Int(node.a)])
            s[out] = v.upper
            s[out + 1] = v.middle
            s[out + 2] = v.lower
        case .stochastic:
            let v = stochastic[i].update(high: high, low: low, close: close)
            s[out] = v.k
            s[out + 1] = v.d
        default:
            break
        }
    }
}
