import Foundation
import Testing

/// `barwise run` end to end: the built binary on a scratch store with GOOG.
@Suite struct RunCommandTests {
    static func storeWithGOOG() throws -> String { try SignalsCommandTests.storeWithGOOG() }

    static func csvRows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func runWritesTheReportFolderAndPrintsTheSummary() throws {
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        let r = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", try Self.storeWithGOOG(), "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("sma_cross on GOOG (1d): 2148 bars, 2004-08-19 to 2013-03-01"))
        #expect(r.stdout.contains("93 (+1 open)"))
        #expect(r.stdout.contains("56263.52"))
        for file in ["equity.csv", "trades.csv", "orders.csv", "summary.json", "manifest.json", "prices.csv",
                     "index.html", "metrics.csv", "monthly_returns.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        // The HTML report is self-contained and names the run.
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("sma_cross") && !html.contains("<script src") && !html.contains("<link "))
        let equity = try Self.csvRows(out.appendingPathComponent("equity.csv"))
        #expect(equity.first == ["timestamp", "equity", "cash", "exposure", "drawdown"])
        #expect(equity.count == 2149)
        #expect(equity[1] == ["2004-08-19T00:00:00Z", "10000", "10000", "0", "0"])
        #expect(abs(Double(equity[2148][1])! - 56_263.51934) < 1e-6)
        let trades = try Self.csvRows(out.appendingPathComponent("trades.csv"))
        #expect(trades.first == ["symbol", "side", "size", "entry_time", "entry_bar", "entry_price", "exit_time", "exit_bar", "exit_price", "commission", "pnl", "return"])
        #expect(trades.count == 94)
        #expect(trades[1].prefix(9) == ["GOOG", "short", "59", "2004-11-17T00:00:00Z", "63", "169.02", "2004-12-06T00:00:00Z", "75", "179.13"])
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        for key in ["strategy", "params", "symbols", "start", "end", "bars", "initial_cash", "final_equity", "total_return", "cagr",
                    "annual_return", "annual_volatility", "sharpe", "sortino", "calmar", "max_drawdown", "trades", "open_trades",
                    "win_rate", "exposure"] {
            #expect(summary[key] != nil, "summary.json lacks \(key)")
        }
        #expect(summary["trades"] as? Int == 93 && summary["open_trades"] as? Int == 1)
        #expect((summary["max_drawdown"] as? Double ?? 0) < 0)
        #expect(summary["start"] as? String == "2004-08-19T00:00:00Z")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
        #expect((manifest["strategy_sha256"] as? String)?.count == 64)
        #expect(manifest["ingest_ids"] as? [Int] == [1])
        #expect(manifest["wall_time_seconds"] is Double)
    }

    @Test func jsonOverridesAndCloseAtEnd() throws {
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        let r = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", try Self.storeWithGOOG(), "--out", out.path, "--json",
                                        "--set", "slow=30", "--set", "execution.commission=0", "--close-at-end"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(summary["trades"] as? Int == 66)
        #expect(summary["open_trades"] as? Int == 0)
        #expect(abs((summary["final_equity"] as? Double ?? 0) - 51_422.99) < 1e-6)
        #expect((summary["params"] as? [String: Any])?["slow"] as? Int == 30)
    }

    @Test func defaultFolderIsUnderReportsWithAUTCTimestamp() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let strategy = BarwiseProcess.packageRoot.appendingPathComponent("strategies/sma_cross.toml").path
        let r = try BarwiseProcess.run(["run", strategy, "--store", try Self.storeWithGOOG(), "--cash", "20000"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path)
        #expect(folders.count == 1)
        #expect(folders.first?.wholeMatch(of: /sma_cross-\d{8}T\d{6}Z/) != nil)
    }

    @Test func freshDefaultStoreIsSeededFromTheSamples() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let r = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--out", dir.appendingPathComponent("r").path],
                                       environment: ["BARWISE_STORE": dir.appendingPathComponent("fresh.sqlite").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("sma_cross on GOOG"))
    }

    @Test func ordersCSVRecordsRejectedOrders() throws {
        // 10,000 units per entry cannot be paid for with 10,000 cash: every entry is rejected.
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        let r = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", try Self.storeWithGOOG(), "--out", out.path,
                                        "--set", "sizing.mode=units", "--set", "sizing.units=10000"])
        #expect(r.status == 0, "\(r.stderr)")
        let orders = try Self.csvRows(out.appendingPathComponent("orders.csv"))
        #expect(orders.first == ["id", "symbol", "side", "intent", "type", "status", "reason", "size", "limit", "stop",
                                 "created_time", "created_bar", "time", "bar", "price", "commission"])
        #expect(orders.count == 1 + 94)  // one entry per crossing (93 + the last), all refused
        #expect(orders.dropFirst().allSatisfy { $0[5] == "rejected" && $0[6] == "insufficient_cash" })
        #expect(try Self.csvRows(out.appendingPathComponent("trades.csv")).count == 1)
        #expect(r.stdout.contains("final equity      10000.00") || r.stdout.contains("10000.00"))
    }

    @Test func shippedStrategiesRunOnGOOG() throws {
        let store = try Self.storeWithGOOG()
        // Rule-based strategies only: allocation strategies trade the 20-stock panel
        // (AllocationRunTests runs them on a store that holds it).
        let folder = BarwiseProcess.packageRoot.appendingPathComponent("strategies")
        let shipped = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".toml") }
            .filter { !(try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)).contains("\n[allocation]") }
            .map { String($0.dropLast(5)) }.sorted()
        #expect(shipped.count >= 6)
        for name in shipped {
            let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
            let r = try BarwiseProcess.run(["run", "strategies/\(name).toml", "--store", store, "--out", out.path, "--json"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            #expect((summary?["trades"] as? Int ?? 0) > 0, "\(name)")
        }
    }

    /// Bad input: one line on stderr, exit 2, and no report folder.
    func expectBadInput(_ args: [String], _ message: String, strategy: String = "strategies/sma_cross.toml") throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let out = dir.appendingPathComponent("out")
        let r = try BarwiseProcess.run(["run", strategy, "--store", try Self.storeWithGOOG(), "--out", out.path] + args)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("barwise: error: "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(r.stdout.isEmpty)
    }

    @Test func unknownSymbolExits2() throws {
        try expectBadInput(["--symbols", "GOOG,NOPE"], "no instrument 'NOPE' in the store")
    }

    @Test func dateRangeWithNoBarsExits2() throws {
        try expectBadInput(["--from", "2020-01-01", "--to", "2020-12-31"], "GOOG has no bars in the requested date range")
    }

    @Test func nonPositiveCashExits2() throws {
        try expectBadInput(["--cash", "0"], "initial cash must be positive")
        try expectBadInput(["--cash=-100"], "initial cash must be positive")
    }

    @Test func ruleReferencingAnUnknownNameExits2() throws {
        let file = try BarwiseProcess.scratchDirectory().appendingPathComponent("bad.toml").path
        try "name = \"bad\"\nsymbols = [\"GOOG\"]\n[rules]\nlong_entry = \"close > fast_mma\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        try expectBadInput([], "rules.long_entry: column 9: unknown name 'fast_mma'", strategy: file)
    }

    @Test func invalidSizingNamesTheStrategyFile() throws {
        try expectBadInput(["--set", "sizing.mode=risk"], "strategies/sma_cross.toml: [sizing] mode = \"risk\" needs a stop_loss")
        try expectBadInput(["--set", "execution.commission=-0.1"], "strategies/sma_cross.toml: execution.commission: must be at least 0")
    }

    @Test func helpHasExamples() throws {
        let r = try BarwiseProcess.run(["run", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"))
        #expect(r.stdout.contains("--close-at-end"))
    }
}

/// `barwise run --benchmark`: the full Analytics metric set in summary.json, alpha and beta as
/// empyrical computes them for the same run (reference: Tests/Fixtures/reference/metrics).
@Suite struct RunMetricsCommandTests {
    @Test func alphaAndBetaAgainstSP500MatchEmpyrical() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        for file in ["GOOG_daily_2004-2013.csv", "SP500_daily_1999-2018.csv"] {
            let r = try BarwiseProcess.run(["ingest", BarwiseProcess.fixtures.appendingPathComponent("data/\(file)").path, "--store", store])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run").path
        let r = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--benchmark", "SP500", "--json", "--out", out, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        // empyrical 0.7.1 on the README SmaCross equity against S&P 500 returns.
        let alpha = try #require(summary["alpha"] as? Double)
        let beta = try #require(summary["beta"] as? Double)
        #expect(abs(alpha - 0.29071603973811055) <= 1e-10 * 0.29071603973811055)
        #expect(abs(beta - -0.1309638179051854) <= 1e-10 * 0.1309638179051854)
        #expect(summary["benchmark"] as? String == "SP500")
        for key in ["omega", "stability", "tail_ratio", "skew", "kurtosis", "var_95", "cvar_95", "probabilistic_sharpe",
                    "profit_factor", "sqn", "best_day", "worst_year"] {
            #expect(summary[key] != nil, "summary.json lacks \(key)")
        }
        let metrics = try String(contentsOfFile: out + "/metrics.csv", encoding: .utf8)
        #expect(metrics.contains("\nalpha,") && metrics.contains("\nsqn,"))
    }
}
