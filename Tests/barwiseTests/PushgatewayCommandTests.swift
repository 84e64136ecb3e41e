import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `barwise sweep|ingest --pushgateway URL` against Debian's real Pushgateway on 127.0.0.1, and
/// against a port where nothing listens.
@Suite struct PushgatewayCommandTests {
    static let missing = "\(PushgatewayServer.binary) is missing: apt-get install prometheus-pushgateway"

    private var goog: String { BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path }

    private func results(_ folder: String) throws -> [String] {
        try String(contentsOfFile: folder + "/results.csv", encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// The best value of `metric` in results.csv (largest; NaN never ranks first).
    private func best(_ lines: [String], _ metric: String) throws -> Double {
        let column = try #require(lines[0].split(separator: ",").firstIndex(of: Substring(metric)))
        return try #require(lines.dropFirst().compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[column]) }
            .filter { !$0.isNaN }.max())
    }

    @Test(.enabled(if: PushgatewayServer.shouldRun, "prometheus-pushgateway is not installed (.ci/run installs it)"))
    func sweepPushesRunsDoneEqualToTheResultsRowsWithShardsKeptApart() throws {
        try #require(PushgatewayServer.isInstalled, "\(Self.missing)")
        let gateway = try PushgatewayServer()
        defer { gateway.stop() }
        let store = try SweepCommandTests.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let args = ["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:30:5", "--grid", "slow=20:80:20", "--store", store,
                    "--pushgateway", gateway.url]
        let before = Date().timeIntervalSince1970
        let shard = try BarwiseProcess.run(args + ["--shard", "2/3", "--out", dir + "/s2"])
        let whole = try BarwiseProcess.run(args + ["--rank", "sortino", "--out", dir + "/whole"])
        let after = Date().timeIntervalSince1970
        #expect(shard.status == 0 && whole.status == 0, "\(shard.stderr)\(whole.stderr)")
        #expect(shard.stderr.isEmpty && whole.stderr.isEmpty, "\(shard.stderr)\(whole.stderr)")
        let text = try gateway.metrics()
        for (folder, instance, metric) in [("/s2", "2-of-3", "sharpe"), ("/whole", "all", "sortino")] {
            let lines = try results(dir + folder)
            let labels = ["job": "barwise_sweep", "instance": instance, "sweep": "sma_cross"]
            func value(_ name: String, _ extra: [String: String] = [:]) -> Double? {
                PushgatewayServer.value(text, name, labels.merging(extra) { a, _ in a })
            }
            #expect(lines.count > 2)
            #expect(value("barwise_sweep_runs_done") == Double(lines.count - 1), "\(instance)")
            #expect(value("barwise_sweep_runs_planned") == Double(lines.count - 1), "\(instance)")
            #expect(value("barwise_sweep_finished") == 1, "\(instance)")
            #expect(value("barwise_sweep_best_metric", ["metric": metric]) == (try best(lines, metric)), "\(instance)")
            #expect((value("barwise_sweep_runs_per_second") ?? 0) > 0, "\(instance)")
            let pushed = try #require(value("barwise_sweep_last_push_timestamp_seconds"))
            #expect(pushed >= before - 1 && pushed <= after + 1, "\(instance)")
        }
        // 24 runs in all: the shard did every third combination.
        #expect(try results(dir + "/whole").count - 1 == 24 && results(dir + "/s2").count - 1 == 8)
        // What was pushed follows Prometheus' naming rules (no gauge named _total, units in names).
        if ServiceBinary.find("promtool") != nil || ServiceBinary.required {
            let ours = text.split(separator: "\n").filter { $0.hasPrefix("barwise_") || $0.hasPrefix("# HELP barwise_") || $0.hasPrefix("# TYPE barwise_") }.joined(separator: "\n") + "\n"
            let lint = try PrometheusScrapeTests.promtoolCheckMetrics(ours)
            #expect(lint.status == 0 && lint.stdout.isEmpty && lint.stderr.isEmpty, "promtool check metrics: \(lint.stdout)\(lint.stderr)")
        }
    }

    @Test(.enabled(if: PushgatewayServer.shouldRun, "prometheus-pushgateway is not installed (.ci/run installs it)"))
    func sweepPushesAtTheStartAndWhileItRunsNotOnlyAtTheEnd() throws {
        try #require(PushgatewayServer.isInstalled, "\(Self.missing)")
        let gateway = try PushgatewayServer()
        defer { gateway.stop() }
        let store = try SweepCommandTests.store()
        let dir = try BarwiseProcess.scratchDirectory()
        let sweep = Process()
        sweep.executableURL = BarwiseProcess.executable
        sweep.arguments = ["sweep", "strategies/sma_cross.toml", "--grid", "fast=2:41:1", "--grid", "slow=20:200:20", "--jobs", "2",
                           "--store", store, "--out", dir.appendingPathComponent("sweep").path, "--pushgateway", gateway.url]
        sweep.currentDirectoryURL = BarwiseProcess.packageRoot
        sweep.standardInput = FileHandle.nullDevice
        sweep.standardOutput = FileHandle.nullDevice
        sweep.standardError = FileHandle.nullDevice
        let started = Date()
        try sweep.run()
        let labels = ["job": "barwise_sweep", "instance": "all", "sweep": "sma_cross"]
        var seen: [(done: Double, finished: Double, pushed: Double)] = []
        while sweep.isRunning {
            if let text = try? gateway.metrics(), let done = PushgatewayServer.value(text, "barwise_sweep_runs_done", labels),
               let finished = PushgatewayServer.value(text, "barwise_sweep_finished", labels),
               let pushed = PushgatewayServer.value(text, "barwise_sweep_last_push_timestamp_seconds", labels),
               seen.last?.pushed != pushed {
                seen.append((done, finished, pushed))
            }
            usleep(50_000)
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(sweep.terminationStatus == 0)
        let rows = try results(dir.appendingPathComponent("sweep").path).count - 1
        let last = try #require(PushgatewayServer.value(try gateway.metrics(), "barwise_sweep_runs_done", labels))
        #expect(last == Double(rows))
        // The start push is there before the sweep ends, unfinished and short of the total.
        let first = try #require(seen.first, "no push seen while the sweep ran for \(elapsed) s")
        #expect(first.finished == 0 && first.done < Double(rows))
        #expect(seen.allSatisfy { $0.finished == 0 } || seen.last?.finished == 1)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.done <= $1.done })
        // Pushes every 5 s: a sweep running well past 5 s pushed again before its end.
        if elapsed > 7 { #expect(seen.filter { $0.finished == 0 }.count >= 2, "pushes seen in \(elapsed) s: \(seen)") }
    }

    @Test(.enabled(if: PushgatewayServer.shouldRun, "prometheus-pushgateway is not installed (.ci/run installs it)"))
    func ingestPushesRowsWrittenAndAFailureKeepsTheLastSuccessTime() throws {
        try #require(PushgatewayServer.isInstalled, "\(Self.missing)")
        let gateway = try PushgatewayServer()
        defer { gateway.stop() }
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let before = Date().timeIntervalSince1970
        let ok = try BarwiseProcess.run(["ingest", goog, "--store", store, "--pushgateway", gateway.url])
        let after = Date().timeIntervalSince1970
        #expect(ok.status == 0 && ok.stderr.isEmpty, "\(ok.stderr)")
        let list = try BarwiseProcess.run(["data", "list", "--store", store, "--json"])
        let stored = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.first?["bars"] as? Int)
        let labels = ["job": "barwise_ingest", "instance": "files"]
        var text = try gateway.metrics()
        #expect(PushgatewayServer.value(text, "barwise_ingest_rows_written", labels) == Double(stored))
        #expect(PushgatewayServer.value(text, "barwise_ingest_rows_read", labels) == 2148)
        #expect(PushgatewayServer.value(text, "barwise_ingest_rows_rejected", labels) == 0)
        // The GOOG file has two calendar gaps (warnings) and no errors.
        #expect(PushgatewayServer.value(text, "barwise_ingest_quality_findings", labels.merging(["severity": "warning"]) { a, _ in a }) == 2)
        #expect(PushgatewayServer.value(text, "barwise_ingest_quality_findings", labels.merging(["severity": "error"]) { a, _ in a }) == 0)
        #expect((PushgatewayServer.value(text, "barwise_ingest_duration_seconds", labels) ?? -1) >= 0)
        let success = try #require(PushgatewayServer.value(text, "barwise_ingest_last_success_timestamp_seconds", labels))
        #expect(success >= before - 1 && success <= after + 1)
        #expect(PushgatewayServer.value(text, "barwise_ingest_last_failure_timestamp_seconds", labels) == nil)

        let bad = BarwiseProcess.fixtures.appendingPathComponent("ingest/GOOG_bad_high.csv").path
        let failed = try BarwiseProcess.run(["ingest", bad, "--store", store, "--pushgateway", gateway.url])
        #expect(failed.status == 2 && !failed.stderr.contains("warning"), "\(failed.stderr)")
        text = try gateway.metrics()
        #expect(PushgatewayServer.value(text, "barwise_ingest_last_success_timestamp_seconds", labels) == success)
        #expect((PushgatewayServer.value(text, "barwise_ingest_last_failure_timestamp_seconds", labels) ?? 0) >= success)
        #expect(PushgatewayServer.value(text, "barwise_ingest_rows_written", labels) == 0)
    }

    @Test(.enabled(if: PushgatewayServer.shouldRun, "prometheus-pushgateway is not installed (.ci/run installs it)"))
    func stoppedSweepPushesItsKeptRowsUnfinishedAndTheResumeFinishesThem() throws {
        try #require(PushgatewayServer.isInstalled, "\(Self.missing)")
        let gateway = try PushgatewayServer()
        defer { gateway.stop() }
        let store = try SweepCommandTests.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let args = ["sweep", "strategies/sma_cross.toml", "--grid", "fast=2:30:1", "--grid", "slow=10:100:5", "--where", "fast < slow",
                    "--jobs", "1", "--store", store, "--pushgateway", gateway.url]
        let labels = ["job": "barwise_sweep", "instance": "all", "sweep": "sma_cross"]
        let stopped = try BarwiseProcess.run(args + ["--out", dir + "/s"], environment: ["BARWISE_TEST_SIGNAL_AFTER_RUNS": "20:TERM"])
        #expect(stopped.status == 143, "\(stopped.stderr)")
        var text = try gateway.metrics()
        #expect(try results(dir + "/s").count - 1 == 20)
        #expect(PushgatewayServer.value(text, "barwise_sweep_runs_done", labels) == 20)
        #expect(PushgatewayServer.value(text, "barwise_sweep_runs_planned", labels) == 496)
        #expect(PushgatewayServer.value(text, "barwise_sweep_finished", labels) == 0)
        let resumed = try BarwiseProcess.run(args + ["--resume", dir + "/s"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        text = try gateway.metrics()
        #expect(try results(dir + "/s").count - 1 == 496)
        #expect(PushgatewayServer.value(text, "barwise_sweep_runs_done", labels) == 496)
        #expect(PushgatewayServer.value(text, "barwise_sweep_finished", labels) == 1)
        #expect(PushgatewayServer.value(text, "barwise_sweep_best_metric", labels.merging(["metric": "sharpe"]) { a, _ in a })
                == (try best(try results(dir + "/s"), "sharpe")))
    }

    @Test(.enabled(if: PushgatewayServer.shouldRun, "prometheus-pushgateway is not installed (.ci/run installs it)"))
    func providerIngestsPushUnderTheProvidersName() throws {
        try #require(PushgatewayServer.isInstalled, "\(Self.missing)")
        let gateway = try PushgatewayServer()
        defer { gateway.stop() }
        let payloads = BarwiseProcess.fixtures.appendingPathComponent("providers")
        let klines = [UInt8](try Data(contentsOf: payloads.appendingPathComponent("binance_klines_BTCUSDT.json")))
        let note = [UInt8](try Data(contentsOf: payloads.appendingPathComponent("alphavantage_note.json")))
        let server = try ReplayServer { target in target.hasPrefix("/api/v3/klines?") ? .ok(klines) : .ok(note) }
        defer { server.stop() }
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let env = ["BARWISE_BINANCE_URL": server.baseURL, "BARWISE_ALPHAVANTAGE_URL": server.baseURL, "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"]
        let binance = try BarwiseProcess.run(["ingest", "--provider", "binance", "--symbol", "BTCUSDT", "--from", "2024-01-01", "--store", store,
                                              "--pushgateway", gateway.url], environment: env)
        #expect(binance.status == 0 && binance.stderr.isEmpty, "\(binance.stderr)")
        // Alpha Vantage's rate-limit note is a failed ingest (exit 2), pushed as a failure.
        let limited = try BarwiseProcess.run(["ingest", "--provider", "alphavantage", "--symbol", "IBM", "--store", store,
                                              "--pushgateway", gateway.url], environment: env)
        #expect(limited.status == 2 && limited.stderr.split(separator: "\n").count == 1, "\(limited.stderr)")
        let text = try gateway.metrics()
        let ok = ["job": "barwise_ingest", "instance": "binance"], failed = ["job": "barwise_ingest", "instance": "alphavantage"]
        #expect(PushgatewayServer.value(text, "barwise_ingest_rows_written", ok) == 8)
        #expect(PushgatewayServer.value(text, "barwise_ingest_last_success_timestamp_seconds", ok) != nil)
        #expect(PushgatewayServer.value(text, "barwise_ingest_last_failure_timestamp_seconds", ok) == nil)
        #expect(PushgatewayServer.value(text, "barwise_ingest_last_failure_timestamp_seconds", failed) != nil)
        #expect(PushgatewayServer.value(text, "barwise_ingest_last_success_timestamp_seconds", failed) == nil)
        #expect(PushgatewayServer.value(text, "barwise_ingest_rows_written", failed) == 0)
    }

    @Test func unreachablePushgatewayWarnsOnceAndKeepsTheResults() throws {
        let url = "http://127.0.0.1:\(try ReplayServer.closedPort())"
        let store = try SweepCommandTests.store()
        let dir = try BarwiseProcess.scratchDirectory().path
        let args = ["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:30:5", "--grid", "slow=20:80:20", "--store", store]
        let plain = try BarwiseProcess.run(args + ["--out", dir + "/plain"])
        let pushed = try BarwiseProcess.run(args + ["--out", dir + "/pushed", "--pushgateway", url])
        #expect(plain.status == 0 && pushed.status == 0)
        let warnings = pushed.stderr.split(separator: "\n")
        #expect(warnings.count == 1, "\(pushed.stderr)")
        #expect(warnings.first?.hasPrefix("barwise: warning: cannot reach the Pushgateway at \(url)/metrics/job/barwise_sweep/") == true, "\(pushed.stderr)")
        #expect(warnings.first?.contains("connection refused") == true)
        #expect(try results(dir + "/pushed") == results(dir + "/plain"))
        #expect(pushed.stdout.components(separatedBy: "\n").dropLast(2) == plain.stdout.components(separatedBy: "\n").dropLast(2))

        let fresh = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let ingest = try BarwiseProcess.run(["ingest", goog, "--store", fresh, "--pushgateway", url])
        #expect(ingest.status == 0)
        #expect(ingest.stdout.contains("2148 rows read, 2148 written, 0 rejected"))
        let lines = ingest.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("barwise: warning: cannot reach the Pushgateway at \(url)/metrics/job/barwise_ingest/instance/files"),
                "\(ingest.stderr)")
        let list = try BarwiseProcess.run(["data", "list", "--store", fresh, "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.first?["bars"] as? Int == 2148)
    }

    @Test func aPushgatewayThatIsNotHTTPIsAUsageErrorBeforeAnyWork() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let out = dir.appendingPathComponent("sweep").path, store = dir.appendingPathComponent("s.sqlite").path
        let sweep = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5,10", "--out", out, "--store", store,
                                            "--pushgateway", "localhost:9091"])
        #expect(sweep.status == 2 && sweep.errorLine.contains("--pushgateway 'localhost:9091' is not an http:// or https:// URL"), "\(sweep.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let ingest = try BarwiseProcess.run(["ingest", goog, "--store", store, "--pushgateway", "ftp://gateway:9091"])
        #expect(ingest.status == 2 && ingest.errorLine.contains("--pushgateway 'ftp://gateway:9091'"), "\(ingest.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }
}
