/// Rebalance orders of allocation strategies (`Allocator`): decided at one close as unit deltas
/// towards target positions, filled together on the symbols' next bars (at the open, or at the
/// same close with `fill = "close"`).
///
/// On each timestamp with queued rebalance orders, over the symbols that have a bar:
/// 1. **sells first**: a sell reduces the symbol's long trades oldest first (FIFO), splitting a
///    trade when only part of it is sold; each part sold is recorded as a closed trade. It never
///    sells more than is held (it never opens a short).
/// 2. **then buys, never on credit** (and only once no sell is left waiting for a bar): with `cost_i = q_i·P_i + commission(q_i, P_i)` and the cash
///    available after the sells `A = max(0, equity − gross exposure)`, when `Σ cost_i > A` every
///    buy is scaled down pro rata, `q_i ← q_i·A/Σ cost_i` (whole units rounded down unless
///    fractional), then cut (in order) to the most the cash left pays for (`Sizing.affordable`)
///    when its cost exceeds it; a buy above 10¹⁵ units is rejected (`size_out_of_bounds`).
///    A buy scaled to 0 units is recorded as rejected (`insufficient_cash`); otherwise
///    `orders.csv` shows the units actually bought.
///
/// Prices: P = the open (or close) with slippage against the trader; commission as configured.
extension Broker {
    /// Whether rebalance orders wait for a bar.
    var hasRebalancePending: Bool { !rebalancePending.isEmpty }

    /// Queues a rebalance order of `units` (signed: > 0 buy, < 0 sell) for `symbol`, decided at
    /// `time` on the symbol's bar `bar`.
    mutating func submitRebalance(symbol: Int, units: Double, time: Int64, bar: Int) {
        rebalancePending.append(PendingOrder(
            id: nextOrderID, symbol: symbol, side: units > 0 ? .long : .short, intent: .rebalance, type: .market,
            limit: .nan, stop: .nan, createdTime: time, createdBar: bar, lastBar: Int.max,
            stopLossDistance: .nan, takeProfitDistance: .nan, trailingDistance: .nan, units: Swift.abs(units)))
        nextOrderID += 1
    }

    /// Cancels every queued rebalance order (a new decision replaces them); `bars[s]` is the
    /// latest bar index of symbol s.
    mutating func cancelRebalances(time: Int64, bars: UnsafeMutablePointer<Int>) {
        for o in rebalancePending {
            record(o, .cancelled, .replaced, size: o.units, time: time, bar: bars[o.symbol], price: .nan, commission: 0)
        }
        rebalancePending.removeAll(keepingCapacity: true)
    }

    /// Fills the queued rebalance orders of the symbols with a bar in `batch`: sells, then buys
    /// within the available cash (see the extension's comment). Orders of symbols without a bar
    /// stay queued.
    mutating func fillRebalances<Bars: TimestampBars>(_ batch: Bars, atClose: Bool, portfolio: inout Portfolio) {
        guard !rebalancePending.isEmpty else { return }
        var buys: [(order: PendingOrder, price: Double, view: BarView)] = []
        var kept = 0
        for r in rebalancePending.indices {
            let o = rebalancePending[r]
            guard let j = batch.position(ofSymbol: o.symbol) else {
                rebalancePending[kept] = o
                kept += 1
                continue
            }
            let bar = batch.bar(j)
            let view = BarView(time: bar.timestamp, index: batch.index(j), open: bar.open, high: bar.high, low: bar.low, close: bar.close)
            let quoted = atClose ? bar.close : bar.open
            if o.side == .long {
                buys.append((o, config.slippage.apply(quoted, direction: 1), view))
                continue
            }
            let price = config.slippage.apply(quoted, direction: -1)
            let units = Swift.min(o.units, Swift.max(0, portfolio.position(o.symbol)))
            guard units > 0 else {
                record(o, .cancelled, .none, size: 0, time: view.time, bar: view.index, price: .nan, commission: 0)
                continue
            }
            let commission = config.commission.commission(size: units, price: price)
            // A minimum or fixed commission above the proceeds must not take the cash below 0.
            guard portfolio.available + units * price - commission >= 0 else {
                record(o, .rejected, .insufficientCash, size: units, time: view.time, bar: view.index, price: .nan, commission: 0)
                continue
            }
            portfolio.reduce(symbol: o.symbol, units: units, price: price, time: view.time, bar: view.index, commission: commission)
            record(o, .filled, .none, size: units, time: view.time, bar: view.index, price: price, commission: commission)
        }
        rebalancePending.removeLast(rebalancePending.count - kept)
        guard !buys.isEmpty else { return }
        // Sells first, across calendars too: while a sell waits for its symbol's next bar, the
        // buys wait with it (and then buy with its proceeds).
        if rebalancePending.contains(where: { $0.side == .short }) {
            rebalancePending.append(contentsOf: buys.map(\.order))
            return
        }

        var remaining = portfolio.available
        var total = 0.0
        for b in buys { total += b.order.units * b.price + config.commission.commission(size: b.order.units, price: b.price) }
        let scale = total > remaining ? remaining / total : 1
        let fractional = config.sizing.fractional
        for b in buys {
            var q = b.order.units
            // A target beyond 10¹⁵ units (a price near zero) is refused, never traded.
            guard q <= Sizing.maximumUnits else {
                record(b.order, .rejected, .sizeOutOfBounds, size: q, time: b.view.time, bar: b.view.index, price: .nan, commission: 0)
                continue
            }
            if scale < 1 { q = fractional ? q * scale : (q * scale).rounded(.down) }
            var cost = q * b.price + config.commission.commission(size: q, price: b.price)
            if !fractional && cost > remaining {
                // The largest whole q' ≤ q that the cash left pays for, in closed form.
                q = Swift.min(q, Sizing.affordable(available: remaining, price: b.price, commission: config.commission, fractional: false))
                cost = q * b.price + config.commission.commission(size: q, price: b.price)
            }
            var tries = 0
            while fractional && q > 0 && cost > remaining {
                q = tries < 8 ? q * ((remaining / cost) * (1 - 1e-12)) : 0
                tries += 1
                cost = q * b.price + config.commission.commission(size: q, price: b.price)
            }
            guard q > 0 else {
                record(b.order, .rejected, .insufficientCash, size: b.order.units, time: b.view.time, bar: b.view.index, price: .nan, commission: 0)
                continue
            }
            let commission = config.commission.commission(size: q, price: b.price)
            portfolio.open(symbol: b.order.symbol, size: q, price: b.price, time: b.view.time, bar: b.view.index, commission: commission,
                           stopLoss: .nan, takeProfit: .nan, trailingStop: .nan, trailingDistance: .nan)
            record(b.order, .filled, .none, size: q, time: b.view.time, bar: b.view.index, price: b.price, commission: commission)
            remaining -= cost
        }
    }
}
