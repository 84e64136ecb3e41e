import ArgumentParser
import Engine
import Foundation
import MarketData
import Monitoring
import Signals

/// `barwise stream STRATEGY.toml`: the strategy run live on NDJSON bars or ticks as they arrive,
/// paper-trading through the same `Simulation.step` as `run`, into the same run folder.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Run a strategy live on NDJSON bars or ticks and paper-trade it.",
        discussion: """
            Reads one JSON object per line: a bar {"symbol","time","open","high","low","close","volume"} \
            or a trade tick {"symbol","time","price","size"} (time as ISO 8601 or epoch seconds or \
            milliseconds). Ticks are aggregated into bars of the strategy's interval, stamped at \
            the interval's start; a tick bar is complete when a tick of a later interval arrives \
            or the input ends. Bars of several symbols must arrive in time order.

            Each bar goes through the same step as `barwise run`, so a backtest over the same bars \
            gives the same trades.csv and equity.csv. The run folder (--out, or \
            reports/<strategy>-<UTC timestamp>) is appended as events happen; summary.json, \
            manifest.json and index.html are written when the input ends or on Ctrl-C/SIGTERM \
            (exit 130/143).

            Standard output carries NDJSON events (bar, signal, order, fill, trade, equity, \
            warning, error), each with a sequence number, flushed whenever the input has nothing \
            more ready. A bad input line becomes an error event naming its line and is skipped \
            (--strict: exit 2). Messages for people go to standard error.

            Examples:
              barwise stream strategies/sma_cross.toml < bars.ndjson
              kcat -C -b localhost:9092 -t bars -u | barwise stream strategies/sma_cross.toml --out /tmp/live
              barwise stream strategies/sma_cross.toml --input /tmp/bars.fifo --close-at-end
              barwise stream strategies/sma_cross.toml --input tcp://127.0.0.1:9000 --symbols BTCUSDT
              barwise stream strategies/sma_cross.toml --input /tmp/bars.fifo --metrics 127.0.0.1:9464 --stale-after 300
            """
    )

    @Argument(help: "The strategy file (TOML).")
    var strategy: String

    @Option(help: ArgumentHelp("Where to read NDJSON: - (standard input), a file or FIFO, or tcp://IPV4:PORT.", valueName: "input"))
    var input = "-"

    @Flag(help: "With a file --input: keep reading as it grows (as tail -f) until Ctrl-C/SIGTERM.")
    var follow = false

    @Option(help: ArgumentHelp("Symbols to trade, comma-separated (default: the strategy's symbols).", valueName: "A,B"))
    var symbols: String?

    @Option(parsing: .unconditional, help: "Initial cash (default: [portfolio] cash).")
    var cash: Double?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a param (fast=12) or a key (execution.commission=0.001); repeatable.", valueName: "key=value"))
    var overrides: [String] = []

    @Flag(help: "Close open trades at the end of the input (at the last bar's open, as run --close-at-end).")
    var closeAtEnd = false

    @Option(help: ArgumentHelp("Close a bar built from ticks this many seconds after its interval's end on the wall clock, even if no later tick came.", valueName: "seconds"))
    var barTimeout: Double?

    @Flag(help: "Exit 2 at the first bad input line instead of reporting it and going on.")
    var strict = false

    @Option(help: ArgumentHelp("The run folder (default: reports/<strategy>-<UTC timestamp>); must be new or empty.", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace the --out folder whole when it holds an earlier run.")
    var force = false

    @Option(help: ArgumentHelp("Step the store's bars from this date (to the last stored bar) before the first live bar, as run --from would.", valueName: "date"))
    var warmupFrom: String?

    @Flag(help: "Write every live bar into the store (small transactions, the ingest's checks), so run can replay them later.")
    var record = false

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Checkpoint the run into this folder and, when it holds a checkpoint, resume from it.", valueName: "dir"))
    var state: String?

    @Option(help: ArgumentHelp("With --state: checkpoint at most every N timestamps stepped (and at the end).", valueName: "N"))
    var checkpointEvery = 1000

    @Option(help: ArgumentHelp("Serve Prometheus metrics (GET /metrics) and health (GET /healthz) on HOST:PORT, or PORT on 127.0.0.1.", valueName: "host:port"))
    var metrics: String?

    @Option(help: ArgumentHelp("With --metrics: seconds without a bar after which /healthz answers 503 and the feed counts as stalled (default: 3 bar intervals, at least 60).", valueName: "seconds"))
    var staleAfter: Double?

    func run() throws {
        let started = Date()
        let spec: StrategySpec
        let program: SignalProgram
        let config: EngineConfig
        let names: [String]
        do {
            spec = try StrategySpec.load(path: strategy, overrides: overrides)
            program = try spec.compile()
            if let cash, !(cash > 0) { throw EngineError.nonPositiveCash(cash) }
            config = try EngineConfig(spec: spec, cash: cash, closeAtEnd: closeAtEnd)
            try config.validate()
            names = try SymbolList.resolve(symbols, spec: spec, strategy: strategy)
        } catch let error as EngineError {
            CommandFailure.printError(error.description)
            throw ExitCode(2)
        } catch {
            throw CommandFailure.exit(error)
        }
        let fd: Int32
        do { fd = try StreamInput.open(input) } catch {
            CommandFailure.printError(error.description)
            throw ExitCode(2)
        }
        // The warm-up bars, loaded before anything is written (a missing symbol is exit 2).
        var warmUp: [BarSeries]?
        if let warmupFrom {
            do {
                guard let from = DateText.parse(warmupFrom) else { throw ValidationError("--warmup-from: '\(warmupFrom)' is not a date or timestamp") }
                let store = try storeOptions.open(readOnly: true)
                warmUp = try names.map { try StrategyBars.load(store: store, symbol: $0, interval: nil, strategyInterval: spec.interval, from: from, to: nil) }
            } catch let error as ValidationError {
                CommandFailure.printError(error.message)
                throw ExitCode(2)
            } catch {
                throw CommandFailure.exit(error)
            }
        }
        if let barTimeout, !(barTimeout >= 0 && barTimeout < 1e9) {
            CommandFailure.printError("--bar-timeout must be a number of seconds from 0 (got \(barTimeout))")
            throw ExitCode(2)
        }
        guard checkpointEvery > 0 else {
            CommandFailure.printError("--checkpoint-every must be at least 1 (got \(checkpointEvery))")
            throw ExitCode(2)
        }
        // The listener is up before anything is written: a port in use is exit 2 with nothing made.
        let monitor: (StreamMonitor, MetricsEndpoint)?
        do { monitor = try startMetrics(spec: spec, symbols: names) } catch let error as ValidationError {
            CommandFailure.printError(error.message)
            throw ExitCode(2)
        } catch {
            CommandFailure.printError("\(error)")
            throw ExitCode(2)
        }
        defer { monitor?.1.stopBlocking() }
        var session: StreamSession
        let checkpoint: StreamCheckpoint?
        let identity = self.identity(spec: spec, symbols: names, config: config)
        do {
            checkpoint = try state.flatMap { dir throws(StreamStateError) -> StreamCheckpoint? in
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw .unwritable(dir, reason: CommandFailure.message(for: error))
                }
                let found = try StreamCheckpoint.read(state: dir)
                try found?.check(against: identity, state: dir)
                if let found, let out, URL(fileURLWithPath: out).standardizedFileURL.path != found.out {
                    throw .otherFolder(dir, recorded: found.out, given: out)
                }
                return found
            }
        } catch {
            CommandFailure.printError(error.description)
            throw ExitCode(2)
        }
        let folderURL: URL
        if let checkpoint {
            folderURL = URL(fileURLWithPath: checkpoint.out)
        } else if let state, let claimed = StreamFolderClaim.unfinished(state: state, out: out) {
            // A first attempt died before its first checkpoint: its folder holds only the
            // stream's files, begun again from nothing.
            folderURL = claimed
        } else {
            let folder: ReportFolder
            do { folder = try ReportFolder.reserve(kind: .run, name: spec.name, out: out, force: force, at: started) } catch {
                throw error.report()
            }
            // The folder is written in place as events happen: no staging copy.
            folder.discard()
            folderURL = folder.final.standardizedFileURL
            if folder.replaces {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)) ?? [] {
                    try? FileManager.default.removeItem(at: folderURL.appendingPathComponent(name))
                }
            }
            if let state { StreamFolderClaim.write(state: state, folder: folderURL) }
        }
        do {
            session = try StreamSession(program: program, spec: spec, symbols: names, config: config, folder: folderURL, strict: strict,
                                        state: state.map { ($0, identity, checkpointEvery) }, resuming: checkpoint)
            session.monitor = monitor?.0
            if record {
                session.recorder = StreamRecorder(store: try storeOptions.open(), symbols: names, interval: spec.interval, input: input)
                session.recordEvery = checkpointEvery
            }
            if let checkpoint {
                try session.restore(checkpoint)
            } else if let warmUp {
                session.warmUp(warmUp)
            }
            if checkpoint == nil && state != nil {
                // A first checkpoint at once: a restart after a crash finds the folder it owns.
                try session.checkpoint()
            }
        } catch let error as StreamStateError {
            CommandFailure.printError(error.description)
            throw ExitCode(2)
        } catch {
            CommandFailure.printError("cannot write the run folder \(folderURL.path): \(error)")
            throw CommandFailure.ioFailure
        }
        let interrupt = InterruptFlag()
        let reader = LineReader(fd: fd, follow: follow)
        let stop = interrupt.isSet
        reader.shouldStop = stop
        session.barTimeoutMillis = barTimeout.map { Int64(($0 * 1000).rounded()) }
        let outcome: StreamSession.Outcome
        do { outcome = try session.run(reader: reader) } catch {
            CommandFailure.printError("stream stopped: \(error)")
            throw CommandFailure.ioFailure
        }
        if case let .strictFailure(line, reason) = outcome {
            CommandFailure.printError("\(input == "-" ? "stdin" : input):\(line): \(reason)")
            throw ExitCode(2)
        }
        do {
            try session.writeSummary(manifest: manifestObject(spec: spec, symbols: names, started: started, interrupted: stop()))
        } catch {
            CommandFailure.printError("cannot write the run folder \(folderURL.path): \(error)")
            throw CommandFailure.ioFailure
        }
        FileHandle.standardError.write(Data("stream: \(session.statusLine) → \(folderURL.path)\n".utf8))
        if stop() { throw ExitCode(interrupt.exitCode) }
    }

    /// `--metrics`: the metrics and their listener (nil without the option). The stale-after
    /// default is three bar intervals, at least a minute.
    private func startMetrics(spec: StrategySpec, symbols: [String]) throws -> (StreamMonitor, MetricsEndpoint)? {
        guard let metrics else {
            if staleAfter != nil { throw ValidationError("--stale-after needs --metrics") }
            return nil
        }
        if let staleAfter, !(staleAfter > 0 && staleAfter < 1e9) {
            throw ValidationError("--stale-after must be a number of seconds above 0 (got \(staleAfter))")
        }
        let stale = staleAfter ?? max(60, 3 * Double(spec.interval.nominalSeconds))
        let bytes = FileManager.default.contents(atPath: strategy).map { [UInt8]($0) } ?? []
        let build = [("version", BarwiseVersion.current), ("commit", BarwiseVersion.commit), ("strategy", spec.name),
                     ("strategy_sha256", SHA256.hex(bytes))]
        let registry = StreamMetrics(symbols: symbols, build: build, staleAfterSeconds: stale)
        let endpoint = try MetricsEndpoint.startBlocking(metrics, metrics: registry)
        FileHandle.standardError.write(Data("stream: metrics on http://\(endpoint.host):\(endpoint.port)/metrics\n".utf8))
        return (StreamMonitor(metrics: registry), endpoint)
    }

    /// What a `--state` folder must have been written for.
    private func identity(spec: StrategySpec, symbols: [String], config: EngineConfig) -> StreamCheckpoint.Identity {
        let bytes = FileManager.default.contents(atPath: strategy).map { [UInt8]($0) } ?? []
        return StreamCheckpoint.Identity(strategySha256: SHA256.hex(bytes), params: spec.params, symbols: symbols,
                                         interval: spec.interval.description, cash: config.initialCash, closeAtEnd: closeAtEnd,
                                         barwiseVersion: BarwiseVersion.current, barwiseCommit: BarwiseVersion.commit)
    }

    private func manifestObject(spec: StrategySpec, symbols: [String], started: Date, interrupted: Bool) -> [String: Any] {
        let bytes = FileManager.default.contents(atPath: strategy).map { [UInt8]($0) } ?? []
        var params: [String: Any] = [:]
        for (k, v) in spec.params { params[k] = v }
        return [
            "kind": ReportFolder.Kind.run.rawValue,
            "source": "stream",
            "input": input,
            "command": ["barwise"] + Array(CommandLine.arguments.dropFirst()),
            "strategy": spec.name,
            "strategy_file": strategy,
            "strategy_sha256": SHA256.hex(bytes),
            "params": params,
            "overrides": overrides,
            "symbols": symbols,
            "interval": spec.interval.description,
            "cash": cash ?? spec.portfolio.cash,
            "close_at_end": closeAtEnd,
            "interrupted": interrupted,
            "barwise_version": BarwiseVersion.current,
            "barwise_commit": BarwiseVersion.commit,
            "started_at": DateText.iso(Int64(started.timeIntervalSince1970.rounded(.down))),
        ]
    }
}
