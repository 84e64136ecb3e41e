import Foundation
import Testing

/// `barwise sweep` and `barwise sweep merge` as processes.
@Suite struct SweepCommandTests {
    static func store() throws -> String {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let goog = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        #expect(try BarwiseProcess.run(["ingest", goog, "--store", store]).status == 0)
        return store
    }

    private func results(_ folder: String) throws -> [String] {
        try String(contentsOfFile: folder + "/results.csv", encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func sweepRowMatchesRunWithTheSameSet() throws {
        let store = try Self.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let sweep = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=10,15", "--grid", "slow=20,40",
                                            "--out", dir + "/sweep", "--store", store])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let lines = try results(dir + "/sweep")
        let html = try String(contentsOfFile: dir + "/sweep/index.html", encoding: .utf8)
        for id in ["id=\"ranked\"", "id=\"param-heatmap\"", "id=\"metric-distribution\""] { #expect(html.contains(id), "\(id)") }
        #expect(lines.count == 5 && lines[0].hasPrefix("fast,slow,symbol,start,end,bars,final_equity,total_return"))
        let row = try #require(lines.first { $0.hasPrefix("15,40,GOOG,") }).split(separator: ",", omittingEmptySubsequences: false)
        let run = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--set", "fast=15", "--set", "slow=40", "--json",
                                          "--out", dir + "/run", "--store", store])
        #expect(run.status == 0, "\(run.stderr)")
        // Compare the numbers as written (Foundation's JSON reader does not round-trip every double).
        let header = lines[0].split(separator: ",").map(String.init)
        for key in ["final_equity", "sharpe", "max_drawdown", "total_return"] {
            let column = try #require(header.firstIndex(of: key))
            let written = try #require(run.stdout.firstMatch(of: try Regex("\"\(key)\" ?: ?([-0-9.e]+)")))
            #expect(Double(String(row[column])) == Double(String(written.output[1].substring!)), "\(key)")
        }
    }

    @Test func pboIsReportedPerSymbol() throws {
        let dir = try BarwiseProcess.scratchDirectory().path
        let r = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:25:5", "--grid", "slow=30:90:20",
                                        "--pbo", "8", "--json", "--out", dir + "/pbo", "--store", try Self.store()])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let pbo = try #require((summary["pbo"] as? [String: Double])?["GOOG"])
        #expect(pbo >= 0 && pbo <= 1 && summary["pbo_splits"] as? Int == 8)
    }

    @Test func shardsMergeIntoTheWholeSweep() throws {
        let store = try Self.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let args = ["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:30:5", "--grid", "slow=20:80:20", "--where", "fast < slow", "--store", store]
        #expect(try BarwiseProcess.run(args + ["--out", dir + "/whole"]).status == 0)
        for i in 1...3 { #expect(try BarwiseProcess.run(args + ["--shard", "\(i)/3", "--out", dir + "/s\(i)"]).status == 0) }
        let merged = try BarwiseProcess.run(["sweep", "merge", dir + "/s1", dir + "/s2", dir + "/s3", "--out", dir + "/merged"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try results(dir + "/merged").sorted() == (try results(dir + "/whole")).sorted())
        // The merged folder's overfitting statistics are the whole sweep's: every row a trial.
        func summary(_ folder: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + folder + "/summary.json"))) as? [String: Any])
        }
        let whole = try summary("/whole"), combined = try summary("/merged")
        for key in ["deflated_sharpe", "probabilistic_sharpe", "expected_max_sharpe"] {
            let w = try #require(whole[key] as? Double), m = try #require(combined[key] as? Double)
            #expect(abs(w - m) <= 1e-12 * max(1, abs(w)) && w > 0, "\(key): whole \(w), merged \(m)")
        }
        // A shard of another grid is refused.
        #expect(try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5,6", "--shard", "1/3", "--out", dir + "/other", "--store", store]).status == 0)
        let refused = try BarwiseProcess.run(["sweep", "merge", dir + "/s1", dir + "/other", "--out", dir + "/bad"])
        #expect(refused.status == 2 && refused.stderr.contains("not from the same sweep"))
    }

    @Test func topReportsAreTheRunsOfTheBestRows() throws {
        let dir = try BarwiseProcess.scratchDirectory().path
        let r = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=10,15", "--grid", "slow=20,40",
                                        "--top", "2", "--report", "--out", dir + "/sweep", "--store", try Self.store()])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try results(dir + "/sweep")
        let header = lines[0].split(separator: ",").map(String.init)
        let equityColumn = try #require(header.firstIndex(of: "final_equity"))
        let folders = try FileManager.default.contentsOfDirectory(atPath: dir + "/sweep/top").sorted()
        #expect(folders.count == 2 && folders[0].hasPrefix("1-GOOG-fast=") && folders[1].hasPrefix("2-GOOG-fast="), "\(folders)")
        for folder in folders {
            let path = dir + "/sweep/top/" + folder
            for file in ["index.html", "equity.csv", "trades.csv", "orders.csv", "manifest.json"] {
                #expect(FileManager.default.fileExists(atPath: path + "/" + file), "\(folder)/\(file)")
            }
            // The folder's run ends on the same equity as the sweep row of the same params.
            let params = folder.split(separator: "-").dropFirst(2).map { $0.split(separator: "=")[1] }
            let row = try #require(lines.first { $0.hasPrefix("\(params[0]),\(params[1]),GOOG,") }).split(separator: ",")
            let summary = try String(contentsOfFile: path + "/summary.json", encoding: .utf8)
            let written = try #require(summary.firstMatch(of: try Regex("\"final_equity\" ?: ?([-0-9.e]+)")))
            #expect(Double(String(row[equityColumn])) == Double(String(written.output[1].substring!)), "\(folder)")
        }
    }

    @Test(arguments: [
        (["--grid", "fats=1,2"], "not a param of the strategy"),
        (["--grid", "fast=5:50:0"], "the step is 0"),
        (["--grid", "fast=50:5:5"], "goes away from"),
        (["--grid", "fast=5,10", "--where", "fast > slow + 100"], "no combination satisfies"),
        (["--grid", "fast=5,10", "--shard", "4/3"], "--shard '4/3'"),
        (["--grid", "fast=5,10", "--rank", "luck"], "--rank 'luck' is not a metric"),
        (["--grid", "fast=1:100000:1", "--grid", "slow=1:100000:1"], "more than the limit of 10,000,000"),
        (["--grid", "fast=5,5,5"], "5 appears twice"),
        (["--grid", "fast=5,10", "--top=-1"], "--top"),
        (["--grid", "fast=5,10", "--jobs=-2"], "--jobs"),
        (["--grid", "fast=5,10", "--random=-3"], "--random"),
        (["--grid", "fast=5,10", "--where", "fast"], "--where must be a condition"),
        (["--grid", "fast=5,10", "--where", "not fast"], "operand of 'not' must be a boolean"),
        (["--grid", "fast=5,10", "--pbo", "3"], "--pbo must be an even number of blocks from 2 to 16, not 3"),
    ] as [([String], String)])
    func badInputExitsTwoWithOneLine(extra: [String], message: String) throws {
        let r = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml"] + extra + ["--store", try Self.store()])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
