import Analytics
import ArgumentParser
import Engine
import Foundation
import MarketData
import Reports
import Signals

/// `barwise run STRATEGY.toml`: a backtest over the store's bars, with a summary on stdout and
/// a report folder (equity, trades, orders, summary, manifest).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Backtest a strategy over stored bars and write a report folder.",
        discussion: """
            Steps the strategy through every bar of its symbols in time order with one shared \
            cash account: orders decided at a bar's close fill at the next bar's open (or at the \
            close with [execution] fill = "close"). Prints the headline figures and writes \
            reports/<strategy>-<UTC timestamp>/ with equity.csv, trades.csv, orders.csv, \
            summary.json and manifest.json (or the folder given by --out, which must be new or \
            empty; --force replaces an earlier run folder whole). The folder appears complete: \
            files are written beside it and moved into place at the end. Ctrl-C or SIGTERM stops \
            the run without leaving a folder (exit 130 or 143); after a SIGKILL, the empty folder \
            can be given again as --out, which also removes the killed run's hidden leftovers.

            A strategy with an [allocation] table rebalances its symbols to target weights every \
            week, month or quarter (weights from the trailing lookback, as barwise optimize computes \
            them) and also writes weights.csv: one row of target weights per rebalance.

            Examples:
              barwise run strategies/sma_cross.toml
              barwise run strategies/sma_cross.toml --close-at-end --json
              barwise run strategies/sma_cross.toml --set fast=10 --set slow=30 --set execution.commission=0
              barwise run strategies/rsi_reversion.toml --symbols GOOG,ORCL --from 2010-01-01 --to 2012-12-31 --cash 50000
              barwise run strategies/macd_trend.toml --out /tmp/macd-run
              barwise run strategies/min_variance_monthly.toml --set allocation.method=hrp
            """
    )

    @Argument(help: "The strategy file (TOML).")
    var strategy: String

    @Option(help: ArgumentHelp("Symbols to trade, comma-separated (default: the strategy's symbols).", valueName: "A,B"))
    var symbols: String?

    @Option(help: "First bar to include (a date or timestamp, UTC).")
    var from: String?

    @Option(help: "Last bar to include (a date or timestamp, UTC).")
    var to: String?

    @Option(help: "The bar interval (default: the strategy's); every symbol needs bars at it.")
    var interval: String?

    @Option(parsing: .unconditional, help: "Initial cash (default: [portfolio] cash).")
    var cash: Double?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a param (fast=12) or a key (execution.commission=0.001); repeatable.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Benchmark symbol for alpha and beta (default: buy-and-hold of the first traded symbol).", valueName: "SYM"))
    var benchmark: String?

    @Flag(help: "Close open trades on the last bar (at its open; backtesting.py's finalize_trades).")
    var closeAtEnd = false

    @Option(help: ArgumentHelp("The report folder (default: reports/<strategy>-<UTC timestamp>); must be new or empty.", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace the --out folder whole when it holds an earlier run.")
    var force = false

    @Flag(help: "Print the summary as JSON (the keys of summary.json).")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        // Ctrl-C or SIGTERM before the report folder exists ends the run at once (nothing is
        // written yet); from then on it removes the unfinished folder (`stopIfInterrupted`).
        let interrupt = InterruptFlag(exitsAtOnce: "stopped before the report was written; nothing was written")
        let progress = RunProgress()
        let started = Date()
        let clock = ContinuousClock.now
        let spec: StrategySpec
        let series: [BarSeries]
        let result: RunResult
        let ingests: [IngestRecord]
        let warmUpBars: Int
        do {
            let range = try parseRange()
            spec = try StrategySpec.load(path: strategy, overrides: overrides)
            let program = try spec.compile()
            warmUpBars = program.warmUpBars
            let config = try EngineConfig(spec: spec, cash: cash, closeAtEnd: closeAtEnd)
            let names = try SymbolList.resolve(symbols, spec: spec, strategy: strategy)
            let store = try storeOptions.open(readOnly: true)
            progress.phase("loading bars")
            series = try names.map { name in
                let s = try StrategyBars.load(store: store, symbol: name, interval: StrategyBars.interval(interval), strategyInterval: spec.interval, from: range.from, to: range.to)
                guard !s.isEmpty else { throw EngineError.noBars(symbol: name) }
                return s
            }
            try LagCheck.require(program, covers: series, strategy: strategy)
            ingests = try store.ingests().filter { $0.rowsWritten > 0 }
            progress.phase("running \(series.reduce(0) { $0 + $1.count }) bars")
            result = try Backtest.run(program: program, series: series, config: config)
        } catch let error as ValidationError {
            progress.finish()
            CommandFailure.printError(error.message)
            throw ExitCode(2)
        } catch let error as EngineError {
            progress.finish()
            // Settings that come from the strategy file name the file, as strategy errors do.
            switch error {
            case .invalidSetting, .riskSizingWithoutStop: CommandFailure.printError("\(strategy): \(error)")
            default: CommandFailure.printError(error.description)
            }
            throw ExitCode(2)
        } catch {
            progress.finish()
            throw CommandFailure.exit(error)
        }
        progress.phase("writing the report")
        defer { progress.finish() }
        if let log = result.allocation, log.times.isEmpty, log.failures.isEmpty {
            progress.notice("warning: no rebalance took place: the symbols never had \(spec.allocation!.lookback + 1) dates with a close for every one of them (see `barwise data list`); shorten [allocation] lookback or drop the symbols that end early or start late")
        }
        if let failures = result.allocation?.failures, let first = failures.first {
            progress.notice("warning: \(failures.count) rebalance(s) kept the previous positions because the weights could not be computed; first at \(CivilTime.iso8601(first.time)): \(first.message)")
        }
        let summary = RunSummary(result: result)
        var report = RunReport(spec: spec, result: result, summary: summary)
        report.warmUpBars = warmUpBars
        report.closes = series.map(\.close)
        do {
            let (name, closes) = try benchmarkCloses(series: series)
            report.benchmark = name
            report.metrics = RunMetrics.compute(result: result, benchmarkCloses: closes)
        } catch {
            progress.finish()
            throw CommandFailure.exit(error)
        }
        interrupt.deferExit()
        let folder: ReportFolder
        do { folder = try ReportFolder.reserve(kind: .run, name: spec.name, out: out, force: force, at: started) } catch {
            progress.finish()
            throw error.report()
        }
        let directory = folder.final
        let elapsed = clock.duration(to: .now)
        let manifest = manifestObject(spec: spec, series: series, ingests: ingests, started: started, elapsed: elapsed,
                                      periodsPerYear: summary.periodsPerYear)
        /// A signal received while writing: the folder is given up whole, nothing is left.
        func stopIfInterrupted() throws {
            guard interrupt.isSet() else { return }
            folder.abandon()
            progress.finish()
            CommandFailure.notice("interrupted by \(interrupt.name) while writing the report: nothing was kept (\(directory.path) \(folder.created ? "removed" : "left as it was"))")
            throw ExitCode(interrupt.exitCode)
        }
        do {
            try stopIfInterrupted()
            // Written beside the folder and moved into place complete (see ReportFolder).
            try report.write(to: folder.staging, manifest: manifest)
            TestSignalHook.current?.fire(after: 1, stopped: interrupt.isSet)
            try stopIfInterrupted()
            // The closes of the traded symbols, then the HTML report, both from the folder alone.
            try PriceTable(bars: series).write(folder: folder.staging.path)
            try stopIfInterrupted()
            try Reports.RunReport.write(folder: folder.staging.path)
            try stopIfInterrupted()
            try folder.commit()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            folder.abandon()
            progress.finish()
            CommandFailure.printError("cannot write the report to \(directory.path): \(CommandFailure.message(for: error))")
            throw CommandFailure.ioFailure
        }
        progress.finish()
        if json {
            var object = report.summaryObject
            object["report"] = directory.path
            try JSONOutput.print(object)
        } else {
            print(RunSummaryTable.render(spec: spec, series: series, summary: summary, report: directory.path, allocation: result.allocation))
        }
    }

    /// The benchmark's closes: `--benchmark SYM` from the store over the run's range, else the
    /// first traded symbol (buy-and-hold).
    private func benchmarkCloses(series: [BarSeries]) throws -> (String, BarSeries) {
        guard let benchmark else { return (series[0].symbol, series[0]) }
        try SymbolList.check([benchmark], source: "--benchmark")
        let store = try storeOptions.open(readOnly: true)
        let range = try parseRange()
        let s = try StrategyBars.load(store: store, symbol: benchmark, interval: series[0].interval, strategyInterval: series[0].interval,
                                      from: range.from, to: range.to, requestedBy: "the run's interval")
        guard !s.isEmpty else { throw EngineError.noBars(symbol: benchmark) }
        return (benchmark, s)
    }

    /// `--from`/`--to` as epoch seconds; a one-line error when unparseable or reversed.
    private func parseRange() throws -> (from: Int64?, to: Int64?) {
        _ = try StrategyBars.interval(interval)
        let range = try DateText.range(from: from, to: to)
        if let cash, !(cash > 0) { throw EngineError.nonPositiveCash(cash) }
        return range
    }

    /// `manifest.json`: what is needed to reproduce the run.
    /// `periodsPerYear`: the N the summary annualised with (`Analytics.PeriodsPerYear`), so a rerun
    /// can be checked against the same convention.
    private func manifestObject(spec: StrategySpec, series: [BarSeries], ingests: [IngestRecord], started: Date, elapsed: Duration,
                                periodsPerYear: Double) -> [String: Any] {
        let bytes = FileManager.default.contents(atPath: strategy).map { [UInt8]($0) } ?? []
        var params: [String: Any] = [:]
        for (k, v) in spec.params { params[k] = v }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return [
            "kind": ReportFolder.Kind.run.rawValue,
            "command": ["barwise"] + Array(CommandLine.arguments.dropFirst()),
            "strategy": spec.name,
            "strategy_file": strategy,
            "strategy_sha256": SHA256.hex(bytes),
            "params": params,
            "overrides": overrides,
            "symbols": series.map(\.symbol),
            "interval": series.first?.interval.description ?? spec.interval.description,
            "periods_per_year": JSONOutput.number(periodsPerYear),
            "from": from.flatMap(DateText.parse).map(DateText.iso) ?? NSNull(),
            "to": to.flatMap(DateText.parse).map(DateText.iso) ?? NSNull(),
            "data_range": series.map { s -> [String: Any] in
                ["symbol": s.symbol, "first": DateText.iso(s.timestamps.first ?? 0), "last": DateText.iso(s.timestamps.last ?? 0), "bars": s.count]
            },
            "store": storeOptions.resolvedPath.path,
            // The store does not link bars to the ingest that wrote them: these are the ingests that wrote rows.
            "ingest_ids": ingests.map(\.id).sorted(),
            "ingests": ingests.sorted { $0.id < $1.id }.map { i -> [String: Any] in
                ["id": i.id, "path": i.path ?? NSNull(), "sha256": i.sha256 ?? NSNull(), "finished_at": i.finishedAt ?? NSNull()]
            },
            "cash": cash ?? spec.portfolio.cash,
            "close_at_end": closeAtEnd,
            "barwise_version": BarwiseVersion.current,
            "barwise_commit": BarwiseVersion.commit,
            "started_at": DateText.iso(Int64(started.timeIntervalSince1970.rounded(.down))),
            "wall_time_seconds": seconds,
        ]
    }
}
