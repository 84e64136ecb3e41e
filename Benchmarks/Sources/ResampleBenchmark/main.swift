import BenchmarkSupport
import Foundation
import MarketData

// `barwise data resample`'s aggregation (issue 15): `BarResampler.resample` over 1-minute bars of
// the benchmark random walk (restamped one a minute from 2020-01-01), to 5m, 1h, 1d and 1wk.
// Figure: source bars per second, best of `runs` (wall clock, ContinuousClock); target ≥ 20M/s.
// The store's load and write are timed by IngestBenchmark, not here.
//
//   .build/release/ResampleBenchmark [bars] [runs]      # defaults: 10000000 5

let args = CommandLine.arguments
let count = args.count > 1 ? Int(args[1]) ?? 10_000_000 : 10_000_000
let runs = args.count > 2 ? Int(args[2]) ?? 5 : 5

var source = randomWalk(count: count, symbol: "RW")
source.interval = Interval(count: 1, unit: .minute)
let start: Int64 = 1_577_836_800  // 2020-01-01T00:00:00Z
for i in 0..<count { source.timestamps[i] = start + Int64(i) * 60 }
print("\(count) one-minute bars, \(CivilTime.iso8601(source.timestamps[0])) … \(CivilTime.iso8601(source.timestamps[count - 1]))")

for target in ["5m", "1h", "1d", "1wk"] {
    let resampler = try BarResampler(from: source.interval, to: Interval(target)!)
    var times: [Double] = []
    var bars = 0
    var checksum = 0.0
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let t0 = clock.now
        let out = try resampler.resample(source)
        times.append(seconds(clock.now - t0))
        bars = out.count
        checksum = out.close.reduce(0, +) + out.volume.reduce(0, +)
    }
    let best = times.min()!
    print(String(format: "%-4@ %9d bars  best %.3f s  %6.1fM source bars/s  (runs: %@; checksum %.6e)",
                 target as NSString, bars, best, Double(count) / best / 1e6,
                 times.map { String(format: "%.3f", $0) }.joined(separator: ", ") as NSString, checksum))
}
