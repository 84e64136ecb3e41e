/// What a simulation did, read as it happens: a consumer (the stream) keeps an `EventCursor`,
/// reads what lies past it after each `step`, then lets the simulation forget it, so a run of any
/// length holds only what has not been read yet.
extension Simulation {
    /// How far a consumer has read: the next order id, ended-order record, closed trade and
    /// equity point it has not seen (positions in the simulation's current, possibly trimmed,
    /// history; `forget(upTo:)` rebases them).
    public struct EventCursor: Sendable, Equatable {
        public var orderID = 0
        public var record = 0
        public var trade = 0
        public var point = 0
        public init() {}
    }

    /// One equity point: the close-of-timestamp marks of `step`.
    public struct EquityPoint: Sendable, Equatable {
        public var time: Int64
        public var equity: Double
        public var gross: Double
        public var net: Double

        public init(time: Int64, equity: Double, gross: Double, net: Double) {
            self.time = time
            self.equity = equity
            self.gross = gross
            self.net = net
        }
    }

    /// Ids below this have been placed (submitted or refused on submission).
    public var nextOrderID: Int { broker.nextOrderID }

    /// Order `id` as placed: its record when it has already ended (filled at this close,
    /// rejected on submission), else the queued order with status `pending`. Nil for an id not
    /// placed yet or already forgotten. A queued entry sized at its fill has size NaN.
    /// O(pending + unread records).
    public func placedOrder(id: Int, readingRecordsFrom first: Int) -> OrderRecord? {
        if let o = broker.pending.first(where: { $0.id == id }) ?? broker.rebalancePending.first(where: { $0.id == id }) {
            return OrderRecord(id: o.id, symbol: o.symbol, side: o.orderSide, intent: o.intent, type: o.type, status: .pending,
                               reason: .none, size: Swift.abs(o.units), limit: o.limit, stop: o.stop,
                               createdTime: o.createdTime, createdBar: o.createdBar, time: o.createdTime, bar: o.createdBar,
                               price: .nan, commission: 0)
        }
        let records = broker.records
        for k in Swift.min(first, records.count)..<records.count where records[k].id == id { return records[k] }
        return nil
    }

    /// Orders that ended (filled, rejected, cancelled, expired; pending ones at `finish`), in
    /// the order they ended.
    public var endedOrders: [OrderRecord] { broker.records }

    /// Trades closed so far, in exit order.
    public var closedTrades: [ClosedTrade] { portfolio.closedTrades }

    /// The number of equity points held (one per `step`, fewer after `forget`).
    public var pointCount: Int { columns.equity.count }

    /// Equity point `k` of those held.
    public func point(_ k: Int) -> EquityPoint {
        EquityPoint(time: columns.timestamps[k], equity: columns.equity[k], gross: columns.gross[k], net: columns.net[k])
    }

    /// The number of bars each symbol has stepped (the next bar's index in its series).
    public var barsStepped: [Int] { symbols.indices.map { columns.lastIndex[$0] + 1 } }

    /// Bars counted as exposed so far (`RunSummary.exposure`'s numerator).
    public var exposedBarCount: Int { exposedBars }

    /// Drops the records, trades and equity points before `cursor` (all but the last point: the
    /// one `finish` re-marks with `closeAtEnd`) and rebases the cursor. Call between steps only.
    /// O(unread), no allocation: a stream's memory stays bounded however long it runs.
    public mutating func forget(upTo cursor: inout EventCursor) {
        uniqueColumns()
        broker.records.removeFirst(Swift.min(cursor.record, broker.records.count))
        cursor.record = 0
        portfolio.forgetClosed(Swift.min(cursor.trade, portfolio.closedTrades.count))
        cursor.trade = 0
        let dropped = Swift.min(cursor.point, Swift.max(0, columns.equity.count - 1))
        columns.dropFirst(dropped)
        cursor.point -= dropped
    }
}
