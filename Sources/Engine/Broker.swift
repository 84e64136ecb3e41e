/// Fills orders against bars (DESIGN.md section 3, SEMANTICS.md section 1.3).
///
/// On each bar of a symbol, in this order:
/// 1. attached exits of trades opened before the bar: a gap through the stop (or the target)
///    fills at the open; otherwise, when the bar's range reaches both the stop-loss and the
///    take-profit, the stop-loss fills first (pessimistic);
/// 2. the symbol's queued orders, closes first: market orders at the open, limit and stop
///    entries when the bar trades through their level (a gap fills at the open); a limit or
///    stop entry placed on bar i is valid on bars i+1 … i+`good_for` and expires on its last
///    bar when that bar does not fill it (before the bar's decisions, which may place it again);
/// 3. attached exits of trades opened on this bar, against the same bar's range.
///
/// Entry sizes are computed at fill time from the fill price (`Sizing`); an entry that costs
/// more than the available margin is rejected and recorded, never filled on credit. When the
/// equity at a close is zero or less, `liquidate` closes everything out (`Simulation`).
struct Broker: Sendable {
    let config: EngineConfig
    /// Orders waiting for a bar, closes ahead of entries (per symbol, queue order).
    private(set) var pending: [PendingOrder] = []
    /// Every order that reached a final state.
    var records: [OrderRecord] = []
    var nextOrderID = 0
    /// Rebalance orders of an allocation strategy, sells ahead of buys, filled together per
    /// timestamp (`Broker+Rebalance.swift`).
    var rebalancePending: [PendingOrder] = []

    init(config: EngineConfig) {
        self.config = config
        pending.reserveCapacity(64)
    }

    /// Bar data the broker reads for one symbol.
    struct BarView {
        var time: Int64
        var index: Int
        var open: Double
        var high: Double
        var low: Double
        var close: Double
    }

    var hasPending: Bool { !pending.isEmpty }

    mutating func reserveRecords(_ n: Int) { records.reserveCapacity(n) }

    /// Queues an order; closes go ahead of everything else (backtesting.py puts them at the front).
    mutating func submit(symbol: Int, side: Side, intent: OrderIntent, type: OrderType, limit: Double = .nan, stop: Double = .nan,
                         time: Int64, bar: Int, stopLoss: Double = .nan, takeProfit: Double = .nan, trailing: Double = .nan) {
        let order = PendingOrder(
            id: nextOrderID, symbol: symbol, side: side, intent: intent, type: type, limit: limit, stop: stop,
            createdTime: time, createdBar: bar, lastBar: type == .market ? Int.max : bar + config.goodFor,
            stopLossDistance: stopLoss, takeProfitDistance: takeProfit, trailingDistance: trailing)
        nextOrderID += 1
        if intent == .entry { pending.append(order) } else { pending.insert(order, at: 0) }
    }

    /// Records an order that was refused before it was queued (e.g. an invalid limit price).
    mutating func reject(symbol: Int, side: Side, type: OrderType, reason: OrderReason, time: Int64, bar: Int) {
        records.append(OrderRecord(
            id: nextOrderID, symbol: symbol, side: side, intent: .entry, type: type, status: .rejected, reason: reason,
            size: 0, limit: .nan, stop: .nan, createdTime: time, createdBar: bar, time: time, bar: bar, price: .nan, commission: 0))
        nextOrderID += 1
    }

    /// Pending entries of `symbol` on `side`.
    func pendingEntries(_ symbol: Int, _ side: Side) -> Int {
        var n = 0
        for o in pending where o.symbol == symbol && o.intent == .entry && o.side == side { n += 1 }
        return n
    }

    /// Cancels the pending entries of `symbol` (an exclusive entry replaces them).
    mutating func cancelEntries(_ symbol: Int, time: Int64, bar: Int, reason: OrderReason = .replaced) {
        var w = 0
        for r in 0..<pending.count {
            let o = pending[r]
            if o.symbol == symbol && o.intent == .entry {
                record(o, .cancelled, reason, size: 0, time: time, bar: bar, price: .nan, commission: 0)
            } else {
                pending[w] = o
                w += 1
            }
        }
        pending.removeLast(pending.count - w)
    }

    /// Processes one bar of `symbol`: attached exits, then queued orders, then the attached
    /// exits of trades opened on this bar.
    mutating func process(symbol: Int, bar: BarView, portfolio: inout Portfolio) {
        if portfolio.attachedCount > 0 { checkAttachedExits(symbol: symbol, bar: bar, from: 0, portfolio: &portfolio) }
        guard !pending.isEmpty else { return }
        // Closes precede entries in the queue, so the trades opened now are the last `opened`.
        let opened = processQueue(symbol: symbol, bar: bar, marketPrice: bar.open, marketOnly: false, portfolio: &portfolio)
        if opened > 0 {
            checkAttachedExits(symbol: symbol, bar: bar, from: portfolio.openTrades.count - opened, portfolio: &portfolio)
        }
    }

    /// Fills the queued market orders of `symbol` at the bar's close (`fill = "close"`).
    mutating func processAtClose(symbol: Int, bar: BarView, portfolio: inout Portfolio) {
        guard !pending.isEmpty else { return }
        _ = processQueue(symbol: symbol, bar: bar, marketPrice: bar.close, marketOnly: true, portfolio: &portfolio)
    }

    /// Closes every open trade at the end of the run at `price` (the last bar's open with
    /// `next_open`, as backtesting.py's `finalize_trades`; its close with `fill = "close"`).
    mutating func closeAtEnd(symbol: Int, price: Double, time: Int64, bar: Int, portfolio: inout Portfolio) {
        var k = 0
        while k < portfolio.openTrades.count {
            let t = portfolio.openTrades[k]
            guard t.symbol == symbol else { k += 1; continue }
            let fill = config.slippage.apply(price, direction: t.size > 0 ? -1 : 1)
            let commission = config.commission.commission(size: t.size, price: fill)
            portfolio.close(at: k, price: fill, time: time, bar: bar, commission: commission, type: .market)
            records.append(OrderRecord(
                id: nextOrderID, symbol: symbol, side: t.side.opposite, intent: .closeAtEnd, type: .market, status: .filled,
                reason: .endOfData, size: Swift.abs(t.size), limit: .nan, stop: .nan, createdTime: time, createdBar: bar,
                time: time, bar: bar, price: fill, commission: commission))
            nextOrderID += 1
        }
    }

    /// Records every order still queued: cancelled (`closeAtEnd`) or pending.
    mutating func finish(cancel: Bool, time: Int64) {
        for o in pending {
            record(o, cancel ? .cancelled : .pending, cancel ? .endOfData : .none, size: 0,
                   time: cancel ? time : o.createdTime, bar: cancel ? o.createdBar : o.createdBar, price: .nan, commission: 0)
        }
        pending.removeAll()
        for o in rebalancePending {
            record(o, cancel ? .cancelled : .pending, cancel ? .endOfData : .none, size: o.units,
                   time: cancel ? time : o.createdTime, bar: o.createdBar, price: .nan, commission: 0)
        }
        rebalancePending.removeAll()
    }

    /// Bankruptcy (backtesting.py 0.6.6's `_Broker.next` on equity ≤ 0): every open trade is
    /// closed at its symbol's last price (the close just marked), oldest first, with its exit
    /// commission; every queued order is cancelled; the balance, zero or below by then, is set to
    /// 0 (a deficit is written off, never owed). Each close-out is recorded as a filled
    /// `liquidation` order, reason `out_of_money`. `time(s)` and `bar(s)` give symbol s's bar.
    mutating func liquidate(portfolio: inout Portfolio, time: (Int) -> Int64, bar: (Int) -> Int) {
        while let t = portfolio.openTrades.first {
            let s = t.symbol
            let price = portfolio.lastPrice[s]
            let commission = config.commission.commission(size: t.size, price: price)
            portfolio.close(at: 0, price: price, time: time(s), bar: bar(s), commission: commission, type: .market)
            records.append(OrderRecord(
                id: nextOrderID, symbol: s, side: t.side.opposite, intent: .liquidation, type: .market, status: .filled,
                reason: .outOfMoney, size: Swift.abs(t.size), limit: .nan, stop: .nan, createdTime: time(s), createdBar: bar(s),
                time: time(s), bar: bar(s), price: price, commission: commission))
            nextOrderID += 1
        }
        for o in pending + rebalancePending {
            record(o, .cancelled, .outOfMoney, size: o.intent == .rebalance ? o.units : 0, time: time(o.symbol), bar: bar(o.symbol),
                   price: .nan, commission: 0)
        }
        pending.removeAll()
        rebalancePending.removeAll()
        portfolio.writeOff()
    }

    // MARK: - Attached exits

    /// Stop-loss, trailing stop and take-profit of the symbol's open trades from index `from`.
    private mutating func checkAttachedExits(symbol: Int, bar: BarView, from: Int, portfolio: inout Portfolio) {
        var k = from
        while k < portfolio.openTrades.count {
            let t = portfolio.openTrades[k]
            guard t.symbol == symbol, let (price, type) = attachedExit(t, bar) else { k += 1; continue }
            let commission = config.commission.commission(size: t.size, price: price)
            portfolio.close(at: k, price: price, time: bar.time, bar: bar.index, commission: commission, type: type)
            records.append(OrderRecord(
                id: nextOrderID, symbol: symbol, side: t.side.opposite, intent: .exit, type: type, status: .filled, reason: .none,
                size: Swift.abs(t.size), limit: type == .takeProfit ? t.takeProfit : .nan,
                stop: type == .takeProfit ? .nan : (type == .trailingStop ? t.trailingStop : t.stopLoss),
                createdTime: t.entryTime, createdBar: t.entryBar, time: bar.time, bar: bar.index, price: price, commission: commission))
            nextOrderID += 1
        }
    }

    /// The fill of a trade's attached exits on `bar`, if one triggers: gaps fill at the open;
    /// within the bar the stop is assumed to be hit before the target.
    @inline(__always)
    private func attachedExit(_ t: OpenTrade, _ bar: BarView) -> (Double, OrderType)? {
        let hasStop = !t.stopLoss.isNaN || !t.trailingStop.isNaN
        let hasTarget = !t.takeProfit.isNaN
        guard hasStop || hasTarget else { return nil }
        let long = t.size > 0
        var stop = Double.nan
        var stopType = OrderType.stopLoss
        if hasStop {
            if t.stopLoss.isNaN {
                stop = t.trailingStop; stopType = .trailingStop
            } else if t.trailingStop.isNaN {
                stop = t.stopLoss
            } else if long ? t.trailingStop > t.stopLoss : t.trailingStop < t.stopLoss {
                stop = t.trailingStop; stopType = .trailingStop
            } else {
                stop = t.stopLoss
            }
        }
        let slip: Double = t.size > 0 ? -1 : 1  // an exit sells a long, buys back a short
        if long {
            if hasStop && bar.open <= stop { return (config.slippage.apply(bar.open, direction: slip), stopType) }
            if hasTarget && bar.open >= t.takeProfit { return (bar.open, .takeProfit) }
            if hasStop && bar.low <= stop { return (config.slippage.apply(stop, direction: slip), stopType) }
            if hasTarget && bar.high >= t.takeProfit { return (t.takeProfit, .takeProfit) }
        } else {
            if hasStop && bar.open >= stop { return (config.slippage.apply(bar.open, direction: slip), stopType) }
            if hasTarget && bar.open <= t.takeProfit { return (bar.open, .takeProfit) }
            if hasStop && bar.high >= stop { return (config.slippage.apply(stop, direction: slip), stopType) }
            if hasTarget && bar.low <= t.takeProfit { return (t.takeProfit, .takeProfit) }
        }
        return nil
    }

    // MARK: - Queued orders

    /// Processes the symbol's queued orders; returns how many trades were opened.
    private mutating func processQueue(symbol: Int, bar: BarView, marketPrice: Double, marketOnly: Bool, portfolio: inout Portfolio) -> Int {
        var opened = 0
        var w = 0
        for r in 0..<pending.count {
            var o = pending[r]
            var keep = false
            if o.symbol != symbol || (marketOnly && o.type != .market) {
                keep = true
            } else if o.intent == .exit {
                closeTrades(o, price: config.slippage.apply(marketPrice, direction: -o.side.sign), bar: bar, portfolio: &portfolio)
            } else if bar.index > o.lastBar {
                record(o, .expired, .none, size: 0, time: bar.time, bar: bar.index, price: .nan, commission: 0)
            } else if let price = entryPrice(&o, bar: bar, marketPrice: marketPrice) {
                if fillEntry(o, price: price, bar: bar, portfolio: &portfolio) { opened += 1 }
            } else if bar.index >= o.lastBar {
                // Its last valid bar did not fill it: finished now, before this bar's decisions,
                // so that an entry re-placed every bar (cancel and replace) gets an order every bar.
                record(o, .expired, .none, size: 0, time: bar.time, bar: bar.index, price: .nan, commission: 0)
            } else {
                keep = true
            }
            if keep {
                pending[w] = o
                w += 1
            }
        }
        pending.removeLast(pending.count - w)
        return opened
    }

    /// The price an entry fills at on this bar, or nil if it does not trigger (a stop-limit
    /// whose stop triggers becomes a limit order: `o.stop` is cleared).
    private func entryPrice(_ o: inout PendingOrder, bar: BarView, marketPrice: Double) -> Double? {
        let buy = o.side == .long
        let dir = o.side.sign
        switch o.type {
        case .market:
            return config.slippage.apply(marketPrice, direction: dir)
        case .limit:
            return limitFill(o.limit, buy: buy, bar: bar, from: bar.open)
        case .stop:
            if buy ? bar.open >= o.stop : bar.open <= o.stop { return config.slippage.apply(bar.open, direction: dir) }
            if buy ? bar.high >= o.stop : bar.low <= o.stop { return config.slippage.apply(o.stop, direction: dir) }
            return nil
        case .stopLimit:
            if o.stop.isNaN { return limitFill(o.limit, buy: buy, bar: bar, from: bar.open) }
            let gap = buy ? bar.open >= o.stop : bar.open <= o.stop
            guard gap || (buy ? bar.high >= o.stop : bar.low <= o.stop) else { return nil }
            let trigger = gap ? bar.open : o.stop
            o.stop = .nan
            return limitFill(o.limit, buy: buy, bar: bar, from: trigger)
        default:
            return nil
        }
    }

    /// A limit fill: at `from` (the open, or a stop-limit's trigger) when that is already at the
    /// limit or better, else at the limit when the bar's range reaches it.
    private func limitFill(_ limit: Double, buy: Bool, bar: BarView, from: Double) -> Double? {
        if buy ? from <= limit : from >= limit { return from }
        if buy ? bar.low <= limit : bar.high >= limit { return limit }
        return nil
    }

    /// Sizes and opens an entry; rejects it when it cannot be paid for. Returns whether it filled.
    private mutating func fillEntry(_ o: PendingOrder, price: Double, bar: BarView, portfolio: inout Portfolio) -> Bool {
        let equity = portfolio.equity
        let available = max(0, equity - portfolio.grossExposure)
        // `risk` sizing measures against the stop-loss distance, else the trailing stop's.
        let riskDistance = o.stopLossDistance > 0 ? o.stopLossDistance : o.trailingDistance
        let size = config.sizing.size(price: price, available: available, equity: equity,
                                      stopDistance: riskDistance, commission: config.commission)
        // Not finite (NaN included) or beyond 10¹⁵ units: a price near zero, never a trade.
        if !(size <= Sizing.maximumUnits) {
            record(o, .rejected, .sizeOutOfBounds, size: size.isNaN ? 0 : size, time: bar.time, bar: bar.index, price: .nan, commission: 0)
            return false
        }
        if size <= 0 {
            var reason = OrderReason.zeroSize
            if case .risk = config.sizing.mode, !(riskDistance > 0) { reason = .noStopDistance }
            record(o, .rejected, reason, size: 0, time: bar.time, bar: bar.index, price: .nan, commission: 0)
            return false
        }
        let commission = config.commission.commission(size: size, price: price)
        if size * price + commission > available {
            record(o, .rejected, .insufficientCash, size: size, time: bar.time, bar: bar.index, price: .nan, commission: 0)
            return false
        }
        let dir = o.side.sign
        let sl = o.stopLossDistance > 0 ? price - dir * o.stopLossDistance : .nan
        let tp = o.takeProfitDistance > 0 ? price + dir * o.takeProfitDistance : .nan
        let trail = o.trailingDistance > 0 ? price - dir * o.trailingDistance : .nan
        portfolio.open(symbol: o.symbol, size: dir * size, price: price, time: bar.time, bar: bar.index, commission: commission,
                       stopLoss: sl, takeProfit: tp, trailingStop: trail, trailingDistance: o.trailingDistance)
        record(o, .filled, .none, size: size, time: bar.time, bar: bar.index, price: price, commission: commission)
        return true
    }

    /// Closes every open trade of the order's symbol on the order's side, oldest first.
    private mutating func closeTrades(_ o: PendingOrder, price: Double, bar: BarView, portfolio: inout Portfolio) {
        var units = 0.0
        var paid = 0.0
        var k = 0
        while k < portfolio.openTrades.count {
            let t = portfolio.openTrades[k]
            guard t.symbol == o.symbol && t.side == o.side else { k += 1; continue }
            let commission = config.commission.commission(size: t.size, price: price)
            portfolio.close(at: k, price: price, time: bar.time, bar: bar.index, commission: commission, type: .market)
            units += Swift.abs(t.size)
            paid += commission
        }
        var record = OrderRecord(
            id: o.id, symbol: o.symbol, side: o.orderSide, intent: o.intent, type: .market, status: .filled, reason: .none,
            size: units, limit: .nan, stop: .nan, createdTime: o.createdTime, createdBar: o.createdBar,
            time: bar.time, bar: bar.index, price: price, commission: paid)
        if units == 0 { record.status = .cancelled; record.price = .nan }
        records.append(record)
    }

    mutating func record(_ o: PendingOrder, _ status: OrderStatus, _ reason: OrderReason, size: Double,
                                 time: Int64, bar: Int, price: Double, commission: Double) {
        records.append(OrderRecord(
            id: o.id, symbol: o.symbol, side: o.orderSide, intent: o.intent, type: o.type, status: status, reason: reason,
            size: size, limit: o.limit, stop: o.stop, createdTime: o.createdTime, createdBar: o.createdBar,
            time: time, bar: bar, price: price, commission: commission))
    }
}
