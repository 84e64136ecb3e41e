/// Which combinations a sweep runs: the grid, filtered by `--where`, optionally sampled by
/// `--random N --seed S`, then sliced by `--shard`.
public struct SweepPlan: Sendable {
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
    ///   - random: sample this many distinct combinations (all when there are fewer), with a
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
        var accepted: [Int] = []
        accepted.reserveCapacity(grid.count)
        for k in 0..<grid.count {
            if let constraint, !constraint.accepts(fixed.merging(grid.combination(at: k)) { _, swept in swept }) { continue }
            accepted.append(k)
        }
        if let constraint, accepted.isEmpty { throw .emptyGrid(constraint: constraint.source) }
        if let random, random.count < accepted.count {
            var rng = SplitMix64(seed: random.seed)
            // Partial Fisher-Yates: the first `count` slots become a uniform sample.
            for i in 0..<random.count {
                let j = i + Int(rng.next() % UInt64(accepted.count - i))
                accepted.swapAt(i, j)
            }
            accepted = Array(accepted[..<random.count]).sorted()
        }
        trials = accepted.count
        indices = shard.map { s in accepted.enumerated().filter { s.owns(position: $0.offset) }.map(\.element) } ?? accepted
    }

    /// All params of grid combination `index`: the fixed ones plus the swept values.
    public func params(at index: Int) -> [String: Double] {
        fixed.merging(grid.combination(at: index)) { _, swept in swept }
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
}
