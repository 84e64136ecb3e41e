// Streaming technical indicators.
//
// Every indicator is a value type that consumes one bar at a time, does O(1) (amortised) work per
// bar (CCI: O(n), see there), allocates nothing after `init`, and follows TA-Lib's conventions
// (seeding, lookback, population standard deviation, Wilder smoothing). Replaying a series through an
// indicator gives the same values as the corresponding TA-Lib function, NaN for the first `lookback`
// bars included. Multi-output indicators (`MACD`, `BollingerBands`, `Stochastic`) return a small
// `Output` struct from `update` and do not conform to these protocols.

/// A streaming indicator over one input series (close, or any numeric expression).
///
/// ## Missing inputs (the NaN rule, shared by every indicator)
/// A non-finite input (NaN or ±infinity) is treated as *missing*: `update` returns NaN for that bar and
/// leaves the indicator's state exactly as it was, as if the bar had not been seen. Consequences:
/// - leading NaNs are skipped, so an indicator over a not-yet-warm input (`sma(rsi(close, 14), 5)`)
///   starts warming up with the first real value, as TA-Lib does (`talib.SMA(talib.RSI(c, 14), 5)` is
///   first valid at index 14 + 4);
/// - a NaN in the middle of a series is skipped: that bar returns NaN and the next real value continues
///   from the state before the gap (a MOM/ROC then spans the gap).
/// Bar-based indicators check only the fields they read (ATR ignores volume, OBV ignores high and low).
public protocol ScalarIndicator: Sendable {
    /// Consumes the next value and returns the indicator at this bar, or NaN while warming up or when
    /// `x` is missing (see the NaN rule above).
    mutating func update(_ x: Double) -> Double
    /// TA-Lib's lookback: the number of valid inputs consumed before the first non-NaN output
    /// (the first output is produced by input number `lookback + 1`).
    var lookback: Int { get }
}

/// A streaming indicator over a bar's high, low, close and volume. Missing fields follow the NaN rule
/// of `ScalarIndicator`: a bar with a non-finite field the indicator reads returns NaN and changes no
/// state.
public protocol BarIndicator: Sendable {
    /// Consumes the next bar and returns the indicator at this bar, or NaN while warming up or when a
    /// field the indicator reads is missing (see the NaN rule above).
    mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double
    /// TA-Lib's lookback: the number of valid bars consumed before the first non-NaN output.
    var lookback: Int { get }
}

/// Invalid indicator parameters, reported by every indicator's throwing `init`.
public enum IndicatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A period below its minimum (most indicators need at least 1 bar).
    case invalidPeriod(indicator: String, parameter: String, value: Int, minimum: Int)
    /// A non-integer parameter that is out of range (e.g. a non-finite band width).
    case invalidParameter(indicator: String, parameter: String, value: Double, reason: String)

    public var description: String {
        switch self {
        case let .invalidPeriod(indicator, parameter, value, minimum):
            return "\(indicator): \(parameter) must be ≥ \(minimum), got \(value)"
        case let .invalidParameter(indicator, parameter, value, reason):
            return "\(indicator): \(parameter) \(reason), got \(value)"
        }
    }

    /// Throws `.invalidPeriod` when `value < minimum`.
    @inlinable
    static func check(_ indicator: String, _ value: Int, _ parameter: String = "period", minimum: Int = 1)
        throws(IndicatorError)
    {
        if value < minimum {
            throw .invalidPeriod(indicator: indicator, parameter: parameter, value: value, minimum: minimum)
        }
    }
}
