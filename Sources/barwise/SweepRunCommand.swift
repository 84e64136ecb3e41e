import ArgumentParser
import Engine
import Analytics
import Foundation
import MarketData
import Research
import Signals

/// `barwise sweep STRATEGY.toml --grid …`: the sweep itself (the default of `barwise sweep`).
struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a parameter sweep (the default; `barwise sweep STRATEGY.toml …`).")

    @Argument(help: "The strategy file.")
    var strategy: String

    @Option(name: .customLong("grid"), help: ArgumentHelp("A swept param: name=lo:hi:step or name=a,b,c (repeatable).", valueName: "k=spec"))
    var grids: [String] = []

    @Option(name: .customLong("where"), help: ArgumentHelp("A constraint over params in the strategy language, e.g. \"fast < slow\".", valueName: "expr"))
    var constraint: String?

    @Option(help: "The metric to rank by: \(SweepMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
    var rank = "sharpe"

    @Option(parsing: .unconditional, help: "Sample this many combinations at random instead of the whole grid.")
    var random: Int?

    @Option(parsing: .unconditional, help: "The seed of --random.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Worker threads.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Run one slice of the sweep: I/N, auto or auto/N.")
    var shard: String?

    @Option(help: ArgumentHelp("Walk-forward: optimise on TRAIN bars, test on the next TEST bars, roll on.", valueName: "TRAIN:TEST"))
    var walkForward: String?

    @Flag(help: "With --walk-forward: training windows all start at the first bar.")
    var anchored = false

    @Flag(help: "Run each combination over all symbols as one portfolio (default: one run per symbol).")
    var portfolio = false

    @Option(help: "Comma-separated symbols (default: the strategy's).")
    var symbols: String?

    @Option(help: "First date of the runs.")
    var from: String?

    @Option(help: "Last date of the runs.")
    var to: String?

    @Option(parsing: .unconditional, help: "Starting cash (default: the strategy's).")
    var cash: Double?

    @Option(name: .customLong("set"), help: ArgumentHelp("Fix a param or setting for every run: k=v (repeatable).", valueName: "k=v"))
    var overrides: [String] = []

    @Flag(help: "Close open trades on the last bar of each run.")
    var closeAtEnd = false

    @Option(parsing: .unconditional, help: "Rows printed from the top of the ranking.")
    var top = 10

    @Option(help: "The output folder (default: reports/<strategy>-sweep-<UTC timestamp>); must be new or empty.")
    var out: String?

    @Flag(help: "Replace the --out folder whole when it holds an earlier sweep.")
    var force = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Probability of backtest overfitting by CSCV over S blocks (even, 2 to 16).", valueName: "S"))
    var pbo: Int?

    @Option(help: ArgumentHelp("Continue a sweep stopped (Ctrl-C, SIGTERM or killed) in DIR (same command otherwise); results go back into DIR.", valueName: "DIR"))
    var resume: String?

    @Flag(help: "Also write the full run report (CSV, JSON, index.html) of each of the --top rows, under top/.")
    var report = false

    @Flag(help: "Print summary.json instead of the table.")
    var json = false

    @Option(help: PushgatewayOption.help("at the start, every 5 s and at the end (job barwise_sweep, instance K-of-N or all)"))
    var pushgateway: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if grids.isEmpty { throw ValidationError("give at least one --grid name=lo:hi:step") }
        if SweepMetric(rawValue: rank) == nil {
            throw ValidationError("--rank '\(rank)' is not a metric (\(SweepMetric.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let random, random < 1 { throw ValidationError("--random must be at least 1, not \(random)") }
        if top < 0 { throw ValidationError("--top must be 0 or more, not \(top)") }
        if let pbo, pbo < 2 || pbo > 16 || pbo % 2 != 0 { throw ValidationError("--pbo must be an even number of blocks from 2 to 16, not \(pbo)") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if walkForward != nil && portfolio { throw ValidationError("--walk-forward runs one symbol at a time; drop --portfolio") }
        if walkForward != nil && shard != nil { throw ValidationError("--walk-forward cannot be sharded") }
        if anchored && walkForward == nil { throw ValidationError("--anchored goes with --walk-forward") }
        if resume != nil && out != nil { throw ValidationError("--resume writes back into its own folder; drop --out") }
        if resume != nil && force { throw ValidationError("--resume continues its folder; drop --force") }
        if pbo != nil && (resume != nil || walkForward != nil) { throw ValidationError("--pbo needs a whole sweep in one run (not --resume or --walk-forward)") }
        if resume != nil && walkForward != nil { throw ValidationError("--resume is for grid sweeps, not --walk-forward") }
        if let cash, !(cash > 0) { throw ValidationError("--cash must be positive, not \(cash)") }
        if pushgateway != nil && walkForward != nil { throw ValidationError("--pushgateway reports grid sweeps, not --walk-forward") }
        _ = try PushgatewayOption.client(pushgateway)
    }

    func run() throws {
        let started = Date()
        let clock = ContinuousClock.now
        let spec: StrategySpec
        let plan: SweepPlan
        let series: [BarSeries]
        var slice: Shard?
        do {
            spec = try StrategySpec.load(path: strategy, overrides: overrides)
            _ = try spec.compile()
            let axes = try grids.map { text throws(SweepError) in try GridAxis(parsing: text) }
            let grid = try ParameterGrid(axes: axes, strategyParams: spec.paramNames)
            let where_ = try constraint.map { text throws(SweepError) in try ParameterConstraint(text, params: spec.paramNames) }
            slice = try shard.map { text throws(SweepError) in try Shard(parsing: text, environment: ProcessInfo.processInfo.environment) }
            plan = try SweepPlan(grid: grid, params: spec.params, constraint: where_, random: random.map { ($0, seed) }, shard: slice)
            let names = try symbols.map { try SymbolList.parse($0, source: "--symbols") } ?? spec.symbols
            guard !names.isEmpty else { throw ValidationError("\(strategy): no symbols in the strategy; pass --symbols") }
            let range = try DateText.range(from: from, to: to)
            let store = try storeOptions.open(readOnly: true)
            series = try names.map { name in
                let s = try StrategyBars.load(store: store, symbol: name, interval: nil, strategyInterval: spec.interval, from: range.from, to: range.to)
                guard !s.isEmpty else { throw EngineError.noBars(symbol: name) }
                return s
            }
            // Every combination's lags against the loaded bars, before the first run.
            try LagCheck.require(sweep: plan, spec: spec, covers: series, strategy: strategy)
        } catch let error as ValidationError {
            CommandFailure.printError(error.message)
            throw ExitCode(2)
        } catch {
            throw CommandFailure.exit(error)
        }
        var runner = SweepRunner(spec: spec, plan: plan, series: series, jobs: jobs)
        runner.portfolio = portfolio
        runner.cash = cash
        runner.closeAtEnd = closeAtEnd
        runner.keepReturns = pbo != nil
        let metric = SweepMetric(rawValue: rank)!
        if let walkForward {
            try runWalkForward(walkForward, runner: runner, spec: spec, metric: metric, started: started)
            return
        }
        let progress = SweepProgress(total: runner.taskCount)
        let store = storeOptions.resolvedPath.path
        var outputs = SweepOutputs(spec: spec, strategyPath: strategy, plan: plan, series: series, ranked: [], metric: metric,
                                   shard: slice?.description, random: random.map { ($0, seed) }, constraint: constraint, overrides: overrides)
        var earlier: [SweepRunner.Row] = []
        var folder: ReportFolder
        do {
            if let resume {
                earlier = try SweepResume.rows(folder: resume, plan: plan, spec: spec, strategyPath: strategy, cash: cash,
                                               symbols: series.map(\.symbol), shard: slice?.description, constraint: constraint,
                                               random: random.map { ($0, seed) }, overrides: overrides,
                                               runNames: Set(portfolio ? [series.map(\.symbol).joined(separator: "+")] : series.map(\.symbol)))
                folder = try ReportFolder.resuming(resume)
            } else {
                folder = try ReportFolder.reserve(kind: .sweep, name: "\(spec.name)-sweep", out: out, force: force, at: started)
                try folder.clearForJournal()
                // The folder says what it holds before the first row: a killed sweep can be resumed.
                outputs.interrupted = true
                try outputs.writeManifest(to: folder.final, started: started, store: store)
            }
        } catch let error as ReportFolderError {
            throw error.report()
        } catch let error as SweepError {
            throw CommandFailure.exit(error)
        } catch {
            CommandFailure.printError("cannot write the sweep's manifest: \(CommandFailure.message(for: error))")
            throw CommandFailure.ioFailure
        }
        let interrupt = InterruptFlag()
        let journal: SweepJournal
        do { journal = try SweepJournal(folder: folder.final, params: spec.paramNames, stopped: interrupt.isSet) } catch {
            folder.discard()
            CommandFailure.printError("cannot write \(SweepJournal.fileName) in \(folder.path): \(CommandFailure.message(for: error))")
            throw CommandFailure.ioFailure
        }
        let gateway = try? PushgatewayOption.client(pushgateway)
        let pusher = gateway.map {
            SweepPusher(gateway: $0, sweep: spec.name, shard: slice, metric: metric, total: runner.taskCount, kept: earlier)
        }
        pusher?.start()
        let onRow: @Sendable (SweepRunner.Row) -> Void
        if let pusher {
            onRow = { row in
                journal.append(row)
                pusher.record(row)
            }
        } else {
            onRow = journal.append
        }
        let rows: [SweepRunner.Row]
        let interrupted: Bool
        do {
            (rows, interrupted) = try runner.run(skipping: Set(earlier.map { SweepRunner.RunKey(combination: $0.combination, symbol: $0.symbol) }),
                                                 progress: progress.update, stop: interrupt.isSet, onRow: onRow)
        } catch {
            pusher?.stop()
            folder.discard()
            if resume == nil {
                // A fresh sweep that failed leaves nothing behind (a resumed one keeps its rows).
                for name in ["manifest.json", SweepJournal.fileName] { try? FileManager.default.removeItem(at: folder.final.appendingPathComponent(name)) }
                if out == nil { try? FileManager.default.removeItem(at: folder.final) }
            }
            throw CommandFailure.exit(error)
        }
        progress.finish()
        let ranked = metric.rank(earlier + rows)
        outputs.ranked = ranked
        outputs.interrupted = interrupted
        outputs.overfitting = interrupted ? (psr: Double.nan, dsr: Double.nan, expectedMaxSharpe: Double.nan) : SweepRunCommand.overfitting(ranked, runner: runner)
        if let pbo, !interrupted {
            do {
                for (symbol, group) in Dictionary(grouping: ranked, by: \.symbol) {
                    outputs.pbo[symbol] = try BacktestOverfitting.cscv(returns: group.map { $0.returns ?? [] }, splits: pbo).probability
                }
                outputs.pboSplits = pbo
            } catch {
                pusher?.stop()
                folder.discard()
                throw CommandFailure.exit(error)
            }
        }
        do {
            try outputs.write(to: folder.staging, finalPath: folder.path, started: started, elapsed: clock.duration(to: .now), store: store)
            if report && !interrupted {
                try SweepTopReports.write(ranked.prefix(top), runner: runner, spec: spec, folder: folder.staging, sweepPath: folder.path)
            }
            try folder.commit()
        } catch {
            pusher?.stop()
            folder.discard()
            // The journal and manifest stay in the folder: --resume can still finish the sweep.
            CommandFailure.printError("cannot write the sweep to \(folder.path): \(CommandFailure.message(for: error))")
            throw CommandFailure.ioFailure
        }
        // results.csv is in place: the last push counts exactly its rows.
        pusher?.finish(ranked: ranked, completed: !interrupted)
        if interrupted {
            CommandFailure.notice("interrupted by \(interrupt.name): \(ranked.count) of \(plan.indices.count * (portfolio ? 1 : series.count)) runs kept in \(folder.path); continue with the same command and --resume \(folder.path)")
            throw ExitCode(interrupt.exitCode)
        }
        if json {
            try JSONOutput.print(outputs.summaryObject(folder: folder.path))
        } else {
            print(outputs.table(top: top))
            let resumed = earlier.isEmpty ? "" : " (\(earlier.count) kept from the interrupted run)"
            print("\(ranked.count) runs (\(plan.indices.count) combinations × \(portfolio ? "1 portfolio" : Plural.count(series.count, "symbol")))\(resumed) → \(folder.path)")
        }
    }

    private func runWalkForward(_ text: String, runner: SweepRunner, spec: StrategySpec, metric: SweepMetric, started: Date) throws {
        let results: [WalkForward.SymbolResult]
        do {
            results = try WalkForward(parsing: text, anchored: anchored).run(runner, rank: metric)
        } catch {
            throw CommandFailure.exit(error)
        }
        let folder: ReportFolder
        do { folder = try ReportFolder.reserve(kind: .walkForward, name: "\(spec.name)-walkforward", out: out, force: force, at: started) } catch {
            throw error.report()
        }
        let outputs = WalkForwardOutputs(results: results, params: runner.plan.grid.names, metric: metric)
        let manifest: [String: Any] = [
            "kind": ReportFolder.Kind.walkForward.rawValue, "command": ["barwise"] + Array(CommandLine.arguments.dropFirst()), "strategy": spec.name,
            "strategy_file": strategy, "walk_forward": text, "anchored": anchored, "grid": grids, "where": constraint ?? NSNull(),
            "rank": metric.rawValue, "symbols": runner.series.map(\.symbol), "barwise_version": BarwiseVersion.current,
        ]
        do {
            try outputs.write(to: folder.staging, manifest: manifest)
            try folder.commit()
        } catch {
            folder.discard()
            CommandFailure.printError("cannot write the walk-forward to \(folder.path): \(CommandFailure.message(for: error))")
            throw CommandFailure.ioFailure
        }
        if json { try JSONOutput.print(outputs.summaryObject) } else {
            print(outputs.table())
            print("walk-forward \(text)\(anchored ? " anchored" : "") → \(folder.path)")
        }
    }

    /// PSR and DSR of the best row from its summary (moments of its daily returns); every row of
    /// the sweep counts as a trial.
    static func overfitting(_ ranked: [SweepRunner.Row], runner: SweepRunner) -> (psr: Double, dsr: Double, expectedMaxSharpe: Double) {
        guard let best = ranked.first, let first = runner.series.first else { return (.nan, .nan, .nan) }
        return DeflatedSharpe.ofBest(best.summary, sharpes: ranked.map(\.summary.sharpe),
                                     periodsPerYear: best.summary.periodsPerYear.isFinite ? best.summary.periodsPerYear : RunSummary.periodsPerYear(for: first))
    }
}
