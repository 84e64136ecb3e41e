import Signals

/// Step 4 of `Simulation`: a symbol's rules at its close turn into orders for the broker.
extension Simulation {
    /// Step 4: exits, then entries (long before short when both fire), for symbol `s` at its close.
    @inline(never)
    mutating func decide(symbol s: Int, time t: Int64, close: Double, index: Int, rules: RuleValues) {
        if slots.trailingStop >= 0 {
            let d = rules.trailingStop
            for k in portfolio.openTrades.indices where portfolio.openTrades[k].symbol == s {
                portfolio.trail(k, close: close, distance: d)
            }
        }
        let longEntry = rules.longEntry
        let shortEntry = rules.shortEntry
        let longExit = rules.longExit
        let shortExit = rules.shortExit
        guard longEntry || shortEntry || longExit || shortExit else { return }
        var longs = portfolio.openCount(s, .long)
        var shorts = portfolio.openCount(s, .short)
        if longExit && longs > 0 {
            broker.submit(symbol: s, side: .long, intent: .exit, type: .market, time: t, bar: index)
            longs = 0
        }
        if shortExit && shorts > 0 {
            broker.submit(symbol: s, side: .short, intent: .exit, type: .market, time: t, bar: index)
            shorts = 0
        }
        if longEntry {
            enter(.long, symbol: s, same: longs, opposite: shorts, time: t, index: index, rules: rules)
        } else if shortEntry {
            enter(.short, symbol: s, same: shorts, opposite: longs, time: t, index: index, rules: rules)
        }
    }

    /// An entry rule fired: nothing while `pyramiding` entries on that side are open or queued;
    /// an open opposite position blocks it unless `exclusive`, which closes that position first
    /// and cancels the symbol's other queued entries.
    private mutating func enter(_ side: Side, symbol s: Int, same: Int, opposite: Int, time t: Int64, index: Int, rules: RuleValues) {
        guard same + broker.pendingEntries(s, side) < config.pyramiding else { return }
        if config.exclusive {
            broker.cancelEntries(s, time: t, bar: index)
            if opposite > 0 { broker.submit(symbol: s, side: side.opposite, intent: .exit, type: .market, time: t, bar: index) }
        } else if opposite > 0 {
            return
        }
        let limit = rules.entryLimit
        let stop = rules.entryStop
        var type = OrderType.market
        if slots.entryLimit >= 0 && slots.entryStop >= 0 {
            type = .stopLimit
        } else if slots.entryLimit >= 0 {
            type = .limit
        } else if slots.entryStop >= 0 {
            type = .stop
        }
        if (slots.entryLimit >= 0 && !(limit > 0 && limit.isFinite)) || (slots.entryStop >= 0 && !(stop > 0 && stop.isFinite)) {
            broker.reject(symbol: s, side: side, type: type, reason: .invalidPrice, time: t, bar: index)
            return
        }
        broker.submit(symbol: s, side: side, intent: .entry, type: type, limit: limit, stop: stop, time: t, bar: index,
                      stopLoss: rules.stopLoss, takeProfit: rules.takeProfit, trailing: rules.trailingStop)
    }
}
