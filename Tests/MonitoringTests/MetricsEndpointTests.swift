import Foundation
import Monitoring
import Testing
import TestSupport

@Suite struct MetricsEndpointTests {
    @Test func serves_metrics_and_health_on_loopback() async throws {
        let m = StreamMetrics(symbols: ["AAA"], build: [("version", "t")], staleAfterSeconds: 60)
        let endpoint = try await MetricsEndpoint.start("127.0.0.1:0", metrics: m)
        #expect(endpoint.port != 0)
        m.barStepped(symbol: 0, barTime: 1_700_000_000, now: Date().timeIntervalSince1970)
        let scrape = try await LoopbackHTTP.fetch(port: endpoint.port, path: "/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.headers.lowercased().contains("content-type: text/plain; version=0.0.4"))
        #expect(sample(scrape.body, #"barwise_bars_received_total{symbol="AAA"}"#) == 1)
        let health = try await LoopbackHTTP.fetch(port: endpoint.port, path: "/healthz")
        #expect(health.status == 200)
        m.inputEnded()
        let ended = try await LoopbackHTTP.fetch(port: endpoint.port, path: "/healthz")
        #expect(ended.status == 503)
        #expect(ended.body.contains("ended"))
        await endpoint.stop()
    }

    @Test func serves_nothing_but_metrics_and_health() async throws {
        let m = StreamMetrics(symbols: ["AAA"], build: [], staleAfterSeconds: 60)
        let endpoint = try await MetricsEndpoint.start("localhost:0", metrics: m)
        #expect(try await LoopbackHTTP.fetch(port: endpoint.port, path: "/").status == 404)
        #expect(try await LoopbackHTTP.fetch(port: endpoint.port, path: "/state.json").status == 404)
        #expect(try await LoopbackHTTP.fetch("POST", port: endpoint.port, path: "/metrics").status != 200)
        await endpoint.stop()
    }

    @Test func a_port_in_use_is_a_clear_error() async throws {
        let m = StreamMetrics(symbols: ["AAA"], build: [], staleAfterSeconds: 60)
        let first = try await MetricsEndpoint.start("127.0.0.1:0", metrics: m)
        do {
            let second = try await MetricsEndpoint.start("127.0.0.1:\(first.port)", metrics: m)
            await second.stop()
            Issue.record("a second listener bound port \(first.port)")
        } catch {
            guard case .cannotListen(let address, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(address == "127.0.0.1:\(first.port)")
            #expect("\(error)".contains("another process"))
        }
        await first.stop()
    }

    @Test(arguments: ["", "9464x", "host:9464", "1.2.3:80", "127.0.0.1:70000", "::1:80", "a:b:c"])
    func addresses_that_are_not_host_port_are_refused(_ text: String) {
        #expect(throws: MetricsEndpointError.badAddress(text)) { _ = try MetricsEndpoint.parse(text) }
    }

    @Test func a_bare_port_binds_loopback() throws {
        let parsed = try MetricsEndpoint.parse("9464")
        #expect(parsed.host == "127.0.0.1")
        #expect(parsed.port == 9464)
    }
}
