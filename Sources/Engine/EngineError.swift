/// Errors of the engine: bad configuration or input the user can fix. Each message says what
/// was wrong and what to do about it.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Initial cash must be a positive number.
    case nonPositiveCash(Double)
    /// A numeric setting is out of its valid range.
    case invalidSetting(key: String, value: Double, expected: String)
    /// No symbols were given to the run.
    case noSymbols
    /// A symbol has no bars in the requested range.
    case noBars(symbol: String)
    /// The series' bars are not in strictly ascending time order.
    case unsortedBars(symbol: String, index: Int)
    /// `risk` sizing needs a `stop_loss` (or `trailing_stop`) rule to measure the risk against.
    case riskSizingWithoutStop

    public var description: String {
        switch self {
        case let .nonPositiveCash(c):
            return "initial cash must be positive, got \(c); pass --cash with an amount above 0 or fix [portfolio] cash"
        case let .invalidSetting(key, value, expected):
            return "\(key) = \(value) is invalid: expected \(expected)"
        case .noSymbols:
            return "no symbols to run; give the strategy a `symbols` list or pass --symbols"
        case let .noBars(symbol):
            return "\(symbol) has no bars in the requested date range; widen --from/--to or check `barwise data show \(symbol)`"
        case let .unsortedBars(symbol, index):
            return "\(symbol): bars are not in ascending time order at bar \(index)"
        case .riskSizingWithoutStop:
            return "[sizing] mode = \"risk\" needs a stop_loss (or trailing_stop) rule in [rules]: the risk is measured against the stop distance; add one or use another sizing mode"
        }
    }
}
