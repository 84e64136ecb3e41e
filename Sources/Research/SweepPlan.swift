import Signals

/// Which combinations a sweep runs: the grid, filtered by `--where`, optionally sampled by
/// `--random N --seed S`, then sliced by `--shard`.
///
/// Without `--random` the grid may hold at most `maxCombinations` (10 million) combinations;
/// every one is checked against `--where` (compiled once). With `--random N` the grid may be any
/// size: combinations are drawn one at a time, uniformly and without replacement, from the
/// grid's index space (a Fisher-Yates shuffle kept sparse: only displaced indices are stored, so
/// memory grows with the draws, not the grid), and each draw that passes `--where` is kept until N
/// are kept. That is a uniform sample of the combinations that pass. When the whole grid has been
/// drawn with fewer than N passing, all of those are the sample; when `maxDraws(N)` draws
/// (max(1 million, 10·N), at most 10 million) keep fewer than N, the sweep is refused: `--where`
/// is too selective for sampling that grid.
public struct SweepPlan: Sendable {
    /// The most combinations a grid may have without `--random`, and the most draws `--random`
    /// makes.
    public static let maxCombinations = 10_000_000

    public let grid: ParameterGrid
    /// The strategy's params that are not swept, at their file (or `--set`) values.
    public let fixed: [String: Double]
    /// The grid indices this process runs, ascending.
    public let indices: [Int]
    /// Combinations in the sweep as a whole (after `--where` and `--random`, before sharding):
    /// the number of trials for the deflated Sharpe ratio.
    public let trials: Int

    /// - Parameters:
    ///   - params: all the strategy's params with their values (the swept ones are replaced).
    ///   - random: sample this many distinct combinations (all when fewer pass), with a
    ///     SplitMix64 generator seeded by `seed`, so the same seed picks the same combinations
    ///     on every machine.
    public init(
        grid: ParameterGrid, params: [String: Double], constraint: ParameterConstraint? = nil,
        random: (count: Int, seed: UInt64)? = nil, shard: Shard? = nil
    ) throws(SweepError) {
        self.grid = grid
        var fixed = params
        for name in grid.names { fixed.removeValue(forKey: name) }
        self.fixed = fixed
        let sizes = grid.axes.map(\.values.count)
        guard let total = grid.count else { throw .tooManyCombinations(sizes: sizes, limit: Self.maxCombinations) }
        if let random {
            guard random.count >= 1 else { throw .malformedRandom(random.count, reason: "must be at least 1") }
            guard random.count <= Self.maxCombinations else {
                throw .malformedRandom(random.count, reason: "at most \(SweepError.grouped(Self.maxCombinations)) combinations can be sampled")
            }
        } else if total > Self.maxCombinations {
            throw .tooManyCombinations(sizes: sizes, limit: Self.maxCombinations)
        }
        // `--where` compiled once, the fixed params folded in; evaluated per combination.
        var filter = try constraint?.formula(fixed: fixed, swept: grid.names).evaluator()
        var accepted: [Int]
        if let random {
            accepted = try Self.sample(random.count, seed: random.seed, grid: grid, total: total, constraint: constraint?.source, filter: &filter)
        } else {
            accepted = []
            var values = [Double](repeating: 0, count: grid.axes.count)
            var digits = [Int](repeating: 0, count: grid.axes.count)
            for a in grid.axes.indices { values[a] = grid.axes[a].values[0] }
            for k in 0..<total {
                if filter?.evaluate(values) ?? 1 == 1 { accepted.append(k) }
                // The next combination: an odometer over the axes, the last fastest.
                var a = grid.axes.count - 1
                while a >= 0 {
                    digits[a] += 1
                    if digits[a] < sizes[a] { values[a] = grid.axes[a].values[digits[a]]; break }
                    digits[a] = 0
                    values[a] = grid.axes[a].values[0]
                    a -= 1
                }
            }
        }
        if let constraint, accepted.isEmpty { throw .emptyGrid(constraint: constraint.source) }
        trials = accepted.count
        indices = shard.map { s in accepted.enumerated().filter { s.owns(position: $0.offset) }.map(\.element) } ?? accepted
    }

    /// All params of grid combination `index`: the fixed ones plus the swept values.
    public func params(at index: Int) -> [String: Double] {
        fixed.merging(grid.combination(at: index)) { _, swept in swept }
    }

    /// The most combinations `--random count` draws before giving up on `--where`.
    public static func maxDraws(_ count: Int) -> Int {
        min(maxCombinations, max(1_000_000, count.multipliedReportingOverflow(by: 10).partialValue))
    }

    /// Draws `count` grid indices that pass, uniformly without replacement (see the type's doc).
    private static func sample(
        _ count: Int, seed: UInt64, grid: ParameterGrid, total: Int, constraint: String?, filter: inout ScalarFormula.Evaluator?
    ) throws(SweepError) -> [Int] {
        var rng = SplitMix64(seed: seed)
        // Position p of the virtual shuffled array holds displaced[p] ?? p.
        var displaced: [Int: Int] = [:]
        var kept: [Int] = []
        var drawn = 0
        let budget = min(total, Self.maxDraws(count))
        var values = [Double](repeating: 0, count: grid.axes.count)
        while kept.count < count, drawn < budget {
            let j = drawn + Int(rng.uniform(below: UInt64(total - drawn)))
            let pick = displaced[j] ?? j
            displaced[j] = displaced.removeValue(forKey: drawn) ?? drawn
            drawn += 1
            if filter != nil { grid.values(at: pick, into: &values) }
            if filter?.evaluate(values) ?? 1 == 1 { kept.append(pick) }
        }
        if kept.count < count, drawn < total, let constraint {
            throw .constraintTooSelective(constraint, kept: kept.count, drawn: drawn, wanted: count)
        }
        return kept.sorted()
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast, seedable generator whose output is
/// the same on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<n` (n ≥ 1) without modulo bias (Lemire's multiply-and-reject),
    /// the same on every platform.
    public mutating func uniform(below n: UInt64) -> UInt64 {
        let threshold = (0 &- n) % n
        while true {
            let (high, low) = next().multipliedFullWidth(by: n)
            if low >= threshold { return high }
        }
    }
}
