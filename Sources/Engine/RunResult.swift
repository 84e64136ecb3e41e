import Analytics

/// What a run produced: one equity point per timestamp of the feed, every closed trade, the
/// trades still open, and every order with its outcome.
public struct RunResult: Sendable {
    public var symbols: [String]
    public var initialCash: Double
    /// The feed's timestamps (UTC epoch seconds), ascending.
    public var timestamps: [Int64] = []
    /// Equity at each timestamp's close (`Portfolio.equity`).
    public var equity: [Double] = []
    /// Cash at each close: equity minus the market value of open positions (computed).
    public var cash: [Double] { zip(equity, netExposure).map { $0 - $1 } }
    /// Σ|q|·price at each close.
    public var grossExposure: [Double] = []
    /// Σ q·price at each close.
    public var netExposure: [Double] = []
    /// Closed trades in exit order.
    public var trades: [ClosedTrade] = []
    /// Trades still open at the end (marked in the equity curve, not in trade statistics).
    public var openTrades: [OpenTrade] = []
    /// Every order with its outcome, including rejected, cancelled and expired ones.
    public var orders: [OrderRecord] = []
    /// Timestamps on which a position was held at some point (entry through exit bar inclusive).
    public var exposedBars = 0
    /// Allocation strategies: the target weights of every rebalance (nil for rule-based ones).
    public var allocation: AllocationLog?
    /// When the equity reached zero and every trade was closed out (`Simulation`'s bankruptcy
    /// rule); nil when the account stayed solvent. The equity is 0 from then on.
    public var outOfMoneyTime: Int64?

    public init(symbols: [String], initialCash: Double) {
        self.symbols = symbols
        self.initialCash = initialCash
    }

    public var finalEquity: Double { equity.last ?? initialCash }

    /// Drawdown at each timestamp as a fraction ≤ 0: `E_t / max_{s≤t} E_s − 1`
    /// (`DrawdownAnalysis.series`, the one definition).
    public var drawdown: [Double] { DrawdownAnalysis.series(equity) }
}
