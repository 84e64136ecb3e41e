/// The direction of a trade or an order: +1 long/buy, −1 short/sell.
public enum Side: Int8, Sendable, Equatable {
    case long = 1
    case short = -1

    /// +1 or −1 as a Double, for signed sizes.
    @inline(__always) public var sign: Double { self == .long ? 1 : -1 }
    public var opposite: Side { self == .long ? .short : .long }
}

/// How an order is priced.
public enum OrderType: String, Sendable, Equatable, CaseIterable {
    /// At the next open (or the close with `fill = "close"`).
    case market
    /// At the limit or better; a gap through it fills at the open.
    case limit
    /// Becomes a market order when the price trades through the stop; a gap fills at the open.
    case stop
    /// A stop that, once triggered, fills only at the limit or better.
    case stopLimit = "stop_limit"
    /// An attached stop-loss (a stop at entry ∓ distance).
    case stopLoss = "stop_loss"
    /// An attached take-profit (a limit at entry ± distance).
    case takeProfit = "take_profit"
    /// An attached trailing stop (follows the best close since entry).
    case trailingStop = "trailing_stop"
}

/// Why an order exists.
public enum OrderIntent: String, Sendable, Equatable {
    /// Opens a trade.
    case entry
    /// Closes the symbol's trades in one direction (an exit rule or an exclusive reversal).
    case exit
    /// Closes a trade when the run ends (`--close-at-end`).
    case closeAtEnd = "close_at_end"
    /// Moves a position towards an allocation strategy's target units: a buy opens a trade, a
    /// sell reduces the symbol's trades oldest first (`Broker.fillRebalances`).
    case rebalance
    /// Closes a trade because the equity reached zero (`Broker.liquidate`): at the close, with
    /// reason `out_of_money`.
    case liquidation
}

/// What became of an order.
public enum OrderStatus: String, Sendable, Equatable {
    case filled
    /// Refused by the broker (see `OrderRecord.reason`).
    case rejected
    /// Replaced by an exclusive reversal, or cancelled when the run closed at the end or ran out
    /// of money.
    case cancelled
    /// A limit or stop entry that did not trigger within `good_for` bars.
    case expired
    /// Still waiting when the data ended.
    case pending
}

/// Why the broker refused an order.
public enum OrderReason: String, Sendable, Equatable {
    case none = ""
    /// The order costs more than the available cash (margin 1); nothing is filled on credit.
    case insufficientCash = "insufficient_cash"
    /// The sizing rule gives no unit to trade (e.g. `all` with no cash left).
    case zeroSize = "zero_size"
    /// The size is not finite or above `Sizing.maximumUnits` (10¹⁵ units), as a price near zero
    /// gives: rejected rather than traded.
    case sizeOutOfBounds = "size_out_of_bounds"
    /// A limit or stop price rule was NaN or not positive.
    case invalidPrice = "invalid_price"
    /// `risk` sizing without a usable stop distance on the signal bar.
    case noStopDistance = "no_stop_distance"
    /// A new exclusive entry replaced it.
    case replaced
    /// Closed at the end of the run.
    case endOfData = "end_of_data"
    /// The equity reached zero: trades closed out, queued orders cancelled, no order after it.
    case outOfMoney = "out_of_money"
}

/// An order waiting for a bar: entries and rule exits queued at one bar's close for the next.
/// Sizes are decided at fill time (`Sizing`), from the fill price.
struct PendingOrder: Sendable {
    var id: Int
    var symbol: Int
    /// Entry: the side of the trade to open. Exit: the side of the trades to close.
    var side: Side
    var intent: OrderIntent
    var type: OrderType
    /// Limit price (NaN when none).
    var limit: Double
    /// Stop trigger (NaN when none, or once a stop-limit has triggered).
    var stop: Double
    var createdTime: Int64
    var createdBar: Int
    /// The last bar index (of this symbol) on which the order may fill.
    var lastBar: Int
    /// Distances from the `[rules]` on the signal bar (NaN when the rule is absent).
    var stopLossDistance: Double
    var takeProfitDistance: Double
    var trailingDistance: Double
    /// Rebalance orders only: the unsigned units to buy or sell, fixed when decided.
    var units: Double = .nan

    /// The direction of the order itself: an entry buys for a long trade, an exit sells to
    /// close one (`side` of an exit names the trades it closes).
    var orderSide: Side { intent == .exit ? side.opposite : side }
}

/// One order as it ended up, for `orders.csv`: requested, filled, rejected, cancelled or expired.
public struct OrderRecord: Sendable, Equatable {
    public var id: Int
    public var symbol: Int
    /// Buy (`.long`) or sell (`.short`).
    public var side: Side
    public var intent: OrderIntent
    public var type: OrderType
    public var status: OrderStatus
    public var reason: OrderReason
    /// Filled units (unsigned), or the units that were refused; 0 when never sized.
    public var size: Double
    public var limit: Double
    public var stop: Double
    public var createdTime: Int64
    public var createdBar: Int
    /// Fill (or rejection, cancellation, expiry) time and bar; the creation bar when pending.
    public var time: Int64
    public var bar: Int
    /// NaN unless filled.
    public var price: Double
    public var commission: Double
}
