import Engine
import Foundation
import MarketData
import Monitoring
import Reports
import Signals

/// One `barwise stream` run: a `LiveBarSource` driving a `Simulation`, whose events go to
/// standard output (`StreamEventWriter`) and to the run folder (`StreamRunFiles`) as they happen.
/// The simulation forgets what has been written (`Simulation.forget`), so memory stays bounded
/// but for the 16 bytes a bar of the equity history that the end-of-run summary needs.
struct StreamSession {
    /// How the input ended.
    enum Outcome: Equatable {
        case ended
        case strictFailure(line: Int, reason: String)
    }

    let spec: StrategySpec
    let symbols: [String]
    let config: EngineConfig
    let folder: URL
    let strict: Bool
    private var simulation: Simulation
    private let files: StreamRunFiles
    private let events: StreamEventWriter
    private var cursor = Simulation.EventCursor()
    private var latency = StepLatency()
    private var lastTime: Int64?
    private var steps = 0
    private var problems = 0
    private var counts = (lines: 0, bars: 0, ticks: 0, resent: 0)
    private var result: RunResult?
    /// `--state`: the folder, the run's identity, the bar log and the checkpoint cadence.
    private let state: (path: String, identity: StreamCheckpoint.Identity, every: Int)?
    /// `--bar-timeout` in milliseconds.
    var barTimeoutMillis: Int64?
    /// Without `--state`, `--record` commits every this many timestamps.
    var recordEvery = 1000
    private var barLog: BarLog?
    private var lastTimes: [Int64]
    private var stepsSinceCheckpoint = 0
    private var warmUpBars = 0
    /// `--record`: live bars into the store.
    var recorder: StreamRecorder?
    private var liveSteps = 0
    /// `--metrics`: the Prometheus metrics the listener serves.
    var monitor: StreamMonitor?

    /// - Parameter state: `--state DIR`, the run's identity and `--checkpoint-every N`; with a
    ///   checkpoint in DIR, the run folder's files are cut back to it and `restore` must follow.
    init(program: SignalProgram, spec: StrategySpec, symbols: [String], config: EngineConfig, folder: URL, strict: Bool,
         state: (path: String, identity: StreamCheckpoint.Identity, every: Int)? = nil, resuming checkpoint: StreamCheckpoint? = nil) throws {
        self.spec = spec
        self.symbols = symbols
        self.config = config
        self.folder = folder
        self.strict = strict
        self.state = state
        simulation = Simulation(program: program, symbols: symbols, config: config)
        files = try StreamRunFiles(folder: folder, symbols: symbols, resuming: checkpoint?.files)
        events = StreamEventWriter(out: BufferedOutput(fd: 1, closesFile: false), symbols: symbols)
        lastTimes = Array(repeating: .min, count: symbols.count)
        if let state {
            barLog = try BarLog(path: (state.path as NSString).appendingPathComponent("bars.log"), keeping: checkpoint?.bars ?? 0)
        }
    }

    /// A restart: the checkpointed bars replayed through the same step, their rows and events
    /// counted but not written again (the files and the consumer have them), then a check that
    /// the replay came back to exactly the checkpoint's file sizes and event number.
    mutating func restore(_ checkpoint: StreamCheckpoint) throws {
        guard let state else { return }
        files.discarding = true
        events.discarding = true
        let logPath = (state.path as NSString).appendingPathComponent("bars.log")
        try BarLog.replay(path: logPath, count: checkpoint.bars, symbols: symbols.count) { batch in
            step(batch, replaying: true)
        }
        guard files.sizes == checkpoint.files, events.seq == checkpoint.seq, lastTimes == checkpoint.lastTimes else {
            throw StreamStateError.unreadable(StreamCheckpoint.path(in: state.path),
                                              reason: "replaying its \(checkpoint.bars) bars did not come back to the checkpoint (files \(files.sizes) vs \(checkpoint.files), event \(events.seq) vs \(checkpoint.seq)): the state or run folder was changed by hand")
        }
        files.discarding = false
        events.discarding = false
        stepsSinceCheckpoint = 0
    }

    /// Steps every timestamp the input brings, then finishes the run (`closeAtEnd`).
    mutating func run(reader: LineReader) throws -> Outcome {
        let files = self.files, events = self.events
        reader.onIdle = {
            try? events.flush()
            try? files.flush()
        }
        // Bars already stepped (a restart's replay) are skipped as resent; numbering goes on.
        let stepped = lastTimes.map { $0 == .min ? nil : $0 }
        var source = LiveBarSource(reader: reader, symbols: symbols, interval: spec.interval,
                                   firstIndex: simulation.barsStepped, resumeAfter: stepped.map { $0 ?? .min })
        source.barTimeoutMillis = barTimeoutMillis
        var batch = BarBatch(capacity: symbols.count)
        while true {
            let arrival = try source.poll(into: &batch)
            monitor?.input(source)
            if let failure = report(source.takeProblems()) { return try finishInput(source, failure) }
            if arrival == .end { break }
            guard arrival == .batch else { continue }
            let start = StepLatency.now()
            step(batch, replaying: false)
            let nanos = StepLatency.now() - start
            latency.record(nanos)
            monitor?.stepped(batch, nanos: nanos)
            recorder?.add(batch)
            liveSteps += 1
            if let state, stepsSinceCheckpoint >= state.every {
                try checkpoint()
            } else if state == nil, let recorder, liveSteps % recordEvery == 0 {
                try recorder.commit()
            }
        }
        return try finishInput(source, nil)
    }

    /// `--warmup-from`: the stored bars stepped before the first live bar, exactly as `run --from`
    /// steps them (their rows go to the run folder and the bar log), their events numbered but
    /// not written (they are history, not news); one `warning` event says how many there were.
    mutating func warmUp(_ series: [BarSeries]) {
        var feed = BarFeed(series)
        var batch = BarBatch(capacity: series.count)
        events.discarding = true
        var count = 0
        while feed.next(into: &batch) {
            step(batch, replaying: false)
            count += batch.count
        }
        events.discarding = false
        warmUpBars = count
        let last = series.map { $0.timestamps.last.map(CivilTime.iso8601) ?? "none" }
        events.warning("warm-up: \(count) stored bars stepped; live bars at or before each symbol's last stored bar (\(zip(symbols, last).map { "\($0) \($1)" }.joined(separator: ", "))) are skipped", time: lastTime)
    }

    /// One timestamp through the simulation, its events out (counted only while replaying).
    private mutating func step(_ batch: BarBatch, replaying: Bool) {
        if !replaying { barLog?.append(batch) }
        simulation.step(batch)
        for j in 0..<batch.count {
            let s = batch.symbol(j)
            events.bar(s, batch.bar(j), index: batch.index(j))
            let fired = simulation.firedRules(symbol: s)
            if !fired.isEmpty { events.signal(s, time: batch.timestamp, rules: fired) }
            lastTimes[s] = batch.timestamp
        }
        emitEvents(time: batch.timestamp)
        lastTime = batch.timestamp
        steps += 1
        stepsSinceCheckpoint += 1
    }

    /// Everything stepped so far made durable, then described in `state.json` (see
    /// `StreamCheckpoint`). The events go out first: a consumer never sees fewer than the state
    /// says were sent.
    mutating func checkpoint() throws {
        try recorder?.commit()
        guard let state, let barLog else { return }
        try events.flush()
        try files.sync()
        try barLog.sync()
        let checkpoint = StreamCheckpoint(identity: state.identity, out: folder.path, bars: barLog.count, files: files.sizes,
                                          seq: events.seq, lastTimes: lastTimes, steps: steps)
        try checkpoint.write(state: state.path)
        monitor?.metrics.checkpointed(now: StreamMetrics.wallClock())
        stepsSinceCheckpoint = 0
    }

    /// Error events for skipped lines; with `strict`, the first one ends the run.
    private mutating func report(_ list: [LiveBarSource.InputProblem]) -> Outcome? {
        for p in list {
            problems += 1
            monitor?.problem(p.kind)
            events.error(line: p.line, reason: p.reason, time: lastTime)
            if strict { return .strictFailure(line: p.line, reason: p.reason) }
        }
        return nil
    }

    /// What the step did, past the cursor: orders placed, orders ended, trades closed, equity.
    private mutating func emitEvents(time: Int64) {
        let live = !events.discarding
        while cursor.orderID < simulation.nextOrderID {
            if let o = simulation.placedOrder(id: cursor.orderID, readingRecordsFrom: cursor.record) {
                events.order(o, status: "submitted", time: o.createdTime)
                if live { monitor?.placed(o) }
            }
            cursor.orderID += 1
        }
        let ended = simulation.endedOrders
        for k in cursor.record..<ended.count {
            let o = ended[k]
            if o.status == .filled { events.fill(o) } else { events.order(o, status: o.status.rawValue, time: o.time) }
            files.add(o)
            monitor?.ended(o, live: live)
        }
        cursor.record = ended.count
        let closed = simulation.closedTrades
        for k in cursor.trade..<closed.count {
            events.trade(closed[k])
            files.add(closed[k])
            if live { monitor?.metrics.tradeClosed() }
        }
        cursor.trade = closed.count
        for k in cursor.point..<simulation.pointCount {
            let p = simulation.point(k)
            events.equity(p)
            files.add(p)
            monitor?.point(p)
        }
        if monitor?.positionsChanged == true { monitor?.positions(simulation.portfolio) }
        cursor.point = simulation.pointCount
        simulation.forget(upTo: &cursor)
    }

    /// The end of the input: the run finishes (close-at-end closes, pending orders are
    /// recorded) and the last events and rows are written.
    ///
    /// With `--state`, the checkpoint is taken first: the finishing rows (pending orders,
    /// close-at-end trades, the re-marked last point) lie after it, so a restart that brings more
    /// bars cuts them off and goes on as if the input had never ended.
    private mutating func finishInput(_ source: LiveBarSource, _ failure: Outcome?) throws -> Outcome {
        counts = (source.lines, source.bars, source.ticks, source.resent)
        monitor?.metrics.inputEnded()
        try checkpoint()
        var r = simulation.finish()
        let ended = r.orders
        for o in ended {
            if o.status == .filled { events.fill(o) } else { events.order(o, status: o.status.rawValue, time: o.time) }
            files.add(o)
            if o.intent == .closeAtEnd { monitor?.placed(o) }
            monitor?.ended(o, live: true)
        }
        for t in r.trades {
            events.trade(t)
            files.add(t)
            monitor?.metrics.tradeClosed()
        }
        var remarked: Simulation.EquityPoint?
        if config.closeAtEnd, let t = r.timestamps.last, let e = r.equity.last {
            remarked = Simulation.EquityPoint(time: t, equity: e, gross: r.grossExposure.last ?? 0, net: r.netExposure.last ?? 0)
            events.equity(remarked!)
            monitor?.point(remarked!)
        }
        monitor?.positions(simulation.portfolio)
        files.finishEquity(remarked: remarked)
        try files.flush()
        try? events.flush()
        // The whole run's equity and trades, for the summary, read back from the files (the same
        // doubles: the files hold their shortest round-trip text).
        let folderPath = folder.path as NSString
        let equityPath = folderPath.appendingPathComponent("equity.csv"), tradesPath = folderPath.appendingPathComponent("trades.csv")
        // (A run that stepped nothing has header-only files: nothing to read back.)
        let curve = steps == 0 ? EquityCurve() : try EquityCurve.read(path: equityPath, name: equityPath)
        r.timestamps = curve.timestamps
        r.equity = curve.equity
        let numbers = Dictionary(uniqueKeysWithValues: symbols.enumerated().map { ($1, $0) })
        r.trades = try (files.tradeCount == 0 ? [] : TradeRecord.read(path: tradesPath, name: tradesPath)).map { t in
            ClosedTrade(symbol: numbers[t.symbol] ?? 0, size: t.side == "long" ? t.size : -t.size, entryTime: t.entryTime, entryBar: t.entryBar,
                        entryPrice: t.entryPrice, exitTime: t.exitTime ?? t.entryTime, exitBar: t.exitBar ?? t.entryBar,
                        exitPrice: t.exitPrice ?? .nan, commission: t.commission, pnl: t.pnl, returnPct: t.returnFraction,
                        exitType: .market)
        }
        r.grossExposure = Array(repeating: .nan, count: r.timestamps.count)
        r.netExposure = r.grossExposure
        result = r
        return failure ?? .ended
    }

    /// `summary.json` (run's keys plus `stream`: counts and step latency), `manifest.json` and
    /// the HTML report.
    func writeSummary(manifest: [String: Any]) throws {
        guard let result else { return }
        let summary = RunSummary(result: result)
        var object = RunReport(spec: spec, result: result, summary: summary).summaryObject
        object["stream"] = streamObject
        try RunReport.json(object).write(to: folder.appendingPathComponent("summary.json"))
        try RunReport.json(manifest).write(to: folder.appendingPathComponent("manifest.json"))
        if !result.timestamps.isEmpty { _ = try Reports.RunReport.write(folder: folder.path) }
    }

    private var streamObject: [String: Any] {
        [
            "lines": counts.lines, "bars": counts.bars, "ticks": counts.ticks, "resent_skipped": counts.resent,
            "errors": problems, "steps": steps, "recorded_bars": recorder?.recorded ?? 0, "events": events.seq, "warmup_bars": warmUpBars,
            "step_latency_us": [
                "p50": JSONOutput.number(latency.quantileMicros(0.5) ?? .nan),
                "p99": JSONOutput.number(latency.quantileMicros(0.99) ?? .nan),
                "max": JSONOutput.number(latency.count > 0 ? Double(latency.maxNanos) / 1000 : .nan),
                "count": latency.count,
            ],
        ]
    }

    /// One line for standard error at the end.
    var statusLine: String {
        "\(counts.bars) bars (\(counts.ticks) ticks) from \(counts.lines) lines, \(problems) skipped as errors, \(counts.resent) skipped as already stepped, \(files.tradeCount) trades"
    }
}
