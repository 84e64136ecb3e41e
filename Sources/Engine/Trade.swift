/// A trade still open: signed size (negative for a short), raw entry fill price (commission not
/// folded in) and the attached exits.
public struct OpenTrade: Sendable, Equatable {
    public var id: Int
    public var symbol: Int
    /// Signed units: > 0 long, < 0 short.
    public var size: Double
    public var entryPrice: Double
    public var entryTime: Int64
    /// 0-based index of the entry bar in the symbol's series.
    public var entryBar: Int
    public var entryCommission: Double
    /// Stop-loss price (NaN when none), fixed at entry: entry ∓ distance.
    public var stopLoss: Double
    /// Take-profit price (NaN when none): entry ± distance.
    public var takeProfit: Double
    /// Trailing stop price (NaN when none); ratchets with each close, never loosens.
    public var trailingStop: Double
    /// The trailing distance used when the rule's current value is not finite.
    public var trailingDistance: Double

    public var side: Side { size > 0 ? .long : .short }
}

/// A closed trade, as backtesting.py reports it (`_trades`):
///
///     pnl        = q·(P_exit − P_entry) − (c_entry + c_exit)
///     return_pct = sign(q)·(P_exit/P_entry − 1) − (c_entry + c_exit)/(|q|·P_entry)
public struct ClosedTrade: Sendable, Equatable {
    public var symbol: Int
    /// Signed units: > 0 long, < 0 short.
    public var size: Double
    public var entryTime: Int64
    public var entryBar: Int
    public var entryPrice: Double
    public var exitTime: Int64
    public var exitBar: Int
    public var exitPrice: Double
    /// Entry plus exit commission.
    public var commission: Double
    public var pnl: Double
    public var returnPct: Double
    /// What closed it: `.market` for an exit rule or reversal, else the attached exit.
    public var exitType: OrderType

    public init(symbol: Int, size: Double, entryTime: Int64, entryBar: Int, entryPrice: Double, exitTime: Int64, exitBar: Int,
                exitPrice: Double, commission: Double, pnl: Double, returnPct: Double, exitType: OrderType) {
        self.symbol = symbol
        self.size = size
        self.entryTime = entryTime
        self.entryBar = entryBar
        self.entryPrice = entryPrice
        self.exitTime = exitTime
        self.exitBar = exitBar
        self.exitPrice = exitPrice
        self.commission = commission
        self.pnl = pnl
        self.returnPct = returnPct
        self.exitType = exitType
    }

    public var side: Side { size > 0 ? .long : .short }
}
