import BenchmarkSupport
import Engine
import Foundation
import MarketData
import Research
import Signals

// Sweep speed (issue 7): the SMA-cross grid fast 5..50/5 × slow 10..200/10 with fast < slow
// (175 combinations)
//   1. on GOOG (2,148 daily bars): compute time, best of 5;
//   2. on 500 seeded synthetic symbols (BenchmarkSupport's randomWalk) × 2,520 daily bars (220 million bar-steps):
//      bar-steps per second on all cores, and peak resident memory.
// Usage: SweepBenchmark [symbols] [jobs] [repeats]   (defaults 500, all cores, 3)

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let args = CommandLine.arguments
let symbolCount = args.count > 1 ? Int(args[1]) ?? 500 : 500
let jobs = args.count > 2 ? Int(args[2]) ?? ProcessInfo.processInfo.activeProcessorCount : ProcessInfo.processInfo.activeProcessorCount


let spec = try StrategySpec.load(path: root.appendingPathComponent("strategies/sma_cross.toml").path)
let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=5:50:5"), GridAxis(parsing: "slow=10:200:10")], strategyParams: spec.paramNames)
let plan = try SweepPlan(grid: grid, params: spec.params, constraint: ParameterConstraint("fast < slow", params: spec.paramNames))
precondition(plan.indices.count == 175)

// 1. GOOG.
let googPath = root.appendingPathComponent("Tests/Fixtures/data/GOOG_daily_2004-2013.csv").path
let goog = try InputParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: googPath))), format: .auto,
                                 options: ParseOptions(fileName: googPath, symbol: "GOOG")).series[0]
var best = Double.infinity
for _ in 0..<5 {
    let t0 = ContinuousClock.now
    let rows = try SweepRunner(spec: spec, plan: plan, series: [goog], jobs: jobs).run()
    precondition(rows.count == 175)
    best = min(best, seconds(ContinuousClock.now - t0))
}
print(String(format: "GOOG, 175 combinations, %d jobs: best %.1f ms (%.1f M bar-steps/s)", jobs, best * 1e3, 175.0 * Double(goog.count) / best / 1e6))

// 2. 500 synthetic symbols.
// BenchmarkSupport's mean-reverting log-price walk (no drift, prices in a band), one seed per symbol.
let universe = (0..<symbolCount).map { k in
    randomWalk(count: 2_520, seed: 42 &+ UInt64(k), symbol: "S\(k)", start: 946_684_800)
}
// Best and median of `repeats` (the machine is a shared VM: single runs vary by ±25 %).
let repeats = args.count > 3 ? Int(args[3]) ?? 3 : 3
var times: [Double] = []
var rowCount = 0
for _ in 0..<repeats {
    let t0 = ContinuousClock.now
    let rows = try SweepRunner(spec: spec, plan: plan, series: universe, jobs: jobs).run()
    times.append(seconds(ContinuousClock.now - t0))
    rowCount = rows.count
}
times.sort()
let steps = Double(rowCount) * 2_520
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print(String(format: "%d symbols × 2,520 bars × 175 combinations = %.0f M bar-steps, %d jobs: best %.2f s (%.1f M bar-steps/s), median %.2f s (%.1f M/s) of %d; peak RSS %.0f MB",
             symbolCount, steps / 1e6, jobs, times[0], steps / times[0] / 1e6, times[times.count / 2], steps / times[times.count / 2] / 1e6,
             repeats, Double(usage.ru_maxrss) / 1024))
