import Testing
@testable import Research

/// Grids, `--where`, `--random` and `--shard`: what a sweep runs, and the errors a user gets.
@Suite struct SweepPlanTests {
    private func smaGrid() throws -> ParameterGrid {
        try ParameterGrid(axes: [GridAxis(parsing: "fast=5:50:5"), GridAxis(parsing: "slow=10:200:10")], strategyParams: ["fast", "slow"])
    }

    @Test func rangeIncludesItsEndAndListsKeepTheirOrder() throws {
        #expect(try GridAxis(parsing: "fast=5:50:5").values == [5, 10, 15, 20, 25, 30, 35, 40, 45, 50])
        #expect(try GridAxis(parsing: "k=0.1:0.5:0.1").values.count == 5)
        #expect(try GridAxis(parsing: "k=3:1:-1").values == [3, 2, 1])
        #expect(try GridAxis(parsing: "k = 8, 5, 13").values == [8, 5, 13])
    }

    @Test(arguments: ["fast=5:50:0", "fast=50:5:5", "fast=1:2", "fast", "fast=a,b", "=1,2"])
    func malformedAxesAreRejected(text: String) {
        #expect(throws: SweepError.self) { try GridAxis(parsing: text) }
    }

    @Test func zeroStepSaysSo() {
        #expect(throws: SweepError.malformedAxis("fast=5:50:0", reason: "the step is 0")) { try GridAxis(parsing: "fast=5:50:0") }
    }

    @Test func unknownParamNamesTheKnownOnes() {
        #expect(throws: SweepError.unknownParam("fats", known: ["fast", "slow"])) {
            try ParameterGrid(axes: [GridAxis(parsing: "fats=1,2")], strategyParams: ["fast", "slow"])
        }
    }

    @Test func smaCrossGridWithFastBelowSlowHas175Combinations() throws {
        let grid = try smaGrid()
        #expect(grid.count == 200)
        let plan = try SweepPlan(grid: grid, params: ["fast": 10, "slow": 20],
                                 constraint: ParameterConstraint("fast < slow", params: ["fast", "slow"]))
        #expect(plan.indices.count == 175 && plan.trials == 175)
        #expect(plan.indices.allSatisfy { let p = plan.params(at: $0); return p["fast"]! < p["slow"]! })
        // The last axis varies fastest.
        #expect(grid.values(at: 0) == [5, 10] && grid.values(at: 1) == [5, 20] && grid.values(at: 20) == [10, 10])
    }

    @Test func constraintSeesFixedParamsAndFunctions() throws {
        let c = try ParameterConstraint("slow >= 2 * fast and abs(fast - stop) > 1 and not (fast == 7)", params: ["fast", "slow", "stop"])
        #expect(c.accepts(["fast": 5, "slow": 10, "stop": 3]))
        #expect(!c.accepts(["fast": 5, "slow": 9, "stop": 3]))
        #expect(!c.accepts(["fast": 7, "slow": 20, "stop": 3]))
    }

    @Test func constraintOnPricesOrUnknownNamesIsAnError() {
        #expect(throws: SweepError.self) { try ParameterConstraint("close > 1", params: ["fast"]) }
        #expect(throws: SweepError.self) { try ParameterConstraint("sma(fast, 2) > 1", params: ["fast"]) }
        #expect(throws: SweepError.self) { try ParameterConstraint("fast <", params: ["fast"]) }
    }

    @Test func emptyGridAfterWhereIsAnError() throws {
        #expect(throws: SweepError.emptyGrid(constraint: "fast > slow + 1000")) {
            try SweepPlan(grid: try smaGrid(), params: [:], constraint: ParameterConstraint("fast > slow + 1000", params: ["fast", "slow"]))
        }
    }

    @Test func randomSampleIsReproducibleAndDistinct() throws {
        let a = try SweepPlan(grid: try smaGrid(), params: [:], random: (count: 30, seed: 7))
        let b = try SweepPlan(grid: try smaGrid(), params: [:], random: (count: 30, seed: 7))
        let c = try SweepPlan(grid: try smaGrid(), params: [:], random: (count: 30, seed: 8))
        #expect(a.indices == b.indices && a.indices != c.indices)
        #expect(Set(a.indices).count == 30 && a.trials == 30)
        #expect(try SweepPlan(grid: try smaGrid(), params: [:], random: (count: 500, seed: 1)).indices.count == 200)
    }

    @Test func shardsAreDisjointAndCoverTheSweep() throws {
        let whole = try SweepPlan(grid: try smaGrid(), params: [:])
        var seen: [Int] = []
        for i in 1...3 {
            let part = try SweepPlan(grid: try smaGrid(), params: [:], shard: Shard(parsing: "\(i)/3", environment: [:]))
            #expect(part.trials == 200)
            seen += part.indices
        }
        #expect(seen.sorted() == whole.indices)
    }

    @Test func shardAutoReadsSlurmAndKubernetes() throws {
        let slurm = try Shard(parsing: "auto", environment: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "8"])
        #expect(slurm == (try Shard(index: 4, count: 8)))
        let k8s = try Shard(parsing: "auto/5", environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(k8s == (try Shard(index: 1, count: 5)))
        #expect(throws: SweepError.self) { try Shard(parsing: "auto", environment: ["JOB_COMPLETION_INDEX": "0"]) }
        #expect(throws: SweepError.self) { try Shard(parsing: "auto", environment: [:]) }
    }

    @Test(arguments: ["0/3", "4/3", "1/0", "a/b", "3", "1/2/3"])
    func malformedShardsAreRejected(text: String) {
        #expect(throws: SweepError.self) { try Shard(parsing: text, environment: [:]) }
    }

    // MARK: limits, sampling without enumeration, duplicates, --where through the compiler

    private func hugeGrid() throws -> ParameterGrid {
        try ParameterGrid(axes: [GridAxis(parsing: "fast=1:100000:1"), GridAxis(parsing: "slow=1:100000:1")], strategyParams: ["fast", "slow"])
    }

    @Test func gridOverTenMillionCombinationsIsRejectedWithTheLimit() throws {
        #expect(throws: SweepError.tooManyCombinations(sizes: [100_000, 100_000], limit: 10_000_000)) {
            try SweepPlan(grid: try hugeGrid(), params: [:])
        }
        let message = SweepError.tooManyCombinations(sizes: [100_000, 100_000], limit: 10_000_000).description
        #expect(message.contains("10,000,000,000 combinations") && message.contains("limit of 10,000,000") && message.contains("--random"))
    }

    @Test func gridWhoseSizeOverflowsIsRejectedEvenWithRandom() throws {
        let axes = try (0..<4).map { i throws(SweepError) in try GridAxis(parsing: "p\(i)=1:999999:1") }
        let grid = try ParameterGrid(axes: axes, strategyParams: ["p0", "p1", "p2", "p3"])
        #expect(grid.count == nil)
        #expect(throws: SweepError.self) { try SweepPlan(grid: grid, params: [:], random: (count: 5, seed: 1)) }
    }

    @Test func randomSampleOfAHugeGridDrawsDistinctPassingCombinationsWithoutEnumerating() throws {
        let constraint = try ParameterConstraint("fast < slow", params: ["fast", "slow"])
        let a = try SweepPlan(grid: try hugeGrid(), params: [:], constraint: constraint, random: (count: 1000, seed: 3))
        let b = try SweepPlan(grid: try hugeGrid(), params: [:], constraint: constraint, random: (count: 1000, seed: 3))
        #expect(a.indices == b.indices && a.trials == 1000 && Set(a.indices).count == 1000)
        #expect(a.indices.allSatisfy { let p = a.params(at: $0); return p["fast"]! < p["slow"]! && $0 < 10_000_000_000 })
        // Spread over the whole index space, not the first combinations.
        #expect(a.indices.last! > 5_000_000_000 && a.indices.first! < 5_000_000_000)
    }

    @Test func randomSampleOfASmallGridWithFewerPassingThanAskedIsAllOfThem() throws {
        let constraint = try ParameterConstraint("slow == 2 * fast", params: ["fast", "slow"])
        let plan = try SweepPlan(grid: try smaGrid(), params: [:], constraint: constraint, random: (count: 50, seed: 9))
        let all = try SweepPlan(grid: try smaGrid(), params: [:], constraint: constraint)
        #expect(plan.indices == all.indices && all.indices.count == 10)
    }

    @Test func whereTooSelectiveForSamplingAHugeGridIsAnError() throws {
        let constraint = try ParameterConstraint("fast == 7 and slow == 7", params: ["fast", "slow"])
        #expect {
            try SweepPlan(grid: try hugeGrid(), params: [:], constraint: constraint, random: (count: 5, seed: 1))
        } throws: { error in
            guard case let SweepError.constraintTooSelective(_, kept, drawn, wanted) = error else { return false }
            return kept <= 1 && drawn == SweepPlan.maxDraws(5) && wanted == 5
        }
    }

    @Test(arguments: ["fast=5,5,5", "fast=5,10,5", "fast=0,-0", "fast=1e16:1.0000000000000010e16:1"])
    func valueGivenTwiceInAnAxisIsRejected(text: String) {
        #expect {
            try GridAxis(parsing: text)
        } throws: { error in
            "\(error)".contains("appears twice")
        }
    }

    @Test func whereMustBeACondition() {
        for text in ["fast", "fast + slow", "not fast"] {
            #expect {
                try ParameterConstraint(text, params: ["fast", "slow"])
            } throws: { error in
                let m = "\(error)"
                return m.hasPrefix("--where '\(text)'") && (m.contains("must be a condition") || m.contains("must be a boolean"))
            }
        }
    }

    @Test func whereFollowsTheStrategyLanguagesNaNRules() throws {
        // 0 / 0 is NaN; in the strategy language a comparison with NaN is false, `!=` included.
        let c = try ParameterConstraint("(fast - fast) / (slow - slow) != 1", params: ["fast", "slow"])
        #expect(!c.accepts(["fast": 5, "slow": 10]))
        let plan = try SweepPlan(grid: try smaGrid(), params: [:], constraint: ParameterConstraint("fast < slow or (fast - fast) / (slow - slow) != 1", params: ["fast", "slow"]))
        #expect(plan.indices.count == 175)
    }

    @Test func whereSeesFixedParamsAsConstants() throws {
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=5:50:5")], strategyParams: ["fast", "slow"])
        let plan = try SweepPlan(grid: grid, params: ["fast": 1, "slow": 30], constraint: ParameterConstraint("fast < slow", params: ["fast", "slow"]))
        #expect(plan.indices.map { plan.params(at: $0)["fast"]! } == [5, 10, 15, 20, 25])
    }
}
