import Analytics
import Dispatch
import Engine
import MarketData
import Signals

/// Runs a `SweepPlan` over bars loaded once and shared read-only, on `jobs` threads.
///
/// Each (combination, symbol) pair is an independent single-symbol backtest (or, with
/// `portfolio`, each combination runs the whole universe as one portfolio) through exactly the
/// code `barwise run` uses (`Backtest.run` on the spec with the combination's params), so a row
/// equals `barwise run --set ...` bit for bit. Only each run's `RunSummary` is kept, never its
/// equity curve: memory grows with the number of rows, not with bars × rows.
public struct SweepRunner: Sendable {
    public let spec: StrategySpec
    public let plan: SweepPlan
    public var series: [BarSeries]
    public var portfolio = false
    public var jobs: Int
    public var cash: Double?
    public var closeAtEnd = false
    /// Keep each run's daily returns (memory T per row), for the probability of overfitting.
    public var keepReturns = false

    /// One result row: a combination on one symbol (or on the universe, `symbol` = "A+B").
    public struct Row: Sendable {
        public var combination: Int
        public var params: [String: Double]
        public var symbol: String
        public var summary: RunSummary
        /// Daily simple returns of the run's equity, kept only with `keepReturns` (for PBO).
        public var returns: [Double]? = nil
    }

    public init(spec: StrategySpec, plan: SweepPlan, series: [BarSeries], jobs: Int) {
        self.spec = spec
        self.plan = plan
        self.series = series
        self.jobs = max(1, jobs)
    }

    /// The number of runs: combinations × symbols (× 1 with `portfolio`).
    public var taskCount: Int { plan.indices.count * (portfolio ? 1 : series.count) }

    /// Runs every task; `progress` is called (from worker threads) with the count done so far.
    /// Rows come back in task order (combination, then symbol), whatever the thread timing.
    /// Each combination is compiled once and its program copied for each symbol.
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [Row] {
        try run(skipping: [], progress: progress, stop: nil).rows
    }

    /// Runs the combinations not in `skipping` (already done by an earlier, interrupted run).
    /// When `stop` turns true, workers finish the combination in hand and take no more: the rows
    /// done so far come back with `interrupted` set. Rows are in plan order either way.
    public func run(
        skipping done: Set<Int>, progress: (@Sendable (Int) -> Void)? = nil, stop: (@Sendable () -> Bool)? = nil
    ) throws -> (rows: [Row], interrupted: Bool) {
        let todo = plan.indices.filter { !done.contains($0) }
        let combinations = todo.count
        let perCombination = portfolio ? 1 : series.count
        let box = ResultBox(count: combinations * perCombination)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(combinations, 1))) { worker in
            var c = worker
            while c < combinations, !box.failed, !(stop?() ?? false) {
                let k = todo[c]
                do {
                    let (spec, params) = specWithParams(k)
                    let program = try spec.compile()
                    let config = try EngineConfig(spec: spec, cash: cash, closeAtEnd: closeAtEnd)
                    for j in 0..<perCombination {
                        let symbols = portfolio ? series : [series[j]]
                        let result = try Backtest.run(program: program, series: symbols, config: config)
                        box.set(c * perCombination + j, row(k, params, symbols, result))
                        progress?(box.finishOne())
                    }
                } catch {
                    box.fail(error, combination: plan.params(at: k))
                }
                c += jobs
            }
        }
        if let failure = box.failure { throw failure }
        let rows = box.rows.compactMap { $0 }
        return (rows, rows.count < box.rows.count)
    }

    /// One backtest: the spec with combination `index`'s params over `symbols`.
    public func runOne(combination index: Int, series symbols: [BarSeries]) throws -> Row {
        let (spec, params) = specWithParams(index)
        let result = try Backtest.run(spec: spec, series: symbols, cash: cash, closeAtEnd: closeAtEnd)
        return row(index, params, symbols, result)
    }

    /// The full result of combination `index` over `symbols` (walk-forward test windows).
    public func runResult(combination index: Int, series symbols: [BarSeries]) throws -> RunResult {
        try Backtest.run(spec: specWithParams(index).0, series: symbols, cash: cash, closeAtEnd: closeAtEnd)
    }

    private func specWithParams(_ index: Int) -> (StrategySpec, [String: Double]) {
        var s = spec
        let params = plan.params(at: index)
        for (name, value) in params { s.params[name] = value }
        return (s, params)
    }

    private func row(_ index: Int, _ params: [String: Double], _ symbols: [BarSeries], _ result: RunResult) -> Row {
        let summary = RunSummary(result: result, periodsPerYear: RunSummary.periodsPerYear(for: symbols[0].interval))
        var row = Row(combination: index, params: params, symbol: symbols.map(\.symbol).joined(separator: "+"), summary: summary)
        if keepReturns {
            let daily = DailyResampler.resample(values: result.equity, timestamps: result.timestamps).values
            row.returns = (1..<max(1, daily.count)).map { daily[$0] / daily[$0 - 1] - 1 }
        }
        return row
    }
}

/// Why a combination failed (e.g. a period of 0 from the grid), naming its params.
public struct SweepRunFailure: Error, CustomStringConvertible {
    public var params: [String: Double]
    public var underlying: any Error

    public var description: String {
        let p = params.sorted { $0.key < $1.key }.map { "\($0.key)=\(GridAxis.format($0.value))" }.joined(separator: " ")
        return "combination \(p): \(underlying)"
    }
}

/// Result slots written by worker threads, each slot by exactly one task.
private final class ResultBox: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private(set) var rows: [SweepRunner.Row?]
    private(set) var failure: SweepRunFailure?
    private var done = 0

    init(count: Int) { rows = Array(repeating: nil, count: count) }

    var failed: Bool {
        lock.wait()
        defer { lock.signal() }
        return failure != nil
    }

    func set(_ i: Int, _ row: SweepRunner.Row) {
        lock.wait()
        rows[i] = row
        lock.signal()
    }

    func fail(_ error: any Error, combination: [String: Double]) {
        lock.wait()
        if failure == nil { failure = SweepRunFailure(params: combination, underlying: error) }
        lock.signal()
    }

    func finishOne() -> Int {
        lock.wait()
        done += 1
        let n = done
        lock.signal()
        return n
    }
}
