import MarketData
import Signals

/// The simulation loop of DESIGN.md section 1, one timestamp at a time. `step` is the only code
/// that advances time; backtests, sweeps and live streams all feed it.
///
/// For each timestamp t, over the symbols with a bar at t:
/// 1. the broker fills the orders queued at t−1 against bar t (open, then intrabar);
/// 2. the portfolio marks to market at close[t] → one equity point;
/// 3. each symbol's `SignalProgram` steps through bar t;
/// 4. the rules turn signals into orders, queued for t+1 (or filled at close[t] with
///    `fill = "close"`).
///
/// ```swift
/// var sim = Simulation(program: try spec.compile(), symbols: ["GOOG"], config: try EngineConfig(spec: spec))
/// var feed = BarFeed([goog]); var batch = BarBatch()
/// while feed.next(into: &batch) { sim.step(batch) }
/// let result = sim.finish()
/// ```
public struct Simulation: Sendable {
    public let symbols: [String]
    public let config: EngineConfig
    private var programs: [SignalProgram]
    private let slots: RuleSlots
    public private(set) var portfolio: Portfolio
    private var broker: Broker
    private var result: RunResult
    /// Per symbol: index, time, open and close of its latest bar (for closing at the end).
    private var lastIndex: [Int]
    private var lastTime: [Int64]
    private var lastOpen: [Double]
    private var lastClose: [Double]

    /// - Parameters:
    ///   - program: the compiled strategy; each symbol steps its own copy.
    ///   - expectedSteps: timestamps to reserve room for (optional).
    public init(program: SignalProgram, symbols: [String], config: EngineConfig, expectedSteps: Int = 0) {
        self.symbols = symbols
        self.config = config
        programs = Array(repeating: program, count: symbols.count)
        for i in programs.indices { programs[i].reset() }
        slots = RuleSlots(program: program)
        portfolio = Portfolio(cash: config.initialCash, symbolCount: symbols.count)
        broker = Broker(config: config)
        result = RunResult(symbols: symbols, initialCash: config.initialCash)
        result.timestamps.reserveCapacity(expectedSteps)
        result.equity.reserveCapacity(expectedSteps)
        result.cash.reserveCapacity(expectedSteps)
        result.grossExposure.reserveCapacity(expectedSteps)
        result.netExposure.reserveCapacity(expectedSteps)
        lastIndex = Array(repeating: -1, count: symbols.count)
        lastTime = Array(repeating: 0, count: symbols.count)
        lastOpen = Array(repeating: .nan, count: symbols.count)
        lastClose = Array(repeating: .nan, count: symbols.count)
    }

    /// The current value of a signal or rule of symbol number `symbol`.
    public func value(symbol: Int, named name: String) -> Double? { programs[symbol].value(named: name) }

    /// Advances the simulation by one timestamp: every bar in `batch` (see the type's comment).
    public mutating func step(_ batch: BarBatch) {
        let wasOpen = !portfolio.openTrades.isEmpty
        let closedBefore = portfolio.closedTrades.count
        // 1. Fills against the new bars.
        for j in 0..<batch.count {
            let s = batch.symbols[j]
            let bar = batch.bars[j]
            portfolio.lastPrice[s] = bar.open
            if broker.hasPending || wasOpen {
                broker.process(symbol: s, bar: view(bar, batch.indices[j]), portfolio: &portfolio)
            }
        }
        // 2. Mark to market at the close.
        for j in 0..<batch.count {
            let s = batch.symbols[j]
            let bar = batch.bars[j]
            portfolio.lastPrice[s] = bar.close
            lastIndex[s] = batch.indices[j]
            lastTime[s] = bar.timestamp
            lastOpen[s] = bar.open
            lastClose[s] = bar.close
        }
        // 3–4. Signals, then orders.
        for j in 0..<batch.count {
            let s = batch.symbols[j]
            let bar = batch.bars[j]
            programs[s].step(open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
            decide(symbol: s, bar: bar, index: batch.indices[j])
            if config.fill == .close && broker.hasPending {
                broker.processAtClose(symbol: s, bar: view(bar, batch.indices[j]), portfolio: &portfolio)
            }
        }
        if wasOpen || !portfolio.openTrades.isEmpty || portfolio.closedTrades.count != closedBefore { result.exposedBars += 1 }
        result.timestamps.append(batch.timestamp)
        record()
    }

    /// Ends the run: with `closeAtEnd`, pending orders are cancelled and open trades close on
    /// each symbol's last bar — at its open with `next_open` (backtesting.py's
    /// `finalize_trades`: the broker re-runs on the last bar), at its close with `fill = "close"`;
    /// a symbol whose data ended earlier closes at its last close. The last equity point is
    /// then re-marked. Without it, queued orders are recorded as pending.
    public mutating func finish() -> RunResult {
        let end = result.timestamps.last ?? 0
        if config.closeAtEnd {
            broker.finish(cancel: true, time: end)
            for s in symbols.indices where lastIndex[s] >= 0 && portfolio.openTrades.contains(where: { $0.symbol == s }) {
                let atOpen = config.fill == .nextOpen && lastTime[s] == end
                broker.closeAtEnd(symbol: s, price: atOpen ? lastOpen[s] : lastClose[s], time: lastTime[s], bar: lastIndex[s], portfolio: &portfolio)
            }
            if !result.equity.isEmpty {
                result.equity.removeLast(); result.cash.removeLast()
                result.grossExposure.removeLast(); result.netExposure.removeLast()
                record()
            }
        } else {
            broker.finish(cancel: false, time: end)
        }
        var out = result
        out.trades = portfolio.closedTrades
        out.openTrades = portfolio.openTrades
        out.orders = broker.records.sorted { $0.id < $1.id }
        return out
    }

    // MARK: - Internals

    @inline(__always)
    private func view(_ bar: Bar, _ index: Int) -> Broker.BarView {
        Broker.BarView(time: bar.timestamp, index: index, open: bar.open, high: bar.high, low: bar.low, close: bar.close)
    }

    @inline(__always)
    private mutating func record() {
        let equity = portfolio.equity
        let net = portfolio.netExposure
        result.equity.append(equity)
        result.cash.append(equity - net)
        result.grossExposure.append(portfolio.grossExposure)
        result.netExposure.append(net)
    }

    /// Step 4: exits, then entries (long before short when both fire), for symbol `s` at its close.
    private mutating func decide(symbol s: Int, bar: Bar, index: Int) {
        if slots.trailingStop >= 0 {
            let d = RuleSlots.value(programs[s], slots.trailingStop)
            for k in portfolio.openTrades.indices where portfolio.openTrades[k].symbol == s {
                portfolio.trail(k, close: bar.close, distance: d)
            }
        }
        let longEntry = RuleSlots.isTrue(programs[s], slots.longEntry)
        let shortEntry = RuleSlots.isTrue(programs[s], slots.shortEntry)
        let longExit = RuleSlots.isTrue(programs[s], slots.longExit)
        let shortExit = RuleSlots.isTrue(programs[s], slots.shortExit)
        guard longEntry || shortEntry || longExit || shortExit else { return }
        var longs = portfolio.openCount(s, .long)
        var shorts = portfolio.openCount(s, .short)
        let t = bar.timestamp
        if longExit && longs > 0 {
            broker.submit(symbol: s, side: .long, intent: .exit, type: .market, time: t, bar: index)
            longs = 0
        }
        if shortExit && shorts > 0 {
            broker.submit(symbol: s, side: .short, intent: .exit, type: .market, time: t, bar: index)
            shorts = 0
        }
        if longEntry {
            enter(.long, symbol: s, same: longs, opposite: shorts, time: t, index: index)
        } else if shortEntry {
            enter(.short, symbol: s, same: shorts, opposite: longs, time: t, index: index)
        }
    }

    /// An entry rule fired: nothing while `pyramiding` entries on that side are open or queued;
    /// an open opposite position blocks it unless `exclusive`, which closes that position first
    /// and cancels the symbol's other queued entries.
    private mutating func enter(_ side: Side, symbol s: Int, same: Int, opposite: Int, time t: Int64, index: Int) {
        guard same + broker.pendingEntries(s, side) < config.pyramiding else { return }
        if config.exclusive {
            broker.cancelEntries(s, time: t, bar: index)
            if opposite > 0 { broker.submit(symbol: s, side: side.opposite, intent: .exit, type: .market, time: t, bar: index) }
        } else if opposite > 0 {
            return
        }
        let program = programs[s]
        let limit = RuleSlots.value(program, slots.entryLimit)
        let stop = RuleSlots.value(program, slots.entryStop)
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
                      stopLoss: RuleSlots.value(program, slots.stopLoss),
                      takeProfit: RuleSlots.value(program, slots.takeProfit),
                      trailing: RuleSlots.value(program, slots.trailingStop))
    }
}
