// `barwise stream` end to end (issue 13): the release `barwise` binary run as a process on
// generated NDJSON files, wall clock from launch to exit, step latency from its summary.json,
// then the stream's stages timed in this process to say where the time goes.
//
// Bars: N daily bars of one symbol (BenchmarkSupport.randomWalk, EngineBenchmark's series),
// strategies/sma_cross.toml with --set overrides (default: sizing.mode=units sizing.units=1
// execution.commission=0, see the README for why), repeated; best and median bars/s, step
// latency p50/p99, trades, rejected orders, final equity. The run must be honest (exit 1
// otherwise): money never runs out, no order is rejected, trades close in every tenth.
// Ticks: M trade ticks over 7 days (~1,000 a minute) through sma_cross at interval 1m: ticks/s
// end to end (parse + aggregation + step + output), and the source alone in process.
//
// Usage (from Benchmarks/, after `swift build -c release --product barwise` in the package root):
//   .build/release/StreamBenchmark [bars] [repetitions] [ticks] [key=value...]
//   defaults: 1000000 3 10000000 sizing.mode=units sizing.units=1 execution.commission=0
// Environment: BARWISE (the binary; default ../.build/release/barwise), STREAM_ARGS (more stream
// options, e.g. "--metrics 127.0.0.1:19465"), WORK (generated files
// and run folders; default /tmp/barwise-streambench).
import BenchmarkSupport
import Foundation

let arguments = CommandLine.arguments
let barCount = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let repetitions = max(1, arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3)
let tickCount = arguments.count > 3 ? Int(arguments[3]) ?? 10_000_000 : 10_000_000
let overrides = arguments.count > 4 ? Array(arguments[4...]) : ["sizing.mode=units", "sizing.units=1", "execution.commission=0"]
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let environment = ProcessInfo.processInfo.environment
let barwise = environment["BARWISE"] ?? root.appendingPathComponent(".build/release/barwise").path
let work = URL(fileURLWithPath: environment["WORK"] ?? "/tmp/barwise-streambench")
let strategy = root.appendingPathComponent("strategies/sma_cross.toml").path

func f(_ v: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", v) }
func rate(_ n: Int, _ s: Double) -> String { "\(f(Double(n) / s / 1e6, 3))M" }

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Runs `barwise stream` `repetitions` times and prints each run and the best/median.
func endToEnd(_ label: String, strategy: String, input: URL, symbol: String, overrides: [String], unit: String,
              count: (StreamProcessRun) -> Int) throws -> StreamProcessRun {
    var runs: [StreamProcessRun] = []
    for k in 0..<repetitions {
        let r = try StreamProcessRun.run(barwise: barwise, strategy: strategy, input: input,
                                         out: work.appendingPathComponent("out-\(label)"), symbol: symbol, overrides: overrides)
        print("  run \(k + 1): \(f(r.seconds, 3)) s = \(rate(count(r), r.seconds)) \(unit)/s, step latency p50 \(f(r.p50Micros, 1)) µs, p99 \(f(r.p99Micros, 1)) µs, max \(f(r.maxMicros, 0)) µs")
        runs.append(r)
    }
    let last = runs.last!
    let times = runs.map(\.seconds)
    print("  \(label): best \(rate(count(last), times.min()!)) \(unit)/s, median \(rate(count(last), median(times))) \(unit)/s; "
          + "p50 \(f(median(runs.map(\.p50Micros)), 1)) µs, p99 \(f(median(runs.map(\.p99Micros)), 1)) µs (medians of the runs)")
    print("  \(last.bars) bars (\(last.ticks) ticks), \(last.trades) trades, \(last.orders) orders (\(last.rejectedOrders) rejected), "
          + "final equity \(f(last.finalEquity)), trades per tenth \(last.tradesPerTenth)")
    return last
}

func stages(_ input: URL, symbol: String, strategy: String, overrides: [String], count: Int, unit: String) throws {
    var previous = 0.0
    for t in try InProcessStages.measure(input: input, symbol: symbol, strategy: strategy, overrides: overrides, repetitions: repetitions) {
        print("  \(t.name.padding(toLength: 36, withPad: " ", startingAt: 0)) \(f(t.seconds, 3)) s  \(rate(count, t.seconds)) \(unit)/s  "
              + "(+\(f((t.seconds - previous) * 1e9 / Double(count), 0)) ns/\(unit))  [checksum \(t.checksum)]")
        previous = t.seconds
    }
}

do {
    guard FileManager.default.isExecutableFile(atPath: barwise) else {
        throw BenchmarkFailure("no barwise binary at \(barwise): run `swift build -c release --product barwise` in the package root, or set BARWISE")
    }
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    print("barwise: \(barwise)\nwork: \(work.path)")

    if barCount > 0 {
        let bars = try NDJSONWorkload.bars(count: barCount, symbol: "RW", in: work)
        print("\nbars: \(barCount) daily bars, \(bars.path), sma_cross --set \(overrides.joined(separator: " "))")
        let last = try endToEnd("bars", strategy: strategy, input: bars, symbol: "RW", overrides: overrides, unit: "bars") { $0.bars }
        if let problem = last.honestyProblem {
            print("error: not an honest workload: \(problem)")
            exit(1)
        }
        print("  in process, best of \(repetitions) (each stage includes the ones above):")
        try stages(bars, symbol: "RW", strategy: strategy, overrides: overrides, count: barCount, unit: "bar")
        let report = try InProcessStages.report(folder: work.appendingPathComponent("out-bars"))
        print("  index.html etc. of the run folder (Reports.RunReport.write): \(f(report, 3)) s")
        let live = try LiveRoundTrip.measure(barwise: barwise, strategy: strategy, bars: bars, out: work.appendingPathComponent("out-live"),
                                             symbol: "RW", overrides: overrides, warmup: 1_000, count: min(20_000, max(1, barCount - 1_000)))
        print("  live round trip (a bar written to the stream's pipe → its equity event read back), \(live.count) bars one at a time: "
              + "p50 \(f(live.p50Micros, 1)) µs, p99 \(f(live.p99Micros, 1)) µs, max \(f(live.maxMicros, 0)) µs")
        let prototype = try OutputTextPrototype.measure(count: min(barCount, 1_000_000), repetitions: repetitions)
        print("  a bar's three lines (bar event, equity event, equity.csv row; \(prototype.bytesPerBar) bytes, byte-identical both ways): "
              + "String interpolation as today \(f(prototype.stringNanos, 0)) ns, appended as bytes \(f(prototype.byteNanos, 0)) ns")
        let text = TextPrimitives.measure(repetitions: repetitions)
        print("  text primitives per call: CivilTime.iso8601 \(f(text.iso8601Nanos, 0)) ns, \"\\(Double)\" \(f(text.doubleTextNanos, 0)) ns, "
              + "+ append to [UInt8] \(f(text.appendNanos, 0)) ns")
    }

    if tickCount > 0 {
        let ticks = try NDJSONWorkload.ticks(count: tickCount, days: 7, symbol: "BTCUSDT", in: work)
        let source = try String(contentsOfFile: strategy, encoding: .utf8)
        let minuteStrategy = work.appendingPathComponent("sma_cross_1m.toml")
        try source.replacingOccurrences(of: "interval = \"1d\"", with: "interval = \"1m\"")
            .replacingOccurrences(of: "symbols = [\"GOOG\"]", with: "symbols = [\"BTCUSDT\"]")
            .write(to: minuteStrategy, atomically: true, encoding: .utf8)
        // 37,000 a unit: all-in on the default 10,000 of cash buys nothing; a million buys ~27.
        let tickOverrides = ["execution.commission=0", "portfolio.cash=1000000"]
        print("\nticks: \(tickCount) trade ticks over 7 days, \(ticks.path), sma_cross at 1m --set \(tickOverrides.joined(separator: " "))")
        let last = try endToEnd("ticks", strategy: minuteStrategy.path, input: ticks, symbol: "BTCUSDT", overrides: tickOverrides, unit: "ticks") { $0.ticks }
        if let problem = last.honestyProblem {
            print("error: not an honest workload: \(problem)")
            exit(1)
        }
        print("  in process, best of \(repetitions):")
        try stages(ticks, symbol: "BTCUSDT", strategy: minuteStrategy.path, overrides: tickOverrides, count: tickCount, unit: "tick")
    }
} catch {
    print("error: \(error)")
    exit(1)
}
