import Foundation
import Testing

/// `barwise report` on sweep folders, the PBO line of the sweep table and the walk-forward's
/// out-of-sample trades.
@Suite struct SweepReportCommandTests {
    @Test func reportRebuildsASweepFoldersIndexHtmlByteForByte() throws {
        let dir = try BarwiseProcess.scratchDirectory().path + "/sweep"
        let sweep = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "slow=20,40", "--grid", "fast=5,10,15",
                                            "--out", dir, "--store", try SweepCommandTests.store()])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let index = dir + "/index.html"
        let written = try String(contentsOfFile: index, encoding: .utf8)
        try FileManager.default.removeItem(atPath: index)
        let report = try BarwiseProcess.run(["report", dir])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout == "wrote \(index)\n")
        // The same page: rows, the heatmap over the --grid order (slow, fast), the distribution.
        #expect(try String(contentsOfFile: index, encoding: .utf8) == written)
        #expect(written.contains("id=\"param-heatmap\"") && written.contains("<th class=\"num\">slow</th><th class=\"num\">fast</th>"))
    }

    @Test func reportOfAWalkForwardFolderSaysThereIsNoPage() throws {
        let dir = try BarwiseProcess.scratchDirectory().path + "/wf"
        let wf = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5,10", "--grid", "slow=20,40",
                                         "--walk-forward", "500:250", "--out", dir, "--store", try SweepCommandTests.store()])
        #expect(wf.status == 0, "\(wf.stderr)")
        let report = try BarwiseProcess.run(["report", dir])
        #expect(report.status == 2)
        #expect(report.stderr == "barwise: error: \(dir): is a walk-forward sweep folder: it has no HTML report to rebuild (see walk_forward.csv and oos_equity.csv)\n")
    }

    @Test func walkForwardTradesIndexTheLoadedSeries() throws {
        let dir = try BarwiseProcess.scratchDirectory().path + "/wf"
        let store = try SweepCommandTests.store()
        let wf = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5,10", "--grid", "slow=20,40",
                                         "--walk-forward", "500:250", "--out", dir, "--store", store])
        #expect(wf.status == 0, "\(wf.stderr)")
        let trades = try RunCommandTests.csvRows(URL(fileURLWithPath: dir + "/oos_trades.csv"))
        #expect(trades[0] == ["fold", "symbol", "side", "size", "entry_time", "entry_bar", "entry_price", "exit_time", "exit_bar",
                              "exit_price", "commission", "pnl", "return"])
        #expect(trades.count > 10)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json"))) as? [String: Any])
        #expect((summary["symbols"] as? [[String: Any]])?.first?["periods_per_year"] as? Double == 252)
        // The bars of GOOG as `run` numbers them: row k + 1 of its equity.csv is bar k.
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        #expect(try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", store, "--out", out.path]).status == 0)
        let stamps = try RunCommandTests.csvRows(out.appendingPathComponent("equity.csv")).dropFirst().map { $0[0] }
        for t in trades.dropFirst() {
            let entry = try #require(Int(t[5])), exit = try #require(Int(t[8]))
            #expect(entry >= 500 && stamps[entry] == t[4], "\(t)")
            #expect(stamps[exit] == t[7], "\(t)")
        }
    }

    @Test func sweepTablePrintsTheProbabilityOfOverfitting() throws {
        let dir = try BarwiseProcess.scratchDirectory().path + "/pbo"
        let r = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:25:5", "--grid", "slow=30:90:20",
                                        "--pbo", "8", "--out", dir, "--store", try SweepCommandTests.store()])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("probability of backtest overfitting") })
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json"))) as? [String: Any])
        let pbo = try #require((summary["pbo"] as? [String: Double])?["GOOG"])
        #expect(line == "probability of backtest overfitting (PBO, 8 splits): GOOG \(String(format: "%.3f", pbo))")
        // The sweep's page gives it too, and `barwise report` rebuilds the same page.
        let index = dir + "/index.html"
        let html = try String(contentsOfFile: index, encoding: .utf8)
        #expect(html.contains("<p class=\"sub\" id=\"pbo\">Probability of backtest overfitting (PBO): GOOG \(pbo < 1 ? "0." : "1.")"))
        try FileManager.default.removeItem(atPath: index)
        #expect(try BarwiseProcess.run(["report", dir]).status == 0)
        #expect(try String(contentsOfFile: index, encoding: .utf8) == html)
    }
}
