import Foundation
import Testing

/// A shard killed outright before writing results.csv (only its journal results.partial.csv):
/// `sweep merge` refuses it, saying to `--resume` it; `--allow-partial` merges the finished rows
/// of its journal and records it under `interrupted_shards`, as missing shards are recorded.
@Suite struct SweepMergeKilledShardTests {
    private static let strategy = BarwiseProcess.packageRoot.appendingPathComponent("strategies/sma_cross.toml").path

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test func mergeAllowPartialTakesTheJournalRowsOfAKilledShard() throws {
        let store = try SweepCommandTests.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let args = ["sweep", Self.strategy, "--grid", "fast=5:30:5", "--grid", "slow=20:80:20", "--jobs", "1", "--store", store]
        for i in [1, 3] { #expect(try BarwiseProcess.run(args + ["--shard", "\(i)/3", "--out", dir + "/s\(i)"]).status == 0) }
        let killed = try BarwiseProcess.run(args + ["--shard", "2/3", "--out", dir + "/s2"], environment: ["BARWISE_TEST_SIGNAL_AFTER_RUNS": "3:KILL"])
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/s2/results.csv"))
        // As if killed in the middle of a fourth row: that row is not merged.
        let journal = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/s2/results.partial.csv"))
        try journal.seekToEnd()
        try journal.write(contentsOf: Data("25,40,GO".utf8))
        try journal.close()
        let shards = (1...3).map { dir + "/s\($0)" }

        let refused = try BarwiseProcess.run(["sweep", "merge"] + shards + ["--out", dir + "/refused"])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.errorLine.contains("\(dir)/s2 is a shard killed before it finished (its 3 finished rows are only in results.partial.csv)")
                && refused.errorLine.contains("--resume \(dir)/s2") && refused.errorLine.contains("--allow-partial"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/refused"))

        let merged = try BarwiseProcess.run(["sweep", "merge"] + shards + ["--allow-partial", "--out", dir + "/merged"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("(partial: shard 2 interrupted (3 finished rows, 3 rows from results.partial.csv))"), "\(merged.stdout)")
        let manifest = try json(dir + "/merged/manifest.json"), summary = try json(dir + "/merged/summary.json")
        #expect(manifest["interrupted_shards"] as? [Int] == [2] && manifest["interrupted"] as? Bool == true)
        #expect(manifest["missing_shards"] as? [Int] == [] && summary["interrupted_shards"] as? [Int] == [2])
        // The journal's rows are the rows the finished shard gives, and the rank and N come from a whole shard.
        #expect(try BarwiseProcess.run(args + ["--shard", "2/3", "--out", dir + "/whole2"]).status == 0)
        let rows = Set(try lines(dir + "/merged/results.csv").dropFirst())
        let journalLines = try lines(dir + "/s2/results.partial.csv")
        let width = journalLines[0].split(separator: ",").count
        let journalRows = journalLines.dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false).count == width }
        let whole2 = Set(try lines(dir + "/whole2/results.csv"))
        #expect(journalRows.count == 3 && Set(journalRows).isSubset(of: rows) && Set(journalRows).isSubset(of: whole2))
        let whole = (try lines(dir + "/s1/results.csv")).count + (try lines(dir + "/s3/results.csv")).count - 2
        #expect(rows.count == whole + 3)
        #expect(summary["rank"] as? String == "sharpe" && (summary["periods_per_year"] as? NSNumber)?.doubleValue == 252)
    }
}
