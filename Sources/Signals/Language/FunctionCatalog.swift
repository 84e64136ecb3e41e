/// The built-in functions of the expression language and their signatures (DESIGN.md section 4).
public enum Builtin: String, Sendable, CaseIterable, Hashable {
    case sma, ema, wma, rsi, roc, mom, stddev, highest, lowest
    case macd, macdSignal = "macd_signal", macdHist = "macd_hist"
    case bbUpper = "bb_upper", bbMiddle = "bb_middle", bbLower = "bb_lower"
    case atr, adx, cci, willr, mfi, obv
    case stochK = "stoch_k", stochD = "stoch_d"
    case crossAbove = "cross_above", crossBelow = "cross_below"
    case abs, min, max
    /// Calendar fields of the current bar's time, UTC (`BarTime`).
    case year, month, day, weekday, hour, minute, second, hhmm, timeofday

    /// How an argument is used.
    public enum Argument: Sendable, Equatable {
        /// Any numeric expression, evaluated every bar.
        case series(String)
        /// A positive integer known at compile time (a number or a param).
        case period(String)
        /// A finite number known at compile time.
        case constant(String)

        var name: String {
            switch self {
            case .series(let n), .period(let n), .constant(let n): n
            }
        }
    }

    /// The arguments, in order.
    public var arguments: [Argument] {
        switch self {
        case .sma, .ema, .wma, .rsi, .roc, .mom, .stddev, .highest, .lowest:
            [.series("x"), .period("n")]
        case .macd, .macdSignal, .macdHist:
            [.series("x"), .period("fast"), .period("slow"), .period("signal")]
        case .bbUpper, .bbMiddle, .bbLower:
            [.series("x"), .period("n"), .constant("k")]
        case .atr, .adx, .cci, .willr, .mfi:
            [.period("n")]
        case .obv, .year, .month, .day, .weekday, .hour, .minute, .second, .hhmm, .timeofday:
            []
        case .stochK, .stochD:
            [.period("n"), .period("k_smooth"), .period("d_smooth")]
        case .crossAbove, .crossBelow:
            [.series("a"), .series("b")]
        case .abs:
            [.series("x")]
        case .min, .max:
            [.series("a"), .series("b")]
        }
    }

    /// What the function returns.
    public var result: ValueType {
        switch self {
        case .crossAbove, .crossBelow: .boolean
        default: .number
        }
    }

    /// `sma(x, n)`.
    public var signature: String {
        "\(rawValue)(\(arguments.map(\.name).joined(separator: ", ")))"
    }

    /// Looks a function up by its name in expressions.
    public static func named(_ name: String) -> Builtin? { Builtin(rawValue: name) }

    /// All function names, for suggestions.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The calendar field this function reads from the bar's time, nil for other functions.
    var calendarField: BarTime.Field? {
        switch self {
        case .year: .year
        case .month: .month
        case .day: .day
        case .weekday: .weekday
        case .hour: .hour
        case .minute: .minute
        case .second: .second
        case .hhmm: .hhmm
        case .timeofday: .timeofday
        default: nil
        }
    }
}

/// The bar series an expression can name directly: the prices, the volume, and `time`, the
/// bar's UTC epoch seconds (NaN when the program is stepped without a time; `BarTime`).
public enum PriceField: String, Sendable, CaseIterable, Hashable {
    case open, high, low, close, volume, time

    /// The slot that holds this field's value for the current bar.
    var slot: Int32 {
        switch self {
        case .open: 0
        case .high: 1
        case .low: 2
        case .close: 3
        case .volume: 4
        case .time: 5
        }
    }
}
