import Dispatch
import Engine
import MarketData
import Signals

/// How a sweep's work is cut: combinations in consecutive blocks (at most 128, fewer when there
/// are too few symbols to give every job four units), each block run on one symbol at a time.
/// Units go block by block, so a block's combinations finish (and its family is released) early.
struct SweepBlocks {
    let combinations: Int
    let symbols: Int
    /// Combinations per block.
    let size: Int

    /// - Parameter bars: the longest series; a block's recorded rule columns (about 32 bytes per
    ///   combination and bar at worst) are kept under 64 MiB per worker.
    init(combinations: Int, symbols: Int, jobs: Int, bars: Int = 0) {
        self.combinations = combinations
        self.symbols = symbols
        let forJobs = (4 * jobs + symbols - 1) / max(symbols, 1)
        let largest = max(1, min(128, (64 << 20) / max(1, bars * 32)))
        let count = min(max(forJobs, (combinations + largest - 1) / largest, 1), max(combinations, 1))
        size = max(1, (combinations + count - 1) / count)
    }

    /// The number of blocks.
    var count: Int { (combinations + size - 1) / size }

    /// The positions (in the plan) of block `block`'s combinations.
    func range(of block: Int) -> Range<Int> { block * size..<min(combinations, (block + 1) * size) }

    /// Every (block, symbol) unit, block-major.
    var units: [(block: Int, symbol: Int)] {
        (0..<count).flatMap { b in (0..<symbols).map { (b, $0) } }
    }
}

/// The compiled block a unit needs: its specs, engine configs and (single-symbol sweeps) the
/// `ProgramFamily` of its combinations. Built by the first unit of the block that asks; dropped
/// when the block's last unit is done, so few are alive at once.
final class FamilyCache: @unchecked Sendable {
    struct Block {
        var specs: [StrategySpec] = []
        var params: [[String: Double]] = []
        var configs: [EngineConfig] = []
        /// Nil for `--portfolio` sweeps (programs read several symbols' bars) and allocation
        /// strategies (no rules to record).
        var programs: ProgramFamily?

        /// Member `m`'s run over `symbols`: from the family's recorded rules on a single
        /// symbol, else from its own compiled program.
        func run(_ m: Int, symbols: [BarSeries], columns: FamilyColumns?) throws -> RunResult {
            if let programs, let columns {
                // The runner checked every series' order once, before the first unit.
                return try Backtest.run(signals: programs.signals(m, reading: columns), series: symbols[0], config: configs[m], ordered: true)
            }
            return try Backtest.run(program: specs[m].compile(), series: symbols, config: configs[m])
        }
    }

    private let runner: SweepRunner
    private let blocks: SweepBlocks
    private let lock = DispatchSemaphore(value: 1)
    private var built: [Int: Block] = [:]
    private var unitsLeft: [Int]

    init(runner: SweepRunner, blocks: SweepBlocks) {
        self.runner = runner
        self.blocks = blocks
        unitsLeft = Array(repeating: blocks.symbols, count: blocks.count)
    }

    /// Block `block`, compiled on first use.
    /// - Throws: `SweepRunFailure` naming the combination that does not compile.
    func block(_ block: Int) throws(SweepRunFailure) -> Block {
        if let done = lookUp(block) { return done }
        // Compiled outside the lock, so that other workers go on running their units; two
        // workers starting the same block at once both compile it and the first copy is kept.
        var made = Block()
        for c in blocks.range(of: block) {
            let (spec, params) = runner.specWithParams(runner.plan.indices[c])
            do {
                made.configs.append(try EngineConfig(spec: spec, cash: runner.cash, closeAtEnd: runner.closeAtEnd))
            } catch {
                throw SweepRunFailure(params: params, underlying: error)
            }
            made.specs.append(spec)
            made.params.append(params)
        }
        // Allocation strategies rebalance inside the simulation: they run their own programs.
        if !runner.portfolio && runner.spec.allocation == nil {
            do {
                made.programs = try ProgramFamily(specs: made.specs)
            } catch {
                throw SweepRunFailure(params: made.params[error.member], underlying: error.error)
            }
        }
        lock.wait()
        defer { lock.signal() }
        if let done = built[block] { return done }
        built[block] = made
        return made
    }

    private func lookUp(_ block: Int) -> Block? {
        lock.wait()
        defer { lock.signal() }
        return built[block]
    }

    /// One unit of `block` is finished (or skipped); the last one releases the block.
    func unitDone(_ block: Int) {
        lock.wait()
        unitsLeft[block] -= 1
        if unitsLeft[block] == 0 { built[block] = nil }
        lock.signal()
    }
}

/// Hands out unit numbers 0, 1, 2, … to the workers, each once.
final class UnitCounter: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var next = 0

    func take(below limit: Int) -> Int? {
        lock.wait()
        defer { lock.signal() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}
