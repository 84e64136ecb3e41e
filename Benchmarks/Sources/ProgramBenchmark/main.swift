// Compiled SignalProgram throughput: steps N synthetic random-walk bars held in [Double] columns
// through the compiled program of each shipped strategy and reports bars per second (best of several
// runs, ContinuousClock, single core). Target (issue): sma_cross on 1M bars ≥ 20M bars/s.
//
// Usage: ProgramBenchmark [bars] [repetitions] [strategies-dir] [name...]
//        (defaults: 1_000_000 5 ../strategies, every shipped strategy)
import BenchmarkSupport
import Foundation
import Signals


let arguments = CommandLine.arguments
let barCount = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let repetitions = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let directory = arguments.count > 3
    ? arguments[3]
    : URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("strategies").path
let bars = randomWalk(count: barCount)
let clock = ContinuousClock()

/// Steps every bar through `program`; returns how often the first boolean rule fired (checksum).
@inline(never)
func replay(_ program: inout SignalProgram, _ rule: Int) -> Int {
    var fired = 0
    for t in 0..<bars.close.count {
        program.step(open: bars.open[t], high: bars.high[t], low: bars.low[t], close: bars.close[t], volume: bars.volume[t])
        if program.value(at: rule) == 1 { fired += 1 }
    }
    return fired
}

print("SignalProgram.step, \(barCount) bars, best of \(repetitions)")
let shipped = ["sma_cross", "sma_cross_long", "rsi_reversion", "macd_trend", "bollinger_breakout", "donchian_breakout"]
for name in arguments.count > 4 ? Array(arguments[4...]) : shipped {
    let compiled: SignalProgram
    do {
        compiled = try StrategySpec.load(path: "\(directory)/\(name).toml").compile()
    } catch {
        print("\(name): \(error)")
        continue
    }
    let rule = compiled.outputPosition(named: "long_entry") ?? 0
    var best = Duration.seconds(1_000_000)
    var checksum = 0
    for _ in 0..<repetitions {
        var program = compiled
        program.reset()
        let elapsed = clock.measure { checksum = replay(&program, rule) }
        best = min(best, elapsed)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
    let padded = name.padding(toLength: 20, withPad: " ", startingAt: 0)
    print("\(padded) \(String(format: "%7.1f", Double(barCount) / seconds / 1e6)) M bars/s  \(String(format: "%6.2f", seconds * 1e9 / Double(barCount))) ns/bar  \(compiled.nodeCount) nodes  (long entries: \(checksum))")
}

/// The same work as sma_cross written by hand (two SMA structs and two crossings, no program):
/// the floor the interpreter is measured against.
@inline(never)
func handWrittenSmaCross() -> Int {
    guard var fast = try? SMA(period: 10), var slow = try? SMA(period: 20) else { return -1 }
    var previousFast = Double.nan, previousSlow = Double.nan
    var fired = 0
    for t in 0..<bars.close.count {
        let f = fast.update(bars.close[t]), s = slow.update(bars.close[t])
        if previousFast < previousSlow && f > s { fired += 1 }
        if previousFast > previousSlow && f < s { fired -= 0 }
        previousFast = f
        previousSlow = s
    }
    return fired
}

var bestHand = Duration.seconds(1_000_000)
var handChecksum = 0
for _ in 0..<repetitions {
    bestHand = min(bestHand, clock.measure { handChecksum = handWrittenSmaCross() })
}
let handSeconds = Double(bestHand.components.seconds) + Double(bestHand.components.attoseconds) * 1e-18
print("\("hand-written sma_cross".padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", Double(barCount) / handSeconds / 1e6)) M bars/s  \(String(format: "%6.2f", handSeconds * 1e9 / Double(barCount))) ns/bar  (baseline, long entries: \(handChecksum))")
