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
///    `fill = "close"`), from the symbol's bar `warmUpBars + 1` on (`EngineConfig.warmUp`:
///    one bar after every indicator has a value, as backtesting.py), or from its first bar
///    with `warmup = "none"`.
///
/// **Bankruptcy** (backtesting.py 0.6.6, `_Broker.next`): when the equity marked in step 2 is
/// zero or less (shorts whose price rises, or a gap through a stop, can take it there), every
/// open trade is closed at that close, queued orders are cancelled, the balance is set to 0 and
/// the run stops adding risk: no rule or allocation places an order again and the equity stays 0
/// to the end (`outOfMoneyTime` says when). Nothing is bought on credit, and the equity curve
/// never goes below zero.
///
/// An allocation strategy (`[allocation]`, no `[rules]`) runs through the same steps: in
/// step 1 the broker also fills the queued rebalance orders (sells, then buys within the cash),
/// and after step 2 the `Allocator` records the closes and, at the first timestamp of each new
/// week/month/quarter at which every symbol has a bar, decides target weights w and queues the orders that move every symbol
/// to `⌊w_i · equity / close_i⌋` units (fractional with `[sizing] fractional = true`), equity
/// and closes taken at that timestamp's close; they fill on the next bar, or at once with
/// `fill = "close"`.
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
    /// A sweep member's precomputed rule values, played back in place of a program (single-symbol
    /// `replay` only).
    private var recorded: RecordedSignals?
    let slots: RuleSlots
    /// Rules act once a symbol's program has stepped more bars than this (`EngineConfig.warmUp`).
    private let decisionsAfter: Int
    public internal(set) var portfolio: Portfolio
    var broker: Broker
    /// Equity points and each symbol's latest bar, copied on write.
    var columns: RunColumns
    private(set) var exposedBars = 0
    /// The allocation state (nil for rule-based strategies).
    var allocator: Allocator?
    /// The timestamp at which the equity reached zero and everything was closed out (nil while
    /// solvent); no order is placed after it.
    public private(set) var outOfMoneyTime: Int64?

    /// - Parameters:
    ///   - program: the compiled strategy; each symbol steps its own copy.
    ///   - expectedSteps: timestamps to reserve room for (optional; beyond it columns double).
    public init(program: SignalProgram, symbols: [String], config: EngineConfig, expectedSteps: Int = 0) {
        self.symbols = symbols
        self.config = config
        programs = Array(repeating: program, count: symbols.count)
        for i in programs.indices { programs[i].reset() }
        slots = RuleSlots(source: program)
        decisionsAfter = config.warmUp == .indicators ? program.warmUpBars + 1 : 0
        portfolio = Portfolio(cash: config.initialCash, symbolCount: symbols.count)
        broker = Broker(config: config)
        // Address space for the order and trade lists, so that they rarely grow by copying; pages
        // are only touched as records arrive.
        broker.reserveRecords(max(64, expectedSteps / 8))
        portfolio.reserveClosed(max(64, expectedSteps / 16))
        columns = RunColumns(symbolCount: symbols.count, capacity: expectedSteps)
        allocator = config.allocation.map { Allocator(spec: $0, symbols: symbols) }
    }

    /// A single-symbol simulation whose rules are read from `signals` (a `ProgramFamily`
    /// member's values on the series it will `replay`) instead of a program stepped here: the
    /// sweep's path, with the same broker, portfolio and decisions as every other run.
    public init(signals: RecordedSignals, symbol: String, config: EngineConfig, expectedSteps: Int = 0) {
        self.symbols = [symbol]
        self.config = config
        programs = []
        recorded = signals
        slots = RuleSlots(source: signals)
        decisionsAfter = config.warmUp == .indicators ? signals.warmUpBars + 1 : 0
        portfolio = Portfolio(cash: config.initialCash, symbolCount: 1)
        broker = Broker(config: config)
        broker.reserveRecords(max(64, expectedSteps / 8))
        portfolio.reserveClosed(max(64, expectedSteps / 16))
        columns = RunColumns(symbolCount: 1, capacity: expectedSteps)
    }

    /// The current value of a signal or rule of symbol number `symbol`.
    public func value(symbol: Int, named name: String) -> Double? {
        if let recorded { return recorded.outputPosition(named: name).map { recorded.value(at: $0) } }
        return programs[symbol].value(named: name)
    }

    /// The entry and exit rules of symbol number `s` that fire at its latest bar (their
    /// `[rules]` keys, e.g. `long_entry`); empty when none does (no allocation then).
    public func firedRules(symbol s: Int) -> [String] {
        let rules = recorded.map { slots.read($0) } ?? slots.read(programs[s])
        guard rules.firesAny else { return [] }
        var out: [String] = []
        if rules.longEntry { out.append(RuleKey.longEntry.rawValue) }
        if rules.longExit { out.append(RuleKey.longExit.rawValue) }
        if rules.shortEntry { out.append(RuleKey.shortEntry.rawValue) }
        if rules.shortExit { out.append(RuleKey.shortExit.rawValue) }
        return out
    }

    /// Advances the simulation by one timestamp: every bar in `batch` (see the type's comment).
    public mutating func step(_ batch: BarBatch) {
        precondition(recorded == nil, "a simulation over recorded signals only replays")
        uniqueColumns()
        var owned: [SignalProgram] = []
        swap(&owned, &programs)
        let point = advance(batch, &owned)
        columns.timestamps.append(batch.timestamp)
        columns.equity.append(point.equity)
        columns.gross.append(point.gross)
        columns.net.append(point.net)
        swap(&owned, &programs)
    }

    /// Steps every bar of `series`, the run's only symbol, in order: one `advance` per bar, the
    /// same step `step(_:)` takes, specialised for one bar and with the program held in a local
    /// (the backtest's and the sweep's single-symbol path).
    /// - Precondition: the simulation has one symbol and `series` continues its bars in time order.
    public mutating func replay(_ series: BarSeries) {
        precondition(symbols.count == 1, "replay runs a single-symbol simulation")
        guard !series.isEmpty else { return }
        uniqueColumns()
        if var signals = recorded {
            replay(series, source: &signals)
            recorded = signals
            return
        }
        if allocator != nil {
            var batch = BarBatch()
            let first = columns.lastIndex[0] + 1
            for i in 0..<series.count {
                batch.reset(timestamp: series.timestamps[i])
                batch.append(symbol: 0, index: first + i, bar: series[i])
                step(batch)
            }
            return
        }
        var owned: [SignalProgram] = []
        swap(&owned, &programs)
        // The program runs a chunk of bars ahead of the broker (its values depend on the bars
        // only); the cursor hands it back in the state bar-by-bar stepping leaves it in.
        var chunked = ChunkedProgram(owned.removeLast(), series: series)
        replay(series, source: &chunked)
        owned.append(chunked.finish())
        programs = owned
    }

    /// The replay loop over a program or recorded signals, held in a local: one `advance` per
    /// bar. Inlined into both callers, so each gets a loop specialised to its source.
    @inline(__always)
    private mutating func replay<Source: SignalSource>(_ series: BarSeries, source program: inout Source) {
        let n = series.count
        let first = columns.lastIndex[0] + 1
        // Room for every point up front, written through pointers and counted after the loop.
        let timeOut = columns.timestamps.reserve(additional: n), equityOut = columns.equity.reserve(additional: n)
        let grossOut = columns.gross.reserve(additional: n), netOut = columns.net.reserve(additional: n)
        var signals = OneSymbolSignals(source: program)
        defer { program = signals.source }
        series.timestamps.withUnsafeBufferPointer { ts in
        series.open.withUnsafeBufferPointer { open in
        series.high.withUnsafeBufferPointer { high in
        series.low.withUnsafeBufferPointer { low in
        series.close.withUnsafeBufferPointer { close in
        series.volume.withUnsafeBufferPointer { volume in
            for i in 0..<n {
                let bar = Bar(timestamp: ts[i], open: open[i], high: high[i], low: low[i], close: close[i], volume: volume[i])
                let point = advance(SingleBar(bar, index: first + i), &signals)
                timeOut[i] = ts[i]
                equityOut[i] = point.equity
                grossOut[i] = point.gross
                netOut[i] = point.net
            }
        } } } } } }
        columns.timestamps.didAppend(n)
        columns.equity.didAppend(n)
        columns.gross.didAppend(n)
        columns.net.didAppend(n)
    }

    /// The step: one timestamp's bars through phases 1 to 4 (see the type's comment); returns its
    /// equity point, which the caller records (`step` appends it to the columns, `replay` writes it
    /// into room reserved for the whole series). Every path (`step`, `replay`, and so the backtest, the sweep and the stream)
    /// runs this code; `signals` holds each symbol's signal source.
    @inline(__always)
    private mutating func advance<Bars: TimestampBars, Sources: SymbolSignals>(_ bars: Bars, _ signals: inout Sources) -> EquityMarks {
        let t = bars.timestamp
        let wasOpen = !portfolio.openTrades.isEmpty
        let closedBefore = portfolio.closedTrades.count
        for j in 0..<bars.count { fill(bars.symbol(j), bars.bar(j), bars.index(j), wasOpen) }
        if allocator != nil { fillRebalances(bars) }
        for j in 0..<bars.count { mark(bars.symbol(j), bars.bar(j), bars.index(j)) }
        var point = marks()
        if point.equity <= 0 && outOfMoneyTime == nil {
            goBankrupt(t)
            point = marks()
        }
        // Phases 3–4 (written out here rather than called: the single-bar replay inlines them).
        for j in 0..<bars.count {
            let s = bars.symbol(j), bar = bars.bar(j), index = bars.index(j)
            signals.step(symbol: s, bar)
            if outOfMoneyTime == nil && signals.barCount(symbol: s) > decisionsAfter {
                let rules = signals.rules(symbol: s, slots)
                if rules.firesAny || slots.trailingStop >= 0 {
                    decide(symbol: s, time: bar.timestamp, close: bar.close, index: index, rules: rules)
                }
            }
            if config.fill == .close && broker.hasPending {
                broker.processAtClose(symbol: s, bar: view(bar, index), portfolio: &portfolio)
            }
        }
        if allocator != nil && outOfMoneyTime == nil { allocate(bars) }
        // Only fills at this close (`fill = "close"`) move the marks after phase 2.
        if config.fill == .close { point = marks() }
        if wasOpen || !portfolio.openTrades.isEmpty || portfolio.closedTrades.count != closedBefore { exposedBars += 1 }
        return point
    }

    /// Ends the run: with `closeAtEnd`, pending orders are cancelled and open trades close on
    /// each symbol's last bar — at its open with `next_open` (backtesting.py's
    /// `finalize_trades`: the broker re-runs on the last bar), at its close with `fill = "close"`;
    /// a symbol whose data ended earlier closes at its last close. The last equity point is
    /// then re-marked. Without it, queued orders are recorded as pending.
    ///
    /// The equity columns are handed to the result without a copy; stepping on afterwards
    /// records a new, separate curve.
    public mutating func finish() -> RunResult {
        uniqueColumns()
        let c = columns
        let steps = c.equity.count
        let end = steps == 0 ? 0 : c.timestamps[steps - 1]
        if config.closeAtEnd {
            broker.finish(cancel: true, time: end)
            for s in symbols.indices where c.lastIndex[s] >= 0 && portfolio.openTrades.contains(where: { $0.symbol == s }) {
                let atOpen = config.fill == .nextOpen && c.lastTime[s] == end
                broker.closeAtEnd(symbol: s, price: atOpen ? c.lastOpen[s] : c.lastClose[s], time: c.lastTime[s], bar: c.lastIndex[s], portfolio: &portfolio)
            }
            if steps > 0 {
                c.equity[steps - 1] = portfolio.equity
                c.gross[steps - 1] = portfolio.grossExposure
                c.net[steps - 1] = portfolio.netExposure
            }
        } else {
            broker.finish(cancel: false, time: end)
        }
        var out = RunResult(symbols: symbols, initialCash: config.initialCash)
        out.timestamps = c.timestamps.finish()
        out.equity = c.equity.finish()
        out.grossExposure = c.gross.finish()
        out.netExposure = c.net.finish()
        // The columns now belong to the result: later steps record into fresh ones.
        columns = RunColumns(copyingLatestBarsOf: c)
        out.exposedBars = exposedBars
        out.outOfMoneyTime = outOfMoneyTime
        out.trades = portfolio.closedTrades
        out.openTrades = portfolio.openTrades
        out.orders = broker.records
        if let allocator {
            out.allocation = AllocationLog(times: allocator.times, weights: allocator.weights, failures: allocator.failures)
        }
        // Records are appended as orders end, almost always in id order: sort only when not.
        if zip(out.orders, out.orders.dropFirst()).contains(where: { $0.id > $1.id }) { out.orders.sort { $0.id < $1.id } }
        return out
    }

    // MARK: - Phases

    /// Copy-on-write of the columns and the last prices (a copied simulation steps on its own).
    @inline(__always)
    mutating func uniqueColumns() {
        if !isKnownUniquelyReferenced(&columns) { columns = RunColumns(copying: columns) }
        portfolio.lastPrice.makeUnique()
    }

    /// Phase 1: the broker fills queued orders and attached exits against the new bar.
    @inline(__always)
    private mutating func fill(_ s: Int, _ bar: Bar, _ index: Int, _ wasOpen: Bool) {
        guard broker.hasPending || (wasOpen && portfolio.attachedCount > 0) else { return }
        portfolio.lastPrice[s] = bar.open
        broker.process(symbol: s, bar: view(bar, index), portfolio: &portfolio)
    }

    /// Phase 2: mark to market at the close.
    @inline(__always)
    private mutating func mark(_ s: Int, _ bar: Bar, _ index: Int) {
        portfolio.lastPrice[s] = bar.close
        columns.lastIndex[s] = index
        columns.lastTime[s] = bar.timestamp
        columns.lastOpen[s] = bar.open
        columns.lastClose[s] = bar.close
    }

    /// Equity, gross and net exposure of one timestamp.
    typealias EquityMarks = (equity: Double, gross: Double, net: Double)

    /// Equity, gross and net exposure, open trades marked at each symbol's last price. O(open trades).
    @inline(__always)
    private func marks() -> EquityMarks {
        var equity = portfolio.balance
        var gross = 0.0
        var net = 0.0
        for t in portfolio.openTrades {
            let price = portfolio.lastPrice[t.symbol]
            equity += t.size * (price - t.entryPrice)
            gross += Swift.abs(t.size) * price
            net += t.size * price
        }
        return (equity, gross, net)
    }

    /// Phase 2, after the marks, when the equity is zero or less (see the type's comment):
    /// everything closes out at the marked closes, and the run stops adding risk (out of line: rare).
    @inline(never)
    private mutating func goBankrupt(_ t: Int64) {
        let c = columns
        broker.liquidate(portfolio: &portfolio, time: { c.lastTime[$0] }, bar: { c.lastIndex[$0] })
        outOfMoneyTime = t
    }

    @inline(__always)
    private func view(_ bar: Bar, _ index: Int) -> Broker.BarView {
        Broker.BarView(time: bar.timestamp, index: index, open: bar.open, high: bar.high, low: bar.low, close: bar.close)
    }
}
