import Foundation
import Monitoring
import Testing
import TestSupport

@Suite struct PushgatewayTests {
    @Test func only_http_and_https_urls_with_a_host_are_accepted() throws {
        #expect(try Pushgateway(url: "http://127.0.0.1:9091/").baseURL == "http://127.0.0.1:9091")
        #expect(try Pushgateway(url: "HTTPS://push.example.org/prefix").baseURL == "HTTPS://push.example.org/prefix")
        for bad in ["ftp://host:9091", "127.0.0.1:9091", "localhost:9091", "http://", "http:///metrics", "", "http://h:1/?a=b", "file:///tmp/x"] {
            #expect(throws: PushgatewayError.notHTTP(bad), "\(bad)") { try Pushgateway(url: bad) }
        }
    }

    @Test func a_push_is_a_post_of_the_exposition_to_the_grouping_path() throws {
        let server = try ReplayServer { _ in .status(200, "") }
        defer { server.stop() }
        let gateway = try Pushgateway(url: server.baseURL + "/gw/")
        try gateway.push(exposition: Array("x 1\n".utf8), grouping: PushgatewayGrouping(job: "j", labels: [("instance", "a/b")]))
        #expect(server.requestTargets == ["/gw/metrics/job/j/instance@base64/YS9i"])
        let head = try #require(server.requestHeads.first)
        #expect(head.hasPrefix("POST /gw/metrics/job/j/instance@base64/YS9i HTTP/1.1"))
        #expect(head.lowercased().contains("content-type: text/plain; version=0.0.4"))
    }

    @Test func a_non_2xx_answer_is_rejected_with_the_gateways_body() throws {
        let server = try ReplayServer { _ in .status(400, "pushed metrics are invalid\nor inconsistent") }
        defer { server.stop() }
        let gateway = try Pushgateway(url: server.baseURL)
        let url = server.baseURL + "/metrics/job/j"
        #expect(throws: PushgatewayError.rejected(url: url, status: 400, body: "pushed metrics are invalid or inconsistent")) {
            try gateway.push(exposition: [], grouping: PushgatewayGrouping(job: "j"))
        }
    }

    @Test func a_closed_port_is_unreachable_connection_refused() throws {
        let port = try ReplayServer.closedPort()
        let gateway = try Pushgateway(url: "http://127.0.0.1:\(port)")
        #expect(throws: PushgatewayError.unreachable(url: "http://127.0.0.1:\(port)/metrics/job/j", reason: "connection refused")) {
            try gateway.push(exposition: [], grouping: PushgatewayGrouping(job: "j"))
        }
    }

    @Test func a_gateway_that_does_not_answer_in_time_is_unreachable() throws {
        let server = try ReplayServer { _ in ReplayServer.Response(status: 200, body: [], delay: 3) }
        defer { server.stop() }
        let gateway = try Pushgateway(url: server.baseURL, timeoutSeconds: 0.5)
        let started = Date()
        #expect(throws: PushgatewayError.unreachable(url: server.baseURL + "/metrics/job/j", reason: "no answer within 0.5 s")) {
            try gateway.push(exposition: [], grouping: PushgatewayGrouping(job: "j"))
        }
        #expect(Date().timeIntervalSince(started) < 2.5)
    }

    @Test(.enabled(if: PushgatewayServer.shouldRun, "prometheus-pushgateway is not installed (.ci/run installs it)"))
    func the_real_pushgateway_stores_what_was_pushed_and_post_keeps_other_metrics() throws {
        try #require(PushgatewayServer.isInstalled, "\(PushgatewayServer.binary) is missing: apt-get install prometheus-pushgateway")
        let server = try PushgatewayServer()
        defer { server.stop() }
        let gateway = try Pushgateway(url: server.url)
        let grouping = IngestPushMetrics.grouping(source: "files")
        let success = IngestPushMetrics(rowsRead: 10, rowsWritten: 9, rowsRejected: 1, findings: ["error": 0, "warning": 2],
                                        durationSeconds: 0.5, succeeded: true, endedAt: 1_700_000_000)
        try gateway.push(exposition: success.exposition(), grouping: grouping)
        var failure = success
        failure.succeeded = false
        failure.rowsWritten = 0
        failure.endedAt = 1_700_000_100
        try gateway.push(exposition: failure.exposition(), grouping: grouping)
        let text = try server.metrics()
        let labels = ["job": "barwise_ingest", "instance": "files"]
        #expect(PushgatewayServer.value(text, "barwise_ingest_rows_written", labels) == 0)
        #expect(PushgatewayServer.value(text, "barwise_ingest_last_failure_timestamp_seconds", labels) == 1_700_000_100)
        // POST replaced only the metrics it carried: the success time is still there.
        #expect(PushgatewayServer.value(text, "barwise_ingest_last_success_timestamp_seconds", labels) == 1_700_000_000)
        #expect(PushgatewayServer.value(text, "barwise_ingest_quality_findings", labels.merging(["severity": "warning"]) { a, _ in a }) == 2)
        // A value with a slash arrives as itself through the base64 form.
        let odd = PushgatewayGrouping(job: "barwise_sweep", labels: [("instance", "all"), ("sweep", "a/b c")])
        try gateway.push(exposition: SweepPushMetrics(runsDone: 3, runsTotal: 4, runsPerSecond: 1, rankMetric: "sharpe", best: 0.5,
                                                      finished: false, pushedAt: 1).exposition(), grouping: odd)
        #expect(PushgatewayServer.value(try server.metrics(), "barwise_sweep_runs_done", ["job": "barwise_sweep", "instance": "all", "sweep": "a/b c"]) == 3)
    }

    @Test(.enabled(if: PushgatewayServer.shouldRun, "prometheus-pushgateway is not installed (.ci/run installs it)"))
    func the_real_pushgateway_refusing_a_push_gives_its_reason() throws {
        try #require(PushgatewayServer.isInstalled, "\(PushgatewayServer.binary) is missing: apt-get install prometheus-pushgateway")
        let server = try PushgatewayServer()
        defer { server.stop() }
        let gateway = try Pushgateway(url: server.url)
        do {
            try gateway.push(exposition: Array("not a metric line at all {\n".utf8), grouping: PushgatewayGrouping(job: "j"))
            Issue.record("the gateway accepted a malformed body")
        } catch {
            guard case .rejected(_, let status, let body) = error else { Issue.record("\(error)"); return }
            #expect(status == 400 && !body.isEmpty, "\(status) \(body)")
        }
    }
}
