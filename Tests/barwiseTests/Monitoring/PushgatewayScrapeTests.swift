import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Sweeps and ingests pushing to a real Pushgateway that a real Prometheus scrapes with the
/// shipped config: the grouping labels survive (`honor_labels`), every query of the dashboard's
/// Sweeps and Ingests rows returns data, and the batch alerts' expressions pick the right groups.
@Suite struct PushgatewayScrapeTests {
    static func rows(_ folder: URL) throws -> Int {
        try String(contentsOf: folder.appendingPathComponent("results.csv"), encoding: .utf8).split(separator: "\n").count - 1
    }

    @Test(.enabled(if: ServiceBinary.available("prometheus", "prometheus-pushgateway")))
    func batchPanelsAndAlertsSeeWhatSweepsAndIngestsPushedThroughTheShippedConfig() throws {
        let binary = try #require(ServiceBinary.find("prometheus"), "prometheus is not installed (Debian: apt-get install prometheus)")
        try #require(PushgatewayServer.isInstalled, "prometheus-pushgateway is not installed")
        let gateway = try PushgatewayServer()
        defer { gateway.stop() }
        let server = try PrometheusServer(binary: binary, config: try DeployFiles.configForTests(gatewayPort: gateway.port))
        defer { server.stop() }
        let up = try server.waitFor("up{job=\"pushgateway\"}", seconds: 20) { $0.firstValue == 1 }
        try #require(up.firstValue == 1, "the Pushgateway was never scraped: \(up.body)")

        let store = try SweepCommandTests.store()
        let scratch = try BarwiseProcess.scratchDirectory()
        // A sweep that runs to the end ...
        let whole = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:30:5", "--grid", "slow=20:80:20",
                                            "--store", store, "--pushgateway", gateway.url, "--out", scratch.appendingPathComponent("whole").path])
        #expect(whole.status == 0, "\(whole.stderr)")
        let wholeRows = try Self.rows(scratch.appendingPathComponent("whole"))
        // ... and a shard of a long one, killed (as a lost node) once its first push is in.
        let shard = Process()
        shard.executableURL = BarwiseProcess.executable
        shard.currentDirectoryURL = BarwiseProcess.packageRoot
        shard.arguments = ["sweep", "strategies/sma_cross.toml", "--grid", "fast=2:100:1", "--grid", "slow=20:300:2", "--jobs", "1", "--shard", "1/2",
                           "--store", store, "--pushgateway", gateway.url, "--out", scratch.appendingPathComponent("shard").path]
        shard.standardInput = FileHandle.nullDevice
        shard.standardOutput = FileHandle.nullDevice
        shard.standardError = FileHandle.nullDevice
        try shard.run()
        let shardLabels = ["job": "barwise_sweep", "instance": "1-of-2", "sweep": "sma_cross"]
        let deadline = Date().addingTimeInterval(30)
        while shard.isRunning && Date() < deadline,
              PushgatewayServer.value(try gateway.metrics(), "barwise_sweep_runs_planned", shardLabels) == nil {
            usleep(20_000)
        }
        #expect(shard.isRunning, "the shard ended before it could be killed: make its grid larger")
        kill(shard.processIdentifier, SIGKILL)
        shard.waitUntilExit()
        // An ingest that succeeds, then one that fails.
        let goog = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        let ingestStore = scratch.appendingPathComponent("ingest.sqlite").path
        let ok = try BarwiseProcess.run(["ingest", goog, "--store", ingestStore, "--pushgateway", gateway.url])
        #expect(ok.status == 0, "\(ok.stderr)")
        let bad = BarwiseProcess.fixtures.appendingPathComponent("ingest/GOOG_bad_high.csv").path
        let failed = try BarwiseProcess.run(["ingest", bad, "--store", ingestStore, "--pushgateway", gateway.url])
        #expect(failed.status == 2, "\(failed.stderr)")

        // Prometheus holds the pushed groups under the labels the jobs pushed.
        let done = try server.waitFor("barwise_sweep_runs_done{job=\"barwise_sweep\", instance=\"all\", sweep=\"sma_cross\"}", seconds: 15) {
            $0.firstValue == Double(wholeRows)
        }
        #expect(done.firstValue == Double(wholeRows), "\(done.body)")
        let failure = try server.waitFor("barwise_ingest_last_failure_timestamp_seconds{job=\"barwise_ingest\", instance=\"files\"}", seconds: 15) {
            !$0.result.isEmpty
        }
        #expect(!failure.result.isEmpty, "\(failure.body)")
        #expect(try server.query("barwise_sweep_finished{job=\"barwise_sweep\"}").values(by: "instance") == ["all": 1, "1-of-2": 0])

        // Every query of the Sweeps and Ingests rows returns data.
        let dashboard = try DeployFiles.dashboardObject()
        let variables = Array(DeployFiles.variables(dashboard).keys)
        var batchQueries = 0
        for query in DeployFiles.panelQueries(dashboard) where query.row.hasPrefix("Sweeps") || query.row.hasPrefix("Ingests") {
            let answer = try server.query(DeployFiles.resolved(query.expr, variables: variables))
            #expect(answer.status == "success" && !answer.result.isEmpty, "batch panel query without data: \(query)")
            batchQueries += 1
        }
        #expect(batchQueries >= 15)
        // Progress is done / total per shard: the finished sweep at 100 %.
        let progress = try server.query("barwise_sweep_runs_done / on (job, instance, sweep) barwise_sweep_runs_planned").values(by: "instance")
        #expect(progress["all"] == 1 && (progress["1-of-2"] ?? 1) < 1, "\(progress)")

        // The batch alerts' expressions: the failed ingest is picked, nothing else yet (the killed
        // shard has been silent for seconds, not 5 minutes; the last success is minutes old).
        let rules = try server.rules()
        func expr(_ name: String) throws -> String { try #require(rules.first { $0["name"] as? String == name }?["query"] as? String) }
        let ingestFailed = try server.query(try expr("BarwiseIngestFailed"))
        #expect(ingestFailed.values(by: "instance").keys.sorted() == ["files"], "\(ingestFailed.body)")
        for quiet in ["BarwiseIngestNotSucceededForADay", "BarwiseSweepShardStoppedPushing"] {
            let answer = try server.query(try expr(quiet))
            #expect(answer.status == "success" && answer.result.isEmpty, "\(quiet): \(answer.body)")
        }
    }
}
