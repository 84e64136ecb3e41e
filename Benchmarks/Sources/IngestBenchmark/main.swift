import BenchmarkSupport
import Foundation
import MarketData

// Ingest and load speed of the dataset store (issue 2):
//   - ingest of a generated 1,000,000-row OHLCV CSV into a fresh store, end to end
//     (read, parse, SHA-256, quality rules, upsert, commit), against the `sqlite3` shell's
//     `.import` of the same file into a table of the same shape, timed side by side;
//   - loading the 1,000,000 bars back into a BarSeries.
// Each figure is the best of `runs` runs (wall clock, ContinuousClock).

let rows = Int(ProcessInfo.processInfo.environment["ROWS"] ?? "") ?? 1_000_000
let runs = 3
let work = FileManager.default.temporaryDirectory.appendingPathComponent("barwise-ingest-bench")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
let csv = work.appendingPathComponent("BENCH_\(rows).csv")


func best(_ label: String, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        times.append(seconds(clock.now - start))
    }
    let t = times.min()!
    print(String(format: "%-44@ best %.3f s  (runs: %@)", label as NSString, t, times.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
    return t
}

// A random walk of one-minute bars, ISO date-times, prices with 2-4 decimals.
func generate() throws {
    var out = "Date,Open,High,Low,Close,Volume\n"
    out.reserveCapacity(rows * 64)
    var rng = SystemRandomNumberGenerator()
    var price = 100.0
    let start: Int64 = 946_684_800  // 2000-01-01
    for i in 0..<rows {
        let open = price
        price *= 1 + Double.random(in: -0.002...0.002, using: &rng)
        let close = price
        let high = max(open, close) * (1 + Double.random(in: 0...0.001, using: &rng))
        let low = min(open, close) * (1 - Double.random(in: 0...0.001, using: &rng))
        let volume = Int.random(in: 100...100_000, using: &rng)
        out += CivilTime.iso8601(start + Int64(i) * 60).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        out += String(format: ",%.4f,%.4f,%.4f,%.4f,%d\n", open, high, low, close, volume)
    }
    try out.write(to: csv, atomically: true, encoding: .utf8)
}

if !FileManager.default.fileExists(atPath: csv.path) { try generate() }  // kept between runs
let size = (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int) ?? 0
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; file: \(rows) rows, \(size / 1_000_000) MB")

func freshStorePath() -> String {
    let p = work.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + suffix) }
    return p
}

let only = ProcessInfo.processInfo.environment["ONLY"]
if only == "load" {
    let path = freshStorePath()
    _ = try Ingester(store: try DatasetStore(path: path)).ingest(file: csv.path, options: IngestOptions(symbol: "BENCH"))
    let store = try DatasetStore(path: path)
    _ = try best("load") { let n = try store.load(symbol: "BENCH").count; precondition(n == rows) }
    exit(0)
}
if only == "write" {
    let bytes = [UInt8](try Data(contentsOf: csv))
    let parsed = try InputParser.parse(bytes, format: .auto, options: ParseOptions(fileName: "bench", symbol: "BENCH"))
    _ = try best("write (upsert + commit)") {
        let store = try DatasetStore(path: freshStorePath())
        _ = try Ingester(store: store).write(ParsedFile(format: .ohlcv, series: parsed.series, rowsRead: rows), path: "bench", sha256: "", source: "bench")
    }
    exit(0)
}

// 1. Barwise ingest, end to end, into a fresh store each run.
var lastStore = ""
let ingest = try best("barwise ingest (fresh store)") {
    lastStore = freshStorePath()
    let store = try DatasetStore(path: lastStore)
    let report = try Ingester(store: store).ingest(file: csv.path, options: IngestOptions(symbol: "BENCH"))
    precondition(report.rowsWritten == rows, "wrote \(report.rowsWritten)")
}

// 2. Parse only (no store), to show where the time goes.
let parseOnly = try best("  of which parse only") {
    let bytes = [UInt8](try Data(contentsOf: csv))
    let parsed = try InputParser.parse(bytes, format: .auto, options: ParseOptions(fileName: "bench", symbol: "BENCH"))
    precondition(parsed.series[0].count == rows)
}

// Breakdown: fingerprint, quality rules and the store write on their own.
let bytes = [UInt8](try Data(contentsOf: csv))
let parsed = try InputParser.parse(bytes, format: .auto, options: ParseOptions(fileName: "bench", symbol: "BENCH"))
_ = best("  of which quality rules") { _ = QualityCheck().check(fileOrder: parsed.series[0]) }
_ = try best("  of which write (upsert + commit)") {
    let store = try DatasetStore(path: freshStorePath())
    var check = Ingester(store: store)
    check.quality.maxFindingsPerRule = 0
    _ = try check.write(ParsedFile(format: .ohlcv, series: parsed.series, rowsRead: rows), path: "bench", sha256: "", source: "bench")
}

// 3. sqlite3 shell `.import` of the same file into a table of the bars' shape.
func sqliteImport() throws {
    let db = freshStorePath()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = [db]
    let input = Pipe()
    p.standardInput = input
    try p.run()
    let script = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE bars (ts TEXT NOT NULL PRIMARY KEY, open REAL, high REAL, low REAL, close REAL, volume REAL) WITHOUT ROWID;
        .import --csv --skip 1 \(csv.path) bars
        """
    input.fileHandleForWriting.write(Data(script.utf8))
    try input.fileHandleForWriting.close()
    p.waitUntilExit()
    precondition(p.terminationStatus == 0, "sqlite3 failed")
}
let haveSqlite3 = FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
let shell = haveSqlite3 ? try best("sqlite3 .import (same file, same shape)", sqliteImport) : .nan

// 4. Load the bars back.
let store = try DatasetStore(path: lastStore)
let load = try best("load 1 symbol into BarSeries") {
    let s = try store.load(symbol: "BENCH")
    precondition(s.count == rows)
}

print(String(format: "ingest: %.0f rows/s (target ≥ 400,000); parse alone %.0f rows/s", Double(rows) / ingest, Double(rows) / parseOnly))
if haveSqlite3 { print(String(format: "sqlite3 .import: %.0f rows/s; barwise is %.2f× its speed", Double(rows) / shell, shell / ingest)) }
print(String(format: "load: %.0f bars/s (target ≥ 2,000,000)", Double(rows) / load))
for f in (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [] where f.hasPrefix("store-") {
    try? FileManager.default.removeItem(at: work.appendingPathComponent(f))
}
