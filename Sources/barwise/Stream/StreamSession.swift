import Engine
import Foundation
import MarketData
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

    init(program: SignalProgram, spec: StrategySpec, symbols: [String], config: EngineConfig, folder: URL, strict: Bool) throws {
        self.spec = spec
        self.symbols = symbols
        self.config = config
        self.folder = folder
        self.strict = strict
        simulation = Simulation(program: program, symbols: symbols, config: config)
        files = try StreamRunFiles(folder: folder, symbols: symbols)
        events = StreamEventWriter(out: BufferedOutput(fd: 1, closesFile: false), symbols: symbols)
    }

    /// Steps every timestamp the input brings, then finishes the run (`closeAtEnd`).
    mutating func run(reader: LineReader) throws -> Outcome {
        let files = self.files, events = self.events
        reader.onIdle = {
            try? events.flush()
            try? files.flush()
        }
        var source = LiveBarSource(reader: reader, symbols: symbols, interval: spec.interval)
        var batch = BarBatch(capacity: symbols.count)
        while try source.next(into: &batch) {
            if let failure = report(source.takeProblems()) { return finishInput(source, failure) }
            let start = StepLatency.now()
            simulation.step(batch)
            for j in 0..<batch.count {
                let s = batch.symbol(j)
                events.bar(s, batch.bar(j), index: batch.index(j))
                let fired = simulation.firedRules(symbol: s)
                if !fired.isEmpty { events.signal(s, time: batch.timestamp, rules: fired) }
            }
            emitEvents(time: batch.timestamp)
            latency.record(StepLatency.now() - start)
            lastTime = batch.timestamp
            steps += 1
        }
        if let failure = report(source.takeProblems()) { return finishInput(source, failure) }
        return finishInput(source, nil)
    }

    /// Error events for skipped lines; with `strict`, the first one ends the run.
    private mutating func report(_ list: [LiveBarSource.InputProblem]) -> Outcome? {
        for p in list {
            problems += 1
            events.error(line: p.line, reason: p.reason, time: lastTime)
            if strict { return .strictFailure(line: p.line, reason: p.reason) }
        }
        return nil
    }

    /// What the step did, past the cursor: orders placed, orders ended, trades closed, equity.
    private mutating func emitEvents(time: Int64) {
        while cursor.orderID < simulation.nextOrderID {
            if let o = simulation.placedOrder(id: cursor.orderID, readingRecordsFrom: cursor.record) {
                events.order(o, status: "submitted", time: o.createdTime)
            }
            cursor.orderID += 1
        }
        let ended = simulation.endedOrders
        for k in cursor.record..<ended.count {
            let o = ended[k]
            if o.status == .filled { events.fill(o) } else { events.order(o, status: o.status.rawValue, time: o.time) }
            files.add(o)
        }
        cursor.record = ended.count
        let closed = simulation.closedTrades
        for k in cursor.trade..<closed.count {
            events.trade(closed[k])
            files.add(closed[k])
        }
        cursor.trade = closed.count
        for k in cursor.point..<simulation.pointCount {
            let p = simulation.point(k)
            events.equity(p)
            files.add(p)
        }
        cursor.point = simulation.pointCount
        simulation.forget(upTo: &cursor)
    }

    /// The end of the input: the run finishes (close-at-end closes, pending orders are
    /// recorded) and the last events and rows are written.
    private mutating func finishInput(_ source: LiveBarSource, _ failure: Outcome?) -> Outcome {
        counts = (source.lines, source.bars, source.ticks, source.resent)
        var r = simulation.finish()
        let ended = r.orders
        for o in ended {
            if o.status == .filled { events.fill(o) } else { events.order(o, status: o.status.rawValue, time: o.time) }
            files.add(o)
        }
        for t in r.trades {
            events.trade(t)
            files.add(t)
        }
        var remarked: Simulation.EquityPoint?
        if config.closeAtEnd, let t = r.timestamps.last, let e = r.equity.last {
            remarked = Simulation.EquityPoint(time: t, equity: e, gross: r.grossExposure.last ?? 0, net: r.netExposure.last ?? 0)
            events.equity(remarked!)
        }
        files.finishEquity(remarked: remarked)
        try? files.flush()
        try? events.flush()
        // The whole run's equity and trades, for the summary.
        r.timestamps = files.times
        r.equity = files.values
        r.trades = files.closed
        r.grossExposure = Array(repeating: .nan, count: files.times.count)
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
            "errors": problems, "steps": steps, "events": events.seq,
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
        "\(counts.bars) bars (\(counts.ticks) ticks) from \(counts.lines) lines, \(problems) skipped as errors, \(counts.resent) resent, \(files.closed.count) trades"
    }
}
