// Simulation throughput: runs a shipped strategy through the whole engine (BarFeed → Simulation:
// broker, portfolio, SignalProgram, rules) over N synthetic random-walk bars held in memory, one
// symbol, one core, and reports bars per second (best of several runs, ContinuousClock).
// Target (issue 4): sma_cross on a 10M-bar random walk ≥ 20M bars/s.
//
// Usage: EngineBenchmark [bars] [repetitions] [strategy.toml] [key=value...]
//        (defaults: 10_000_000 5 ../strategies/sma_cross.toml; key=value as `barwise run --set`)
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
    let overrides = arguments.count > 4 ? Array(arguments[4...]) : []
    let spec = try StrategySpec.load(path: strategyPath, overrides: overrides)
    let program = try spec.compile()
    let config = try EngineConfig(spec: spec)
    let series = randomWalk(count: barCount)
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000_000)
    var trades = 0
    var orders = 0
    var final = 0.0
    for _ in 0..<repetitions {
        var result: RunResult?
        let elapsed = try clock.measure { result = try Backtest.run(program: program, series: [series], config: config) }
        best = min(best, elapsed)
        trades = result!.trades.count
        orders = result!.orders.count
        final = result!.finalEquity
    }
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
          + "\(String(format: "%.2f", seconds * 1e9 / Double(barCount))) ns/bar  (\(trades) trades, \(orders) orders, final equity \(String(format: "%.2f", final)))")
} catch {
    print("error: \(error)")
    exit(2)
}
