import ArgumentParser
import Engine
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

    @Option(help: "Sample this many combinations at random instead of the whole grid.")
    var random: Int?

    @Option(help: "The seed of --random.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Run one slice of the sweep: I/N, auto or auto/N.")
    var shard: String?

    @Flag(help: "Run each combination over all symbols as one portfolio (default: one run per symbol).")
    var portfolio = false

    @Option(help: "Comma-separated symbols (default: the strategy's).")
    var symbols: String?

    @Option(help: "First date of the runs.")
    var from: String?

    @Option(help: "Last date of the runs.")
    var to: String?

    @Option(help: "Starting cash (default: the strategy's).")
    var cash: Double?

    @Option(name: .customLong("set"), help: ArgumentHelp("Fix a param or setting for every run: k=v (repeatable).", valueName: "k=v"))
    var overrides: [String] = []

    @Flag(help: "Close open trades on the last bar of each run.")
    var closeAtEnd = false

    @Option(help: "Rows printed from the top of the ranking.")
    var top = 10

    @Option(help: "The output folder (default: reports/<strategy>-sweep-<UTC timestamp>).")
    var out: String?

    @Flag(help: "Print summary.json instead of the table.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if grids.isEmpty { throw ValidationError("give at least one --grid name=lo:hi:step") }
        if SweepMetric(rawValue: rank) == nil {
            throw ValidationError("--rank '\(rank)' is not a metric (\(SweepMetric.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let random, random < 1 { throw ValidationError("--random must be at least 1") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let cash, !(cash > 0) { throw ValidationError("--cash must be positive, not \(cash)") }
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
            let names = symbols.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? spec.symbols
            guard !names.isEmpty else { throw ValidationError("\(strategy): no symbols in the strategy; pass --symbols") }
            let range = try SweepRunCommand.range(from: from, to: to)
            let store = try storeOptions.open(readOnly: true)
            series = try names.map { name in
                let s = try RunCommand.load(store: store, symbol: name, interval: nil, strategyInterval: spec.interval, from: range.from, to: range.to)
                guard !s.isEmpty else { throw EngineError.noBars(symbol: name) }
                return s
            }
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
        let progress = SweepProgress(total: runner.taskCount)
        let rows: [SweepRunner.Row]
        do { rows = try runner.run(progress: progress.update) } catch { throw CommandFailure.exit(error) }
        progress.finish()
        let metric = SweepMetric(rawValue: rank)!
        let ranked = metric.rank(rows)
        let folder = try ReportFolder.make(name: "\(spec.name)-sweep", out: out, at: started)
        let outputs = SweepOutputs(spec: spec, strategyPath: strategy, plan: plan, series: series, ranked: ranked, metric: metric,
                                   shard: slice?.description, random: random.map { ($0, seed) }, constraint: constraint, overrides: overrides)
        do {
            try outputs.write(to: folder, started: started, elapsed: clock.duration(to: .now), store: storeOptions.resolvedPath.path)
        } catch {
            CommandFailure.printError("cannot write the sweep to \(folder.path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        if json {
            try JSONOutput.print(outputs.summaryObject(folder: folder.path))
        } else {
            print(outputs.table(top: top))
            print("\(rows.count) runs (\(plan.indices.count) combinations × \(portfolio ? 1 : series.count) \(portfolio ? "portfolio" : "symbols")) → \(folder.path)")
        }
    }

    static func range(from: String?, to: String?) throws -> (from: Int64?, to: Int64?) {
        let f = try from.map { text -> Int64 in
            guard let t = DateText.parse(text) else { throw ValidationError("--from '\(text)' is not a date") }
            return t
        }
        let t = try to.map { text -> Int64 in
            guard let t = DateText.parse(text) else { throw ValidationError("--to '\(text)' is not a date") }
            return t
        }
        if let f, let t, f > t { throw ValidationError("--from is after --to") }
        return (f, t)
    }
}
