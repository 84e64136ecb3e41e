// Simulation throughput: runs a shipped strategy through the whole engine (BarFeed → Simulation:
// broker, portfolio, SignalProgram, rules) over N synthetic bars held in memory, one symbol, one
// core, and reports bars per second (best of several runs, ContinuousClock).
//
// Workload: BenchmarkSupport's mean-reverting log-price walk (no drift, prices in a band around
// 100) and sma_cross reversing one unit on every crossing without commission (by default; as
// shipped, all-in with 0.2 % commission, it loses its cash to costs and volatility drag on any
// driftless series within the first tenth of 10M bars). The run must be honest: it
// prints trades, orders, rejected orders and the final equity, and fails (exit 1) unless the
// final equity is above zero and trades close in every tenth of the bars.
// Target (issue 12): ≥ 20M bars/s on that workload.
//
// Usage: EngineBenchmark [bars] [repetitions] [strategy.toml] [key=value...]
//        (defaults: 10_000_000 5 ../strategies/sma_cross.toml sizing.mode=units sizing.units=1
//        execution.commission=0; key=value as `barwise run --set`)
// For allocation counts run one repetition at two sizes under valgrind (see check-engine-allocations.sh).
import BenchmarkSupport
import Engine
import Foundation
import MarketData
import Signals

let arguments = CommandLine.arguments
let barCount = arguments.count > 1 ? Int(arguments[1]) ?? 10_000_000 : 10_000_000
let repetitions = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let strategyPath = arguments.count > 3
    ? arguments[3]
    : URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("strategies/sma_cross.toml").path

do {
    // Without a strategy argument: sma_cross trading one unit on every crossing, no commission
    // (as shipped, all-in with 0.2 % commission, it pays its cash away on a driftless series).
    let overrides = arguments.count > 4 ? Array(arguments[4...])
        : arguments.count > 3 ? [] : ["sizing.mode=units", "sizing.units=1", "execution.commission=0"]
    let spec = try StrategySpec.load(path: strategyPath, overrides: overrides)
    let program = try spec.compile()
    let config = try EngineConfig(spec: spec)
    let series = randomWalk(count: barCount)
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000_000)
    var last: RunResult?
    for _ in 0..<repetitions {
        var result: RunResult?
        let elapsed = try clock.measure { result = try Backtest.run(program: program, series: [series], config: config) }
        best = min(best, elapsed)
        last = result
    }
    let run = last!
    let rejected = run.orders.count { $0.status == .rejected }
    // Trades throughout: at least one trade closes in every tenth of the bars.
    var tenths = Array(repeating: 0, count: 10)
    for t in run.trades { tenths[min(9, t.exitBar * 10 / barCount)] += 1 }
    // Baseline: the same compiled program stepped alone over the same bars (no engine).
    var programBest = Duration.seconds(1_000_000)
    var fired = 0
    for _ in 0..<repetitions {
        var p = program
        p.reset()
        let slot = p.outputPosition(named: "long_entry") ?? 0
        programBest = min(programBest, clock.measure {
            for t in 0..<series.count {
                p.step(open: series.open[t], high: series.high[t], low: series.low[t], close: series.close[t], volume: series.volume[t])
                if p.value(at: slot) == 1 { fired += 1 }
            }
        })
    }
    let programSeconds = Double(programBest.components.seconds) + Double(programBest.components.attoseconds) * 1e-18
    print("program alone: \(String(format: "%.1f", Double(barCount) / programSeconds / 1e6)) M bars/s  \(String(format: "%.2f", programSeconds * 1e9 / Double(barCount))) ns/bar  (checksum \(fired))")
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
    print("\(spec.name)\(overrides.isEmpty ? "" : " " + overrides.joined(separator: " ")): \(barCount) bars, best of \(repetitions): \(String(format: "%.1f", Double(barCount) / seconds / 1e6)) M bars/s  "
          + "\(String(format: "%.2f", seconds * 1e9 / Double(barCount))) ns/bar")
    let prices = (series.close.min() ?? .nan, series.close.max() ?? .nan)
    print("  \(run.trades.count) trades, \(run.orders.count) orders (\(rejected) rejected), final equity \(String(format: "%.2f", run.finalEquity)), "
          + "closes \(String(format: "%.2f", prices.0))–\(String(format: "%.2f", prices.1)), trades per tenth of the bars \(tenths)")
    guard run.finalEquity > 0, run.outOfMoneyTime == nil else {
        print("error: the account ran out of money: not an honest workload")
        exit(1)
    }
    guard tenths.allSatisfy({ $0 > 0 }) else {
        print("error: a tenth of the bars without a trade: not an honest workload")
        exit(1)
    }
} catch {
    print("error: \(error)")
    exit(2)
}
