/// One parsed NDJSON input line of `barwise stream`: a complete bar, or one trade tick that a
/// `TickAggregator` turns into bars.
///
/// - `bar`: `Bar.timestamp` is UTC epoch seconds at the bar's start (whole seconds); `volume`
///   is NaN when the line has none; `adjClose` equals `close`.
/// - `tick`: the trade's time in UTC epoch milliseconds (finer digits are cut off), its price
///   and its size (base-asset quantity, ≥ 0).
public enum StreamRecord: Equatable, Sendable {
    case bar(symbol: String, bar: Bar)
    case tick(symbol: String, timeMillis: Int64, price: Double, size: Double)

    /// The instrument the line is about.
    public var symbol: String {
        switch self {
        case let .bar(symbol, _): symbol
        case let .tick(symbol, _, _, _): symbol
        }
    }
}
