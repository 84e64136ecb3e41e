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
            data, each from a different shard; anything else is refused. Every shard 1…N must be \
            there and finished: a missing or interrupted shard is refused (naming it) unless \
            --allow-partial, which merges what there is and records the missing shards \
            (missing_shards) and the interrupted ones (interrupted_shards) in manifest.json and \
            summary.json. A shard killed outright (SIGKILL, or a node lost) has no results.csv, \
            only its journal results.partial.csv: --allow-partial merges the finished rows the \
            journal holds, as for a shard stopped by Ctrl-C or SIGTERM; without it, the error says \
            to finish the shard with --resume.

            Example:
              barwise sweep merge sweep-1 sweep-2 sweep-3 --out sweep-all
            """
    )

    @Argument(help: "Shard folders written by `barwise sweep --shard I/N`.")
    var folders: [String]

    @Option(help: "The metric to rank by (default: the shards' own).")
    var rank: String?

    @Option(help: "The output folder (default: reports/<strategy>-sweep-merged-<UTC timestamp>); must be new or empty.")
    var out: String?

    @Flag(help: "Replace the --out folder whole when it holds an earlier sweep.")
    var force = false

    @Flag(help: "Merge even when shards are missing or interrupted (the result is then not the whole sweep).")
    var allowPartial = false

    func run() throws {
        let shards: [SweepShardFolder]
        let missing: [Int]
        do {
            guard !folders.isEmpty else { throw ValidationError("give the shard folders to merge") }
            shards = try folders.map(SweepShardFolder.init(path:))
            missing = try SweepShardFolder.checkCompatible(shards, allowPartial: allowPartial)
        } catch let error as ValidationError {
            CommandFailure.printError(error.message)
            throw ExitCode(2)
        } catch {
            throw CommandFailure.exit(error)
        }
        let first = shards[0]
        // A killed shard has no summary.json: the rank and N come from one that has.
        let described = shards.first { $0.hasSummary } ?? first
        let metricName = rank ?? described.rank
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
        let folder: ReportFolder
        do { folder = try ReportFolder.reserve(kind: .sweep, name: "\(first.strategy)-sweep-merged", out: out, force: force, at: Date()) } catch {
            throw error.report()
        }
        var csv = first.header.joined(separator: ",") + "\n"
        for r in rows { csv += r.joined(separator: ",") + "\n" }
        var manifest = first.manifest
        manifest["shard"] = NSNull()
        manifest["merged_from"] = folders
        manifest["interrupted"] = shards.contains { $0.interrupted }
        manifest["missing_shards"] = missing
        let interrupted = shards.filter(\.interrupted).compactMap(\.index).sorted()
        manifest["interrupted_shards"] = interrupted
        manifest["command"] = ["barwise"] + Array(CommandLine.arguments.dropFirst())
        var summary: [String: Any] = [
            "strategy": first.strategy, "rank": metricName, "runs": rows.count, "trials": first.manifest["trials"] ?? NSNull(),
            "merged_from": folders, "missing_shards": missing, "interrupted_shards": interrupted, "best": rows.first.map { Dictionary(uniqueKeysWithValues: zip(first.header, $0)) } ?? [:],
        ]
        // The overfitting statistics of the whole sweep: every merged row is a trial.
        if let n = described.periodsPerYear, let best = rows.first.flatMap({ first.summary(of: $0) }) {
            let sharpes = rows.compactMap { first.summary(of: $0)?.sharpe }
            let (psr, dsr, sr0) = DeflatedSharpe.ofBest(best, sharpes: sharpes, periodsPerYear: n)
            summary["probabilistic_sharpe"] = JSONOutput.number(psr)
            summary["deflated_sharpe"] = JSONOutput.number(dsr)
            summary["expected_max_sharpe"] = JSONOutput.number(sr0)
            summary["periods_per_year"] = n
        }
        do {
            try Data(csv.utf8).write(to: folder.staging.appendingPathComponent("results.csv"))
            for (name, object) in [("manifest.json", manifest), ("summary.json", summary)] {
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                try data.write(to: folder.staging.appendingPathComponent(name))
            }
            try folder.commit()
        } catch {
            folder.discard()
            CommandFailure.printError("cannot write \(folder.path): \(CommandFailure.message(for: error))")
            throw CommandFailure.ioFailure
        }
        var notes: [String] = []
        if !missing.isEmpty { notes.append("shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) missing") }
        for s in shards.filter(\.interrupted).sorted(by: { ($0.index ?? 0) < ($1.index ?? 0) }) {
            let journal = s.journalRows > 0 ? ", \(Plural.count(s.journalRows, "row")) from \(SweepJournal.fileName)" : ""
            notes.append("shard \(s.index.map(String.init) ?? s.path) interrupted (\(Plural.count(s.rows.count, "finished row"))\(journal))")
        }
        let partial = notes.isEmpty ? "" : " (partial: \(notes.joined(separator: "; ")))"
        print("merged \(shards.count) shards, \(rows.count) rows\(partial) → \(folder.path)")
    }
}

/// One shard folder as `sweep merge` reads it.
struct SweepShardFolder {
    let path: String
    let manifest: [String: Any]
    let header: [String]
    let rows: [[String]]
    let rank: String
    /// Whether the folder has a summary.json (a shard killed outright has none).
    let hasSummary: Bool
    /// Rows read from the journal `results.partial.csv` and not from results.csv: the finished
    /// runs of a shard killed outright (0 for a shard that wrote its results).
    let journalRows: Int
    /// Stopped by Ctrl-C or SIGTERM, or killed, before all its runs were done.
    var interrupted: Bool { manifest["interrupted"] as? Bool ?? false || journalRows > 0 || !hasResults }
    /// Whether the folder has results.csv (a shard killed outright has only its journal).
    let hasResults: Bool
    /// I of the shard's `--shard I/N`, nil when it is not a shard.
    var index: Int? {
        let parts = (manifest["shard"] as? String ?? "").split(separator: "/").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] : nil
    }

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
        hasSummary = summary != nil
        // results.csv (a finished or stopped shard) and the journal (a killed one; both after a
        // resumed shard was killed again): each run's row once, results.csv's first.
        var header: [String]?
        var rows: [[String]] = []
        var seen = Set<[String]>()
        var fromJournal = 0
        var found: [String] = []
        for name in ["results.csv", SweepJournal.fileName] {
            let file = (path as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file) else { continue }
            found.append(name)
            guard var text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("\(file): cannot read") }
            // A journal row cut short by the kill is not a row.
            if name == SweepJournal.fileName, !text.hasSuffix("\n") { text = text.lastIndex(of: "\n").map { String(text[...$0]) } ?? "" }
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            guard let head = lines.first else { throw ValidationError("\(file): empty") }
            if let header, header != head { throw ValidationError("\(file) has other columns than results.csv beside it") }
            header = head
            for (i, line) in lines.enumerated() where line.count != head.count {
                throw ValidationError("\(file):\(i + 1): \(line.count) fields where the header has \(head.count)")
            }
            // A run is its params and symbol: the columns up to `symbol`.
            let key = (head.firstIndex(of: "symbol") ?? head.count - 1) + 1
            for line in lines.dropFirst() where seen.insert(Array(line.prefix(key))).inserted {
                rows.append(line)
                if name == SweepJournal.fileName { fromJournal += 1 }
            }
        }
        guard let header else {
            throw ValidationError("\(path) holds a sweep with no rows yet (neither results.csv nor \(SweepJournal.fileName)); run it again with its command and --resume \(path)")
        }
        self.header = header
        self.rows = rows
        journalRows = fromJournal
        hasResults = found.contains("results.csv")
    }

    /// Refuses folders that are not shards of one and the same sweep, and (unless `allowPartial`)
    /// an incomplete set: a shard missing or interrupted. Returns the missing shard indices.
    static func checkCompatible(_ shards: [SweepShardFolder], allowPartial: Bool = false) throws -> [Int] {
        let keys = ["strategy_sha256", "grid", "where", "random", "overrides", "data_range", "trials"]
        let first = shards[0]
        for s in shards.dropFirst() {
            for key in keys where !same(first.manifest[key], s.manifest[key]) {
                throw ValidationError("\(s.path) is not from the same sweep as \(first.path): its \(key) differs")
            }
            guard s.header == first.header else { throw ValidationError("\(s.path): results.csv has other columns than \(first.path)") }
        }
        var slices: [(index: Int, count: Int)] = []
        for s in shards {
            let text = s.manifest["shard"] as? String ?? ""
            let parts = text.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2 else { throw ValidationError("\(s.path) is not a shard folder (--shard I/N); only shards can be merged") }
            slices.append((parts[0], parts[1]))
        }
        let count = slices[0].count
        for (s, slice) in zip(shards, slices) where slice.count != count {
            throw ValidationError("\(s.path) is shard \(slice.index)/\(slice.count), but \(first.path) is one of \(count) shards")
        }
        var seen: [Int: String] = [:]
        for (s, slice) in zip(shards, slices) {
            if let other = seen[slice.index] { throw ValidationError("\(other) and \(s.path) hold the same shard \(slice.index)/\(count)") }
            seen[slice.index] = s.path
        }
        let missing = (1...count).filter { seen[$0] == nil }
        if !allowPartial {
            if !missing.isEmpty {
                let list = missing.map(String.init).joined(separator: ", ")
                throw ValidationError("shard\(missing.count == 1 ? "" : "s") \(list) of \(count) \(missing.count == 1 ? "is" : "are") missing; merge all \(count) shard folders, or pass --allow-partial to merge what there is")
            }
            if let killed = shards.first(where: { !$0.hasResults }) {
                throw ValidationError("\(killed.path) is a shard killed before it finished (its \(Plural.count(killed.rows.count, "finished row")) are only in \(SweepJournal.fileName)); "
                                      + "finish it with its command and --resume \(killed.path), or pass --allow-partial to merge the rows it has")
            }
            if let stopped = shards.first(where: \.interrupted) {
                throw ValidationError("\(stopped.path) is an interrupted shard; finish it with its command and --resume \(stopped.path), or pass --allow-partial")
            }
        }
        return missing
    }

    private static func same(_ a: Any?, _ b: Any?) -> Bool {
        func canonical(_ x: Any?) -> Data? {
            guard let x, !(x is NSNull) else { return Data() }
            return try? JSONSerialization.data(withJSONObject: ["v": x], options: [.sortedKeys])
        }
        return canonical(a) == canonical(b)
    }
}
