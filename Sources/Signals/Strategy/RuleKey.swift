/// The keys allowed in a strategy's `[rules]` table and the type each expression must have.
public enum RuleKey: String, Sendable, CaseIterable, Hashable {
    case longEntry = "long_entry"
    case longExit = "long_exit"
    case shortEntry = "short_entry"
    case shortExit = "short_exit"
    /// A distance from the entry price (e.g. `2 * atr(14)`).
    case stopLoss = "stop_loss"
    case takeProfit = "take_profit"
    case trailingStop = "trailing_stop"
    /// A price that turns entries into limit orders.
    case entryLimit = "entry_limit"
    /// A price that turns entries into stop orders.
    case entryStop = "entry_stop"

    /// Entries and exits are booleans; stops, targets and entry prices are numbers.
    public var valueType: ValueType {
        switch self {
        case .longEntry, .longExit, .shortEntry, .shortExit: .boolean
        default: .number
        }
    }
}
