import ArgumentParser
import Engine
import Foundation
import Research

/// `barwise sweep merge DIR...`: one result from the folders of a sharded sweep.
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the folders of a sharded sweep into one ranked result.",
        discussion: """
            The folders must come from the same strategy file, grid, constraint, sampling and \
            data, each from a different shard; anything else is refused.

            Example:
              barwise sweep merge sweep-1 sweep-2 sweep-3 --out sweep-all
            """
    )

    @Argument(help: "Shard folders written by `barwise sweep --shard I/N`.")
    var folders: [String]

    @Option(help: "The metric to rank by (default: the shards' own).")
    var rank: String?

    @Option(help: "The output folder (default: reports/<strategy>-sweep-merged-<UTC timestamp>).")
    var out: String?

    func run() throws {
        let shards: [SweepShardFolder]
        do {
            guard folders.count >= 2 else { throw ValidationError("give at least two folders to merge") }
            shards = try folders.map(SweepShardFolder.init(path:))
            try SweepShardFolder.checkCompatible(shards)
        } catch let error as ValidationError {
            CommandFailure.printError(error.message)
            throw ExitCode(2)
        } catch {
            throw CommandFailure.exit(error)
        }
        let first = shards[0]
        let metricName = rank ?? first.rank
        guard let metricColumn = first.header.firstIndex(of: metricName), SweepMetric(rawValue: metricName) != nil else {
            CommandFailure.printError("--rank '\(metricName)' is not a column of results.csv")
            throw ExitCode(2)
        }
        let metric = SweepMetric(rawValue: metricName)!
        var rows = shards.flatMap(\.rows)
        rows.sort { a, b in
            let x = Double(a[metricColumn]) ?? .nan, y = Double(b[metricColumn]) ?? .nan
            if x.isNaN != y.isNaN { return y.isNaN }
            return metric.smallerIsBetter ? x < y : x > y
        }
        let folder = try ReportFolder.make(name: "\(first.strategy)-sweep-merged", out: out, at: Date())
        var csv = first.header.joined(separator: ",") + "\n"
        for r in rows { csv += r.joined(separator: ",") + "\n" }
        var manifest = first.manifest
        manifest["shard"] = NSNull()
        manifest["merged_from"] = folders
        manifest["command"] = ["barwise"] + Array(CommandLine.arguments.dropFirst())
        var summary: [String: Any] = [
            "strategy": first.strategy, "rank": metricName, "runs": rows.count, "trials": first.manifest["trials"] ?? NSNull(),
            "merged_from": folders, "best": rows.first.map { Dictionary(uniqueKeysWithValues: zip(first.header, $0)) } ?? [:],
        ]
        // The overfitting statistics of the whole sweep: every merged row is a trial.
        if let n = first.periodsPerYear, let best = rows.first.flatMap({ first.summary(of: $0) }) {
            let sharpes = rows.compactMap { first.summary(of: $0)?.sharpe }
            let (psr, dsr, sr0) = DeflatedSharpe.ofBest(best, sharpes: sharpes, periodsPerYear: n)
            summary["probabilistic_sharpe"] = JSONOutput.number(psr)
            summary["deflated_sharpe"] = JSONOutput.number(dsr)
            summary["expected_max_sharpe"] = JSONOutput.number(sr0)
            summary["periods_per_year"] = n
        }
        do {
            try Data(csv.utf8).write(to: folder.appendingPathComponent("results.csv"))
            for (name, object) in [("manifest.json", manifest), ("summary.json", summary)] {
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                try data.write(to: folder.appendingPathComponent(name))
            }
        } catch {
            CommandFailure.printError("cannot write \(folder.path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print("merged \(shards.count) shards, \(rows.count) rows → \(folder.path)")
    }
}

/// One shard folder as `sweep merge` reads it.
struct SweepShardFolder {
    let path: String
    let manifest: [String: Any]
    let header: [String]
    let rows: [[String]]
    let rank: String

    var strategy: String { manifest["strategy"] as? String ?? "sweep" }
    /// The Sharpe annualisation of the shard's summary.json (nil when it has none).
    let periodsPerYear: Double?

    /// The figures DSR needs from a results.csv row: Sharpe and the moments of its returns.
    func summary(of row: [String]) -> RunSummary? {
        func value(_ name: String) -> Double? { header.firstIndex(of: name).flatMap { Double(row[$0]) } }
        guard let sharpe = value("sharpe"), let count = value("return_count"), count >= 0, count < 1e15 else { return nil }
        return RunSummary(start: 0, end: 0, bars: 0, initialCash: .nan, finalEquity: .nan, totalReturn: .nan, cagr: .nan,
                          annualReturn: .nan, annualVolatility: .nan, sharpe: sharpe, sortino: .nan, calmar: .nan, maxDrawdown: .nan,
                          trades: 0, openTrades: 0, winRate: .nan, exposure: .nan, returnCount: Int(count),
                          returnSkewness: value("return_skew") ?? .nan, returnKurtosis: value("return_kurtosis") ?? .nan)
    }

    init(path: String) throws {
        self.path = path
        let manifestPath = (path as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["kind"] as? String == "sweep"
        else { throw ValidationError("\(manifestPath): not the manifest of a sweep folder") }
        manifest = object
        let summaryPath = (path as NSString).appendingPathComponent("summary.json")
        let summary = FileManager.default.contents(atPath: summaryPath).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        rank = summary?["rank"] as? String ?? "sharpe"
        periodsPerYear = summary?["periods_per_year"] as? Double
        let csvPath = (path as NSString).appendingPathComponent("results.csv")
        guard let text = try? String(contentsOfFile: csvPath, encoding: .utf8) else { throw ValidationError("\(csvPath): cannot read") }
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { throw ValidationError("\(csvPath): empty") }
        for (i, line) in lines.enumerated() where line.count != header.count {
            throw ValidationError("\(csvPath):\(i + 1): \(line.count) fields where the header has \(header.count)")
        }
        self.header = header
        rows = Array(lines.dropFirst())
    }

    /// Refuses folders that are not shards of one and the same sweep.
    static func checkCompatible(_ shards: [SweepShardFolder]) throws {
        let keys = ["strategy_sha256", "grid", "where", "random", "overrides", "data_range", "trials"]
        let first = shards[0]
        for s in shards.dropFirst() {
            for key in keys where !same(first.manifest[key], s.manifest[key]) {
                throw ValidationError("\(s.path) is not from the same sweep as \(first.path): its \(key) differs")
            }
            guard s.header == first.header else { throw ValidationError("\(s.path): results.csv has other columns than \(first.path)") }
        }
        let slices = shards.map { $0.manifest["shard"] as? String }
        guard slices.allSatisfy({ $0 != nil }) else { throw ValidationError("only shard folders (--shard I/N) can be merged") }
        guard Set(slices.compactMap { $0 }).count == slices.count else { throw ValidationError("two folders hold the same shard") }
    }

    private static func same(_ a: Any?, _ b: Any?) -> Bool {
        func canonical(_ x: Any?) -> Data? {
            guard let x, !(x is NSNull) else { return Data() }
            return try? JSONSerialization.data(withJSONObject: ["v": x], options: [.sortedKeys])
        }
        return canonical(a) == canonical(b)
    }
}
