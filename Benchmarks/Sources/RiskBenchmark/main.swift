// Risk and analytics timings (release build, ContinuousClock, median and best of repetitions):
//   1. sample covariance of a T×N returns matrix (dsyrk), written to a binary file that
//      cov_numpy.py times np.cov on (same data, same machine) and checks against our result;
//   2. long-only min-variance over N assets (exact active-set QP);
//   3. every performance metric of a 10-year daily equity curve (2,520 bars).
//
// Usage: RiskBenchmark [T] [N] [repetitions] [dir]   (defaults: 2520 500 20 /tmp/barwise-riskbench)
import Analytics
import BenchmarkSupport
import Foundation
import Risk

let args = CommandLine.arguments
let rows = args.count > 1 ? Int(args[1]) ?? 2520 : 2520
let assets = args.count > 2 ? Int(args[2]) ?? 500 : 500
let repetitions = args.count > 3 ? Int(args[3]) ?? 20 : 20
let directory = args.count > 4 ? args[4] : "/tmp/barwise-riskbench"
let clock = ContinuousClock()


/// Runs `body` `count` times; returns (median, best) in seconds.
func time(_ count: Int, _ body: () throws -> Void) rethrows -> (median: Double, best: Double) {
    var samples: [Double] = []
    for _ in 0..<count { samples.append(seconds(try clock.measure { try body() })) }
    samples.sort()
    return (samples[samples.count / 2], samples[0])
}

func ms(_ x: Double) -> String { String(format: "%.3f ms", x * 1e3) }

/// One-factor returns: r_ti = β_i·f_t + ε_ti, daily scale (~1 % market, 1.5 % idiosyncratic).
var rng = RandomNormal(seed: 2520_500)
var returns = Matrix(rows: rows, columns: assets)
let market = (0..<rows).map { _ in 0.01 * rng.next() }
for j in 0..<assets {
    let beta = 0.5 + Double(j % 10) / 10
    for i in 0..<rows { returns[i, j] = 0.0003 + beta * market[i] + 0.015 * rng.next() }
}

try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
let inputPath = directory + "/returns_\(rows)x\(assets)_colmajor_f64.bin"
try returns.values.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: URL(fileURLWithPath: inputPath))

print("machine: \(ProcessInfo.processInfo.activeProcessorCount) CPUs; OPENBLAS_NUM_THREADS=\(ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "(default)")")

// 1. Sample covariance.
var covariance = try Covariance.sample(returns)
let cov = try time(repetitions) { covariance = try Covariance.sample(returns) }
try covariance.values.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: URL(fileURLWithPath: directory + "/cov_barwise_f64.bin"))
print("sample covariance \(rows)x\(assets): median \(ms(cov.median)), best \(ms(cov.best))   (input \(inputPath))")

// 2. Long-only min-variance over all assets.
let annual = covariance.scaled(252)
var weights: [Double] = []
let mv = try time(max(3, repetitions / 4)) { weights = try Optimizer.minVariance(covariance: annual, bounds: .init(longOnly: true)) }
let held = weights.filter { $0 > 0 }.count
print("long-only min-variance \(assets) assets: median \(ms(mv.median)), best \(ms(mv.best))   (\(held) assets held, Σw = \(weights.reduce(0, +)))")

// 2b. Harder QPs on the same assets: a binding 1 % cap (at least 100 assets held), and max-Sharpe.
var capped: [Double] = []
let mvCap = try time(3) { capped = try Optimizer.minVariance(covariance: annual, bounds: .init(longOnly: true, maxWeight: 0.01)) }
print("long-only min-variance \(assets) assets, max weight 1 %: median \(ms(mvCap.median)), best \(ms(mvCap.best))   (\(capped.filter { $0 > 0 }.count) held, \(capped.filter { $0 == 0.01 }.count) at the cap)")
let mu = (0..<assets).map { j -> Double in
    var g = 1.0
    for i in 0..<rows { g *= 1 + returns[i, j] }
    return pow(g, 252 / Double(rows)) - 1
}
var tangent: [Double] = []
let ms1 = try time(3) { tangent = try Optimizer.maxSharpe(expectedReturns: mu, covariance: annual, riskFree: 0.02) }
print("long-only max-Sharpe \(assets) assets: median \(ms(ms1.median)), best \(ms(ms1.best))   (\(tangent.filter { $0 > 0 }.count) held)")

// 3. Metrics of a 10-year daily equity curve.
let days = 2520
var equity = [10_000.0]
var stamps: [Int64] = [1_262_563_200] // 2010-01-04, a Monday
for k in 1..<days {
    equity.append(equity[k - 1] * (1 + 0.0004 + 0.01 * rng.next()))
    var t = stamps[k - 1] + 86_400
    while ((t / 86_400) + 3) % 7 >= 5 { t += 86_400 } // skip Saturday and Sunday
    stamps.append(t)
}
let benchmark = (1..<days).map { _ in 0.0003 + 0.01 * rng.next() }
let pnl = (0..<150).map { _ in 100 * rng.next() }
let tradeReturns = pnl.map { $0 / 5_000 }
var metrics: PerformanceMetrics?
let m = time(repetitions * 5) {
    metrics = PerformanceMetrics(equity: equity, timestamps: stamps, benchmarkReturns: benchmark, tradePnL: pnl, tradeReturns: tradeReturns)
}
print("metrics of a 10-year daily run (\(days) bars, 150 trades): median \(ms(m.median)), best \(ms(m.best))   (Sharpe \(metrics!.sharpe), N = \(metrics!.periodsPerYear))")
