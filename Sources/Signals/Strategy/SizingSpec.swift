/// The `[sizing]` table: how many units an entry buys or sells.
public struct SizingSpec: Sendable, Equatable {
    /// How the size is computed.
    public enum Mode: String, Sendable, CaseIterable {
        /// Whole units affordable with available cash after commission (backtesting.py).
        case all
        /// `fraction` of equity.
        case fraction
        /// A fixed number of `units`.
        case units
        /// A fixed cash `notional`.
        case notional
        /// Risk `risk` of equity against the stop-loss distance.
        case risk
    }

    public var mode: Mode = .all
    /// Share of equity for `fraction` mode (0 < f ≤ 1 without leverage).
    public var fraction: Double = 1
    /// Units per entry for `units` mode.
    public var units: Double = 1
    /// Cash per entry for `notional` mode.
    public var notional: Double = 0
    /// Share of equity risked per trade for `risk` mode.
    public var risk: Double = 0.01
    /// Allow fractional quantities (crypto); otherwise sizes are whole units.
    public var fractional: Bool = false

    public init() {}

    static let keys = ["mode", "fraction", "units", "notional", "risk", "fractional"]
}
