import Foundation
import TestSupport
import Testing

/// `barwise ingest --provider` against a local server replaying recorded payloads over real HTTP.
@Suite struct IngestProviderCommandTests {
    private func payload(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: BarwiseProcess.fixtures.appendingPathComponent("providers/\(name)")))
    }

    @Test func binanceKlinesLandInTheStoreWithTheirSource() throws {
        let body = try payload("binance_klines_BTCUSDT.json")
        let server = try ReplayServer { target in target.hasPrefix("/api/v3/klines?") ? .ok(body) : .status(404, "no route") }
        defer { server.stop() }
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let r = try BarwiseProcess.run(
            ["ingest", "--provider", "binance", "--symbol", "BTCUSDT", "--from", "2024-01-01", "--store", store, "--json"],
            environment: ["BARWISE_BINANCE_URL": server.baseURL, "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["rows_written"] as? Int == 8)
        #expect(server.requestTargets.first?.contains("symbol=BTCUSDT") == true)
        #expect(server.requestTargets.first?.contains("startTime=1704067200000") == true)
        let list = try BarwiseProcess.run(["data", "list", "--store", store])
        #expect(list.stdout.contains("BTCUSDT  1d") && list.stdout.contains("binance:BTCUSDT"))
    }

    @Test func alphaVantageRateLimitNoteIsAnErrorWithExitTwo() throws {
        let body = try payload("alphavantage_note.json")
        let server = try ReplayServer { _ in .ok(body) }
        defer { server.stop() }
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let r = try BarwiseProcess.run(
            ["ingest", "--provider", "alphavantage", "--symbol", "IBM", "--store", store],
            environment: ["BARWISE_ALPHAVANTAGE_URL": server.baseURL, "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("barwise: error: ") && r.stderr.contains("Thank you for using Alpha Vantage"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func providerWithoutSymbolIsAUsageError() throws {
        let r = try BarwiseProcess.run(["ingest", "--provider", "binance"])
        #expect(r.status == 2 && r.stderr.contains("--provider needs --symbol"))
    }
}
