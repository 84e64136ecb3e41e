import Foundation
import MarketData
import Research
import Signals

/// `barwise sweep --resume DIR`: the rows an interrupted sweep left in DIR, after checking that
/// DIR holds the same sweep (strategy file, grid, constraint, sampling, shard, symbols).
/// The rows are those of `results.csv` (a sweep stopped by Ctrl-C or SIGTERM) and of the journal
/// `results.partial.csv` (a sweep killed outright); every (combination, symbol) row there is
/// kept once, and the runs without a row are done again.
enum SweepResume {
    static func rows(
        folder: String, plan: SweepPlan, spec: StrategySpec, strategyPath: String, cash: Double?, symbols: [String],
        shard: String?, constraint: String?, random: (count: Int, seed: UInt64)?, overrides: [String], runNames: Set<String>
    ) throws -> [SweepRunner.Row] {
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any], manifest["kind"] as? String == "sweep"
        else { throw SweepError.malformedResume("\(manifestPath) is not the manifest of a sweep") }
        let sha = SHA256.hex(FileManager.default.contents(atPath: strategyPath).map { [UInt8]($0) } ?? [])
        let grid = Dictionary(uniqueKeysWithValues: plan.grid.axes.map { ($0.name, $0.values) })
        let expected: [(String, Any?)] = [
            ("strategy_sha256", sha), ("grid", grid), ("where", constraint), ("shard", shard), ("symbols", symbols),
            ("random", random.map { ["count": $0.count, "seed": $0.seed] as [String: Any] }), ("overrides", overrides),
        ]
        for (key, value) in expected where !same(manifest[key], value) {
            throw SweepError.malformedResume("\(folder) holds a different sweep (its \(key) differs)")
        }
        // The ranked rows of an interrupted run, and the journal of a killed one (either or both).
        var rows: [SweepRunner.Row] = []
        var seen = Set<SweepRunner.RunKey>()
        var found = false
        for name in ["results.csv", SweepJournal.fileName] {
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SweepError.malformedResume("\(path) cannot be read")
            }
            found = true
            // A row cut short by a kill mid-write is not a row.
            if name == SweepJournal.fileName, !text.hasSuffix("\n"), let end = text.lastIndex(of: "\n") {
                text = String(text[...end])
            }
            let read: [SweepRunner.Row]
            do {
                read = try SweepResultsCSV.read(text, plan: plan, params: spec.paramNames, initialCash: cash ?? spec.portfolio.cash)
            } catch {
                guard case .malformedResume(let reason) = error else { throw error }
                throw SweepError.malformedResume(reason.replacingOccurrences(of: "results.csv", with: path))
            }
            // Rows of another shape of run (per symbol versus --portfolio) are not this sweep's.
            for row in read where runNames.contains(row.symbol) && seen.insert(SweepRunner.RunKey(combination: row.combination, symbol: row.symbol)).inserted {
                rows.append(row)
            }
        }
        guard found else { throw SweepError.malformedResume("\(folder) has neither results.csv nor \(SweepJournal.fileName)") }
        return rows
    }

    private static func same(_ a: Any?, _ b: Any?) -> Bool {
        func canonical(_ x: Any?) -> Data? {
            guard let x, !(x is NSNull) else { return Data() }
            return try? JSONSerialization.data(withJSONObject: ["v": x], options: [.sortedKeys])
        }
        return canonical(a) == canonical(b)
    }
}
