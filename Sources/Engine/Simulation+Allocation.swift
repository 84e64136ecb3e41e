import MarketData

/// The two phases an allocation strategy adds to `Simulation.step` (see the type's comment).
extension Simulation {
    /// Phase 1 of an allocation strategy: the queued rebalance orders of the batch's symbols fill
    /// at their opens (sells first), the symbols marked at the open meanwhile.
    mutating func fillRebalances<Bars: TimestampBars>(_ batch: Bars) {
        guard broker.hasRebalancePending, config.fill == .nextOpen else { return }
        for j in 0..<batch.count { portfolio.lastPrice[batch.symbol(j)] = batch.bar(j).open }
        broker.fillRebalances(batch, atClose: false, portfolio: &portfolio)
    }

    /// After the marks: the allocator records the closes and, when a decision is due, the
    /// orders towards the target weights are queued (replacing any still waiting) and, with
    /// `fill = "close"`, filled at once.
    mutating func allocate<Bars: TimestampBars>(_ batch: Bars) {
        if allocator!.observe(batch), let w = allocator!.decide(time: batch.timestamp) {
            broker.cancelRebalances(time: batch.timestamp, bars: columns.lastIndex)
            let equity = portfolio.equity
            // Sells are queued (and filled) ahead of buys.
            for pass in 0..<2 {
                for i in symbols.indices {
                    let price = portfolio.lastPrice[i]
                    guard price > 0, price.isFinite else { continue }
                    var target = w[i] * equity / price
                    if !config.sizing.fractional { target = target.rounded(.down) }
                    let delta = target - portfolio.position(i)
                    if (pass == 0 && delta < 0) || (pass == 1 && delta > 0) {
                        broker.submitRebalance(symbol: i, units: delta, time: batch.timestamp, bar: columns.lastIndex[i])
                    }
                }
            }
        }
        if config.fill == .close && broker.hasRebalancePending {
            broker.fillRebalances(batch, atClose: true, portfolio: &portfolio)
        }
    }
}
