/// The `[execution]` table: fills, costs and position rules.
public struct ExecutionSpec: Sendable, Equatable {
    /// When market orders fill.
    public enum Fill: String, Sendable, CaseIterable {
        /// At the next bar's open (default).
        case nextOpen = "next_open"
        /// At the signal bar's close.
        case close
    }

    /// From which bar the rules may act.
    public enum WarmUp: String, Sendable, CaseIterable {
        /// One bar after every indicator has a value (backtesting.py, SEMANTICS.md §1.1; default).
        case indicators
        /// From the first bar on which a rule holds (a value still warming up is NaN, false).
        case none
    }

    public var fill: Fill = .nextOpen
    /// Relative commission per fill (0.002 = 0.2 % of traded value).
    public var commission: Double = 0
    /// Commission per unit traded.
    public var commissionPerUnit: Double = 0
    /// Fixed commission per order.
    public var commissionFixed: Double = 0
    /// Minimum commission per order.
    public var commissionMin: Double = 0
    /// Slippage in basis points of the fill price, against the trader.
    public var slippageBps: Double = 0
    /// An entry in the opposite direction first closes the open position.
    public var exclusive: Bool = false
    /// How many entries in the same direction may stack (1: no pyramiding).
    public var pyramiding: Int = 1
    /// Bars a limit or stop entry order stays valid.
    public var goodFor: Int = 1
    /// From which bar the rules may act (`warmup = "indicators"` or `"none"`).
    public var warmUp: WarmUp = .indicators

    public init() {}

    static let keys = [
        "fill", "commission", "commission_per_unit", "commission_fixed", "commission_min",
        "slippage_bps", "exclusive", "pyramiding", "good_for", "warmup",
    ]
}
