import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real Prometheus, configured from the shipped prometheus.yml and rules, scraping a live
/// `barwise stream --metrics` fed bars through a FIFO: the dashboard's stream panels show data,
/// the scrape passes `promtool check metrics`, and a feed that stops fires the stalled-feed alert.
@Suite struct PrometheusScrapeTests {
    /// Stream panel queries allowed to come back empty from this run, and why.
    static let emptyAllowed = [
        "barwise_orders_rejected_total": "its series appear with the first order the broker rejects; sma_cross has none",
    ]

    /// Runs `promtool check metrics` with `exposition` on its standard input.
    static func promtoolCheckMetrics(_ exposition: String) throws -> BarwiseProcess.Output {
        let promtool = try #require(ServiceBinary.find("promtool"))
        let scratch = try BarwiseProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("metrics.txt"), outURL = scratch.appendingPathComponent("out")
        try exposition.write(to: input, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), stdin = try FileHandle(forReadingFrom: input)
        defer {
            try? out.close()
            try? stdin.close()
        }
        let process = Process()
        process.executableURL = promtool
        process.arguments = ["check", "metrics"]
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = out
        try process.run()
        process.waitUntilExit()
        return BarwiseProcess.Output(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self), stderr: "")
    }

    @Test(.enabled(if: ServiceBinary.available("prometheus", "promtool")))
    func aRealPrometheusScrapesAStreamItsPanelsShowDataAndAStoppedFeedFiresTheStalledAlert() throws {
        let binary = try #require(ServiceBinary.find("prometheus"), "prometheus is not installed (Debian: apt-get install prometheus)")
        signal(SIGPIPE, SIG_IGN)  // a stream that died makes the FIFO write fail with EPIPE, not kill the tests
        let bars = Array(try StreamCommandTests.ndjsonLines(["GOOG"]).prefix(600))
        let scratch = try BarwiseProcess.scratchDirectory()
        let stream = try MeteredStream(strategy: "strategies/sma_cross.toml", staleAfter: 2,
                                       extraArguments: ["--state", scratch.appendingPathComponent("state").path, "--checkpoint-every", "20"])
        defer { stream.stop() }
        let server = try PrometheusServer(binary: binary, config: try DeployFiles.configForTests(streamPort: stream.metricsPort))
        defer { server.stop() }
        let instance = "127.0.0.1:\(stream.metricsPort)"

        // Prometheus applies a new config's targets a few seconds after it starts: bars are sent
        // once it scrapes the stream, so the rates span several scrapes.
        let up = try server.waitFor("up{job=\"barwise-stream\", instance=\"\(instance)\"}", seconds: 20) { $0.firstValue == 1 }
        try #require(up.firstValue == 1, "the stream was never scraped: \(up.body)\n\(server.log.suffix(1500))")

        // 600 bars in 24 bursts 0.25 s apart, with a line that is not JSON and one naming a
        // symbol the run does not trade.
        var lastWrite = Date()
        for burst in 0..<24 {
            if burst > 0 { usleep(250_000) }
            var lines = Array(bars[(burst * 25)..<((burst + 1) * 25)])
            if burst == 4 { lines.insert("not json", at: 3) }
            if burst == 8 { lines.insert("{\"symbol\":\"MSFT\",\"time\":\"2030-01-01T00:00:00Z\",\"open\":1,\"high\":2,\"low\":1,\"close\":1,\"volume\":1}", at: 7) }
            try stream.send(lines)
            lastWrite = Date()
        }

        // Prometheus has scraped the stream after its last bar: every count is there.
        let stepped = try server.waitFor("barwise_bars_received_total{symbol=\"GOOG\"}", seconds: 15) { $0.firstValue == 600 }
        #expect(stepped.firstValue == 600, "\(stepped.body)\nstream stderr: \(stream.stderr)")
        for (reason, count) in [("invalid", 1.0), ("unknown_symbol", 1.0), ("late", 0.0)] {
            #expect(try server.query("barwise_input_rejected_total{reason=\"\(reason)\"}").firstValue == count, "\(reason)")
        }
        #expect(try server.query("barwise_input_lines_total").firstValue == 602)
        #expect(try server.query("barwise_feed_stale_after_seconds").firstValue == 2)

        // Every query of the dashboard's stream panels returns data; every other query is valid.
        let dashboard = try DeployFiles.dashboardObject()
        let variables = Array(DeployFiles.variables(dashboard).keys)
        var streamQueries = 0
        for query in DeployFiles.panelQueries(dashboard) {
            let answer = try server.query(DeployFiles.resolved(query.expr, variables: variables))
            #expect(answer.status == "success", "\(query): \(answer.error ?? answer.body)")
            guard query.row == "Streams", !Self.emptyAllowed.keys.contains(where: { query.expr.contains($0) }) else { continue }
            streamQueries += 1
            #expect(!answer.result.isEmpty, "stream panel query without data: \(query)")
        }
        #expect(streamQueries >= 20)
        // The variables list what runs: this stream and its symbol.
        for (name, expected) in [("instance", instance), ("symbol", "GOOG")] {
            let variable = try #require(DeployFiles.variables(dashboard)[name])
            let query = try #require(DeployFiles.variableQuery(variable))
            let parts = try #require(DeployFiles.labelValuesParts(query))
            let values = try server.labelValues(parts.label, matching: DeployFiles.resolved(parts.selector, variables: variables))
            #expect(values == [expected], "$\(name): \(values)")
        }

        // The raw scrape passes promtool's format and naming checks.
        let scrape = try LoopbackHTTP.request(port: stream.metricsPort, path: "/metrics")
        #expect(scrape.status == 200)
        let lint = try Self.promtoolCheckMetrics(scrape.body)
        #expect(lint.status == 0, "promtool check metrics:\n\(lint.stdout)")

        // The feed stops (the FIFO stays open): the stalled-feed alert's own expression fires
        // within a few seconds of --stale-after 2, and the alert turns pending, then firing.
        let rule = try #require(try server.rules().first { $0["name"] as? String == "BarwiseFeedStalled" })
        let stalledExpr = try #require(rule["query"] as? String)
        let stalled = try server.waitFor(stalledExpr, seconds: 12) { !$0.result.isEmpty }
        let delay = Date().timeIntervalSince(lastWrite)
        #expect(!stalled.result.isEmpty, "BarwiseFeedStalled's expression stayed empty \(delay) s after the last bar: \(stalled.body)")
        #expect(delay > 2, "fired \(delay) s after the last bar, before --stale-after 2")
        let alerts = try server.waitFor("ALERTS{alertname=\"BarwiseFeedStalled\"}", seconds: 5) { !$0.result.isEmpty }
        let state = (alerts.result.first?["metric"] as? [String: String])?["alertstate"]
        #expect(state == "pending" || state == "firing", "\(alerts.body)")
        let health = try LoopbackHTTP.request(port: stream.metricsPort, path: "/healthz")
        #expect(health.status == 503, "/healthz: \(health.status) \(health.body)")
        print("stalled-feed expression fired \(String(format: "%.1f", delay)) s after the last bar (--stale-after 2)")

        // Closing the input ends the stream normally.
        #expect(stream.stop() == 0, "stream stderr: \(stream.stderr)")
    }
}
