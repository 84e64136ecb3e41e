import BenchmarkSupport
import Foundation

/// A benchmark precondition that failed (missing binary, a run that did not exit 0, a dishonest
/// workload), with a message that says what to do.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One `barwise stream` process run end to end: the wall clock from launch to exit (the whole
/// command: read, step, events to /dev/null, the run folder, summary.json and index.html), and
/// what its run folder says.
struct StreamProcessRun {
    var seconds: Double
    var bars: Int
    var ticks: Int
    var p50Micros: Double
    var p99Micros: Double
    var maxMicros: Double
    var trades: Int
    var orders: Int
    var rejectedOrders: Int
    var finalEquity: Double
    /// Closed trades in each tenth of the bars (by exit bar): all non-zero for an honest run.
    var tradesPerTenth: [Int]

    /// Runs `barwise stream STRATEGY --input INPUT --out OUT --symbols SYMBOL --set …` with
    /// standard output to /dev/null; `out` is removed first.
    static func run(barwise: String, strategy: String, input: URL, out: URL, symbol: String, overrides: [String]) throws -> StreamProcessRun {
        try? FileManager.default.removeItem(at: out)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: barwise)
        process.arguments = ["stream", strategy, "--input", input.path, "--out", out.path, "--symbols", symbol]
            + overrides.flatMap { ["--set", $0] } + StreamExtraArguments.fromEnvironment
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let errors = Pipe()
        process.standardError = errors
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = BenchmarkSupport.seconds(clock.now - started)
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("barwise stream exited \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
        }
        return try read(out: out, seconds: elapsed)
    }

    private static func read(out: URL, seconds: Double) throws -> StreamProcessRun {
        let summaryData = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        guard let summary = try JSONSerialization.jsonObject(with: summaryData) as? [String: Any],
              let stream = summary["stream"] as? [String: Any],
              let latency = stream["step_latency_us"] as? [String: Any] else {
            throw BenchmarkFailure("\(out.path)/summary.json has no stream.step_latency_us")
        }
        func number(_ object: [String: Any], _ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? .nan }
        let bars = Int(number(stream, "bars"))
        let orderRows = try csvRows(out.appendingPathComponent("orders.csv"))
        let statusColumn = orderRows.header.firstIndex(of: "status") ?? 5
        let rejected = orderRows.rows.count { $0.count > statusColumn && $0[statusColumn] == "rejected" }
        let tradeRows = try csvRows(out.appendingPathComponent("trades.csv"))
        let exitBar = tradeRows.header.firstIndex(of: "exit_bar") ?? 7
        var tenths = Array(repeating: 0, count: 10)
        for row in tradeRows.rows {
            guard row.count > exitBar, let b = Int(row[exitBar]), bars > 0 else { continue }
            tenths[min(9, b * 10 / bars)] += 1
        }
        return StreamProcessRun(
            seconds: seconds, bars: bars, ticks: Int(number(stream, "ticks")),
            p50Micros: number(latency, "p50"), p99Micros: number(latency, "p99"), maxMicros: number(latency, "max"),
            trades: tradeRows.rows.count, orders: orderRows.rows.count, rejectedOrders: rejected,
            finalEquity: number(summary, "final_equity"), tradesPerTenth: tenths)
    }

    /// A CSV file's header and rows split at commas (the run files quote nothing).
    private static func csvRows(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard !lines.isEmpty else { throw BenchmarkFailure("\(url.path) is empty") }
        let header = lines.removeFirst()
        return (header, lines)
    }

    /// The run is an honest workload: money never ran out and trades close throughout.
    var honestyProblem: String? {
        if !(finalEquity > 0) { return "final equity \(finalEquity): the account went bankrupt" }
        if rejectedOrders > 0 { return "\(rejectedOrders) orders rejected: the account ran short of money" }
        if !tradesPerTenth.allSatisfy({ $0 > 0 }) { return "no trade closed in some tenth of the bars \(tradesPerTenth): the strategy sat idle" }
        return nil
    }
}
