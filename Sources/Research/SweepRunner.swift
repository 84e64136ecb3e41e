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
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> [Row] {
        try run(skipping: [], progress: progress, stop: nil).rows
    }

    /// A run already done: a combination on a symbol (the joined universe with `portfolio`).
    public struct RunKey: Hashable, Sendable {
        public var combination: Int
        public var symbol: String

        public init(combination: Int, symbol: String) {
            self.combination = combination
            self.symbol = symbol
        }
    }

    /// Runs every (combination, symbol) not in `skipping` (done by an earlier, interrupted run).
    /// When `stop` turns true, workers finish the run in hand and take no more: the rows done so
    /// far come back with `interrupted` set. Rows are in plan order either way. `onRow` sees each
    /// row as soon as its run finishes (from the worker thread, in finishing order), before
    /// `progress` counts it: `barwise sweep` appends it to the folder's journal there.
    ///
    /// Work goes in units of one symbol × one block of combinations. A block's combinations are
    /// compiled together as a `ProgramFamily`: one program in which a node several of them share
    /// (say `sma(close, 20)`) is one node, stepped once per symbol, recording every member's
    /// rules; each member's simulation then reads its rules back instead of stepping a program.
    public func run(
        skipping done: Set<RunKey>, progress: (@Sendable (Int) -> Void)? = nil, stop: (@Sendable () -> Bool)? = nil,
        onRow: (@Sendable (Row) -> Void)? = nil
    ) throws -> (rows: [Row], interrupted: Bool) {
        try Backtest.validate(series)
        let combinations = plan.indices
        let perCombination = portfolio ? 1 : series.count
        let names = portfolio ? [series.map(\.symbol).joined(separator: "+")] : series.map(\.symbol)
        let blocks = SweepBlocks(combinations: combinations.count, symbols: perCombination, jobs: jobs,
                                 bars: series.map(\.count).max() ?? 0)
        let pending = combinations.flatMap { k in names.map { !done.contains(RunKey(combination: k, symbol: $0)) } }
        let todo = pending.count { $0 }
        let box = ResultBox(count: pending.count)
        // N of each run, inferred once here rather than once per run: a single-symbol run is
        // stamped with its series' timestamps, a portfolio run with the union of every series'.
        let periods = portfolio
            ? [PeriodsPerYear.infer(timestamps: Array(Set(series.flatMap(\.timestamps))).sorted())]
            : series.map { RunSummary.periodsPerYear(for: $0) }
        let families = FamilyCache(runner: self, blocks: blocks)
        let units = blocks.units
        let next = UnitCounter()
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(units.count, 1))) { _ in
            while !box.failed, !(stop?() ?? false), let u = next.take(below: units.count) {
                let (block, j) = units[u]
                let range = blocks.range(of: block)
                guard range.contains(where: { pending[$0 * perCombination + j] }) else {
                    families.unitDone(block)
                    continue
                }
                do {
                    let block = try families.block(block)
                    let symbols = portfolio ? series : [series[j]]
                    let columns = block.programs?.columns(for: series[j])
                    for c in range where pending[c * perCombination + j] {
                        if box.failed || stop?() ?? false { break }
                        let m = c - range.lowerBound
                        do {
                            let result = try block.run(m, symbols: symbols, columns: columns)
                            let done = row(combinations[c], block.params[m], symbols, result,
                                           periodsPerYear: periods[portfolio ? 0 : j])
                            box.set(c * perCombination + j, done)
                            onRow?(done)
                        } catch {
                            throw SweepRunFailure(params: block.params[m], underlying: error)
                        }
                        progress?(box.finishOne())
                    }
                } catch let failure as SweepRunFailure {
                    box.fail(failure)
                } catch {
                    box.fail(SweepRunFailure(params: [:], underlying: error))
                }
                families.unitDone(block)
            }
        }
        if let failure = box.failure { throw failure }
        let rows = box.rows.compactMap { $0 }
        return (rows, rows.count < todo)
    }

    /// The spec of combination `index` (its params set) and those params.
    func specWithParams(_ index: Int) -> (StrategySpec, [String: Double]) {
        var s = spec
        let params = plan.params(at: index)
        for (name, value) in params { s.params[name] = value }
        return (s, params)
    }

    /// One backtest: the spec with combination `index`'s params over `symbols`.
    public func runOne(combination index: Int, series symbols: [BarSeries]) throws -> Row {
        let (spec, params) = specWithParams(index)
        let result = try Backtest.run(spec: spec, series: symbols, cash: cash, closeAtEnd: closeAtEnd)
        return row(index, params, symbols, result, periodsPerYear: nil)
    }

    /// The full result of combination `index` over `symbols` (walk-forward test windows).
    public func runResult(combination index: Int, series symbols: [BarSeries]) throws -> RunResult {
        try Backtest.run(spec: specWithParams(index).0, series: symbols, cash: cash, closeAtEnd: closeAtEnd)
    }

    /// `periodsPerYear`: N when known (the run's series alone), else inferred from the result.
    private func row(_ index: Int, _ params: [String: Double], _ symbols: [BarSeries], _ result: RunResult,
                     periodsPerYear: Double?) -> Row {
        let summary = RunSummary(result: result, periodsPerYear: periodsPerYear)
        var row = Row(combination: index, params: params, symbol: symbols.map(\.symbol).joined(separator: "+"), summary: summary)
        if keepReturns {
            row.returns = DailyResampler.returns(DailyResampler.resample(values: result.equity, timestamps: result.timestamps).values)
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

    func fail(_ error: SweepRunFailure) {
        lock.wait()
        if failure == nil { failure = error }
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
