import Foundation
import Testing

/// Output folders of `run` and `sweep`: unique, complete when they appear, never mixed with
/// stale files; a sweep stopped by a signal (even SIGKILL) resumes to the same results.
@Suite struct SweepFolderTests {
    private static let strategy = BarwiseProcess.packageRoot.appendingPathComponent("strategies/sma_cross.toml").path

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test func concurrentRunsWithoutOutGetDistinctCompleteFolders() throws {
        let store = try SweepCommandTests.store()
        let cwd = try BarwiseProcess.scratchDirectory()
        let count = 8
        // Started together, so most start in the same second (the folder name's timestamp).
        let processes = (0..<count).map { i -> Process in
            let p = Process()
            p.executableURL = BarwiseProcess.executable
            p.arguments = ["run", Self.strategy, "--cash", "\(10_000 + i)", "--store", store]
            p.currentDirectoryURL = cwd
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let reports = cwd.appendingPathComponent("reports").path
        let folders = try FileManager.default.contentsOfDirectory(atPath: reports)
        #expect(folders.count == count && folders.allSatisfy { !$0.hasPrefix(".") }, "\(folders)")
        var cashes = Set<Double>()
        for folder in folders {
            let path = reports + "/" + folder
            for file in ["equity.csv", "trades.csv", "orders.csv", "prices.csv", "index.html"] {
                #expect(FileManager.default.fileExists(atPath: path + "/" + file), "\(folder)/\(file)")
            }
            // Summary and manifest of one and the same run.
            let summary = try json(path + "/summary.json"), manifest = try json(path + "/manifest.json")
            let cash = try #require(summary["initial_cash"] as? Double)
            #expect(manifest["cash"] as? Double == cash && manifest["kind"] as? String == "run")
            cashes.insert(cash)
        }
        #expect(cashes == Set((0..<count).map { Double(10_000 + $0) }))
    }

    @Test func nonEmptyOutIsRefusedAndForceReplacesOnlyAFolderOfTheSameKind() throws {
        let store = try SweepCommandTests.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let fm = FileManager.default
        // Not a Barwise folder: refused, with or without --force, and left alone.
        try fm.createDirectory(atPath: dir + "/other", withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: dir + "/other/notes.txt"))
        for force in [[], ["--force"]] {
            let r = try BarwiseProcess.run(["run", Self.strategy, "--out", dir + "/other", "--store", store] + force)
            #expect(r.status == 2 && r.stderr.contains("--out \(dir)/other") && r.stderr.contains("not a barwise folder"), "\(r.stderr)")
        }
        #expect(try fm.contentsOfDirectory(atPath: dir + "/other") == ["notes.txt"])
        // A run folder: refused again, replaced whole with --force (no stale file survives).
        #expect(try BarwiseProcess.run(["run", Self.strategy, "--out", dir + "/run", "--store", store]).status == 0)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: dir + "/run/weights.csv"))
        let again = try BarwiseProcess.run(["run", Self.strategy, "--out", dir + "/run", "--store", store])
        #expect(again.status == 2 && again.stderr.contains("--force replaces it whole"), "\(again.stderr)")
        let forced = try BarwiseProcess.run(["run", Self.strategy, "--out", dir + "/run", "--force", "--store", store])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!fm.fileExists(atPath: dir + "/run/weights.csv") && fm.fileExists(atPath: dir + "/run/summary.json"))
        // A sweep never replaces a run folder, --force or not.
        let sweep = try BarwiseProcess.run(["sweep", Self.strategy, "--grid", "fast=5,10", "--out", dir + "/run", "--force", "--store", store])
        #expect(sweep.status == 2 && sweep.stderr.contains("holds a barwise run folder"), "\(sweep.stderr)")
        // Nothing is left beside the folders.
        #expect(try fm.contentsOfDirectory(atPath: dir).sorted() == ["other", "run"])
    }

    /// Stopped after 20 rows (one job, so exactly 20) by Ctrl-C, SIGTERM or SIGKILL; `--resume`
    /// then finishes the sweep to the results of an uninterrupted one.
    @Test(arguments: [("INT", Int32(130)), ("TERM", 143), ("KILL", SIGKILL)])
    func stoppedSweepKeepsItsRowsAndResumesToTheSameResults(signal: String, status: Int32) throws {
        let store = try SweepCommandTests.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let args = ["sweep", Self.strategy, "--grid", "fast=2:30:1", "--grid", "slow=10:100:5", "--where", "fast < slow",
                    "--jobs", "1", "--store", store]
        let stopped = try BarwiseProcess.run(args + ["--out", dir + "/stopped"], environment: ["BARWISE_TEST_SIGNAL_AFTER_RUNS": "20:\(signal)"])
        #expect(stopped.status == status, "\(stopped.stderr)")
        if signal == "KILL" {
            // Killed outright: the journal holds every finished row; no results.csv yet.
            #expect(try lines(dir + "/stopped/results.partial.csv").count == 21)
            #expect(!FileManager.default.fileExists(atPath: dir + "/stopped/results.csv"))
            // As if killed in the middle of writing a row: that row is dropped, not mixed with the next.
            let journal = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/stopped/results.partial.csv"))
            try journal.seekToEnd()
            try journal.write(contentsOf: Data("30,95,GO".utf8))
            try journal.close()
            // Killed again while resuming: the journal goes on from its last whole row.
            let again = try BarwiseProcess.run(args + ["--resume", dir + "/stopped"], environment: ["BARWISE_TEST_SIGNAL_AFTER_RUNS": "5:KILL"])
            #expect(again.status == SIGKILL, "\(again.stderr)")
            let journalLines = try lines(dir + "/stopped/results.partial.csv")
            #expect(journalLines.count == 26 && journalLines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == journalLines[0].split(separator: ",").count })
        } else {
            #expect(try lines(dir + "/stopped/results.csv").count == 21)
            #expect(try json(dir + "/stopped/manifest.json")["interrupted"] as? Bool == true)
            #expect(stopped.stderr.contains("20 of 496 runs kept"), "\(stopped.stderr)")
        }
        let resumed = try BarwiseProcess.run(args + ["--resume", dir + "/stopped"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("(\(signal == "KILL" ? 25 : 20) kept from the interrupted run)"), "\(resumed.stdout)")
        #expect(try BarwiseProcess.run(args + ["--out", dir + "/whole"]).status == 0)
        let a = try lines(dir + "/stopped/results.csv").sorted(), b = try lines(dir + "/whole/results.csv").sorted()
        #expect(a.count == 497 && a == b)
        #expect(!FileManager.default.fileExists(atPath: dir + "/stopped/results.partial.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["stopped", "whole"])
        // A different grid cannot resume this folder.
        let other = try BarwiseProcess.run(["sweep", Self.strategy, "--grid", "fast=2:60:1", "--resume", dir + "/stopped", "--store", store])
        #expect(other.status == 2 && other.stderr.contains("holds a different sweep"))
    }

    @Test func mergeOfAnIncompleteSetOfShardsNamesTheMissingOnes() throws {
        let store = try SweepCommandTests.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let args = ["sweep", Self.strategy, "--grid", "fast=5:30:5", "--grid", "slow=20:80:20", "--store", store]
        for i in [1, 3] { #expect(try BarwiseProcess.run(args + ["--shard", "\(i)/4", "--out", dir + "/s\(i)"]).status == 0) }
        let refused = try BarwiseProcess.run(["sweep", "merge", dir + "/s1", dir + "/s3", "--out", dir + "/merged"])
        #expect(refused.status == 2 && refused.stderr.contains("shards 2, 4 of 4 are missing"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/merged"))
        let partial = try BarwiseProcess.run(["sweep", "merge", dir + "/s1", dir + "/s3", "--allow-partial", "--out", dir + "/merged"])
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(try json(dir + "/merged/manifest.json")["missing_shards"] as? [Int] == [2, 4])
        #expect(try lines(dir + "/merged/results.csv").count == 1 + (try lines(dir + "/s1/results.csv")).count - 1 + (try lines(dir + "/s3/results.csv")).count - 1)
        // A shard stopped by SIGTERM is not a whole shard either.
        for i in [2, 4] {
            let stop = i == 4 ? ["BARWISE_TEST_SIGNAL_AFTER_RUNS": "2:TERM"] : [:]
            let r = try BarwiseProcess.run(args + ["--shard", "\(i)/4", "--jobs", "1", "--out", dir + "/s\(i)"], environment: stop)
            #expect(r.status == (i == 4 ? 143 : 0), "\(r.stderr)")
        }
        let stopped = try BarwiseProcess.run(["sweep", "merge"] + (1...4).map { dir + "/s\($0)" } + ["--out", dir + "/all"])
        #expect(stopped.status == 2 && stopped.stderr.contains("\(dir)/s4 is an interrupted shard"), "\(stopped.stderr)")
    }

    @Test func randomSampleOfAGridOfTenBillionCombinationsRunsWithoutListingIt() throws {
        let dir = try BarwiseProcess.scratchDirectory().path
        let r = try BarwiseProcess.run(["sweep", Self.strategy, "--grid", "fast=1:100000:1", "--grid", "slow=1:100000:1", "--where", "fast < slow",
                                        "--random", "5", "--seed", "4", "--json", "--out", dir + "/sample", "--store", try SweepCommandTests.store()])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try lines(dir + "/sample/results.csv").dropFirst().map { $0.split(separator: ",").prefix(2).compactMap { Double($0) } }
        #expect(rows.count == 5 && rows.allSatisfy { $0.count == 2 && $0[0] < $0[1] } && Set(rows).count == 5)
        #expect(try json(dir + "/sample/summary.json")["trials"] as? Int == 5)
    }
}
