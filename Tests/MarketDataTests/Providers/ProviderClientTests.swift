import Foundation
import TestSupport
import Testing

@testable import MarketData

/// The real `URLSession` client against an in-process HTTP server replaying fixture bodies.
@Suite struct ProviderClientTests {
    static let secretKey = "SECRETKEY123"

    func environment(_ server: ReplayServer) -> [String: String] {
        [
            "BARWISE_ALPHAVANTAGE_URL": server.baseURL,
            "BARWISE_COINGECKO_URL": server.baseURL + "/api/v3",
            "BARWISE_BINANCE_URL": server.baseURL,
            "ALPHAVANTAGE_API_KEY": Self.secretKey,
        ]
    }

    @Test func alphaVantageDownloadSendsTheQueryAndFiltersTheRangeClientSide() throws {
        let body = try ProviderFixtures.bytes("alphavantage_daily_IBM.json")
        let server = try ReplayServer { target in target.hasPrefix("/query?") ? .ok(body) : .status(404, "no route") }
        defer { server.stop() }
        let client = ProviderClient(environment: environment(server))
        let request = ProviderRequest(provider: .alphavantage, symbol: "IBM", from: 1_704_240_000, to: 1_704_758_400)
        let download = try client.downloadSync(request)
        #expect(server.requestTargets == [
            "/query?function=TIME_SERIES_DAILY&symbol=IBM&outputsize=full&datatype=json&apikey=\(Self.secretKey)"
        ])
        #expect(download.urls == [
            "\(server.baseURL)/query?function=TIME_SERIES_DAILY&symbol=IBM&outputsize=full&datatype=json&apikey=REDACTED"
        ])
        #expect(download.sourceName == "alphavantage:IBM")
        #expect(download.bodies == [body])
        #expect(download.parsed.rowsRead == 7)
        let s = download.parsed.series[0].sortedByTime()
        #expect(s.symbol == "IBM")
        #expect(s.timestamps == [1_704_240_000, 1_704_326_400, 1_704_412_800, 1_704_672_000, 1_704_758_400])
        #expect(s[0].close == 158.22)
        #expect(s[4].close == 160.45)
    }

    @Test func alphaVantageNoteBodyIsAPayloadErrorWithTheKeyRedacted() async throws {
        let body = try ProviderFixtures.bytes("alphavantage_note.json")
        let server = try ReplayServer { _ in .ok(body) }
        defer { server.stop() }
        let client = ProviderClient(environment: environment(server))
        let url = "\(server.baseURL)/query?function=TIME_SERIES_DAILY&symbol=IBM&outputsize=full&datatype=json&apikey=REDACTED"
        let received = try #require(ProviderPayloadParser.describeNonData(body))
        let error = await #expect(throws: ProviderError.self) {
            try await client.download(ProviderRequest(provider: .alphavantage, symbol: "IBM"))
        }
        #expect(error == .payload(
            provider: .alphavantage, url: url, error: .notMarketData(file: "alphavantage:IBM", received: received)))
        #expect(error?.description.contains(Self.secretKey) == false)
        #expect(error?.description.contains("5 calls per minute") == true)
    }

    @Test func alphaVantageIntradayIntervalSelectsTheIntradayFunction() throws {
        let body = try ProviderFixtures.bytes("alphavantage_intraday_5min_IBM.json")
        let server = try ReplayServer { _ in .ok(body) }
        defer { server.stop() }
        let download = try ProviderClient(environment: environment(server))
            .downloadSync(ProviderRequest(provider: .alphavantage, symbol: "IBM", interval: Interval("5m")))
        #expect(server.requestTargets == [
            "/query?function=TIME_SERIES_INTRADAY&symbol=IBM&interval=5min&outputsize=full&datatype=json&apikey=\(Self.secretKey)"
        ])
        #expect(download.parsed.series[0].interval == Interval(count: 5, unit: .minute))
        #expect(download.parsed.series[0].count == 5)
    }

    @Test func coinGeckoRangeUsesMarketChartRange() throws {
        let body = try ProviderFixtures.bytes("coingecko_market_chart_bitcoin.json")
        let server = try ReplayServer { target in target.hasPrefix("/api/v3/coins/bitcoin/market_chart/range?") ? .ok(body) : .status(404, #"{"error":"coin not found"}"#) }
        defer { server.stop() }
        let download = try ProviderClient(environment: environment(server))
            .downloadSync(ProviderRequest(provider: .coingecko, symbol: "Bitcoin", from: 1_704_153_600, to: 1_704_585_600))
        #expect(server.requestTargets == ["/api/v3/coins/bitcoin/market_chart/range?vs_currency=usd&from=1704153600&to=1704585600"])
        let s = download.parsed.series[0]
        #expect(s.symbol == "Bitcoin")
        #expect(s.count == 5)  // the trailing live price is not a bar
        #expect(s[0] == Bar.closeOnly(timestamp: 1_704_153_600, close: 44187.13815895376, volume: 14962981547.82918))
    }

    @Test func coinGeckoWithoutRangeUsesOHLCMax() throws {
        let body = try ProviderFixtures.bytes("coingecko_ohlc_bitcoin.json")
        let server = try ReplayServer { _ in .ok(body) }
        defer { server.stop() }
        let download = try ProviderClient(environment: environment(server))
            .downloadSync(ProviderRequest(provider: .coingecko, symbol: "bitcoin"))
        #expect(server.requestTargets == ["/api/v3/coins/bitcoin/ohlc?vs_currency=usd&days=max"])
        #expect(download.parsed.series[0].count == 6)
    }

    @Test func coinGecko404IsAnHTTPErrorWithTheBody() throws {
        let server = try ReplayServer { _ in .status(404, #"{"error":"coin not found"}"#) }
        defer { server.stop() }
        #expect(throws: ProviderError.http(
            provider: .coingecko, url: "\(server.baseURL)/api/v3/coins/notacoin/ohlc?vs_currency=usd&days=max",
            status: 404, body: #"{"error":"coin not found"}"#)) {
            try ProviderClient(environment: environment(server))
                .downloadSync(ProviderRequest(provider: .coingecko, symbol: "notacoin"))
        }
    }

    @Test func binancePaginatesByStartTimeUntilAShortPage() throws {
        let page1 = try ProviderFixtures.bytes("binance_klines_BTCUSDT_page1.json")
        let page2 = try ProviderFixtures.bytes("binance_klines_BTCUSDT_page2.json")
        let server = try ReplayServer { target in
            if target.contains("startTime=0&") { return .ok(page1) }
            if target.contains("startTime=1704412800001&") { return .ok(page2) }
            return .status(400, #"{"code":-1100,"msg":"unexpected page"}"#)
        }
        defer { server.stop() }
        let client = ProviderClient(environment: environment(server), binancePageLimit: 5)
        let download = try client.downloadSync(ProviderRequest(provider: .binance, symbol: "btcusdt"))
        #expect(server.requestTargets == [
            "/api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=0&limit=5",
            "/api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=1704412800001&limit=5",
        ])
        #expect(download.urls.count == 2)
        #expect(download.bodies == [page1, page2])
        let s = download.parsed.series[0]
        #expect(download.parsed.rowsRead == 8)
        #expect(s.symbol == "btcusdt")
        #expect(s.interval == .daily)
        #expect(s.count == 8)
        #expect(s[0] == Bar(timestamp: 1_704_067_200, open: 42283.58, high: 44184.10, low: 42180.77, close: 44179.55, volume: 27174.29903))
        #expect(s[7] == Bar(timestamp: 1_704_672_000, open: 43929.01, high: 47248.99, low: 43175.00, close: 46951.04, volume: 72814.57589))
    }

    @Test func binanceRangeSendsStartAndEndTimeInMilliseconds() async throws {
        let body = try ProviderFixtures.bytes("binance_klines_BTCUSDT_page2.json")
        let server = try ReplayServer { _ in .ok(body) }
        defer { server.stop() }
        let client = ProviderClient(environment: environment(server))
        let download = try await client.download(
            ProviderRequest(provider: .binance, symbol: "BTCUSDT", from: 1_704_499_200, to: 1_704_585_600, interval: .daily))
        #expect(server.requestTargets == [
            "/api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=1704499200000&endTime=1704585600000&limit=1000"
        ])
        #expect(download.parsed.series[0].timestamps == [1_704_499_200, 1_704_585_600])
    }

    @Test func binanceInvalidSymbolBodyIsAPayloadError() throws {
        let body = try ProviderFixtures.bytes("binance_error.json")
        let server = try ReplayServer { _ in .ok(body) }
        defer { server.stop() }
        let url = "\(server.baseURL)/api/v3/klines?symbol=NOPE&interval=1d&startTime=0&limit=1000"
        #expect(throws: ProviderError.payload(
            provider: .binance, url: url,
            error: .notMarketData(file: "binance:NOPE", received: #"Binance error -1121: "Invalid symbol.""#))) {
            try ProviderClient(environment: environment(server)).downloadSync(ProviderRequest(provider: .binance, symbol: "NOPE"))
        }
    }

    @Test func http500IsAnHTTPError() throws {
        let server = try ReplayServer { _ in .status(500, "upstream exploded") }
        defer { server.stop() }
        let error = #expect(throws: ProviderError.self) {
            try ProviderClient(environment: environment(server)).downloadSync(ProviderRequest(provider: .binance, symbol: "BTCUSDT"))
        }
        #expect(error == .http(
            provider: .binance, url: "\(server.baseURL)/api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=0&limit=1000",
            status: 500, body: "upstream exploded"))
        #expect(error?.description.contains("internal error; try again later") == true)
    }

    @Test func http429IsAnHTTPErrorWithTheBodyCutTo200CharactersAndTheKeyRedacted() throws {
        let long = String(repeating: "slow down. ", count: 40)
        let server = try ReplayServer { _ in .status(429, long) }
        defer { server.stop() }
        let error = #expect(throws: ProviderError.self) {
            try ProviderClient(environment: environment(server)).downloadSync(ProviderRequest(provider: .alphavantage, symbol: "IBM"))
        }
        guard case let .http(provider, url, status, body) = error else {
            Issue.record("expected an HTTP error, got \(String(describing: error))")
            return
        }
        #expect(provider == .alphavantage)
        #expect(status == 429)
        #expect(body == String(long.prefix(200)))
        #expect(url.hasSuffix("apikey=REDACTED"))
        #expect(error?.description.contains("Rate limited") == true)
        #expect(error?.description.contains(Self.secretKey) == false)
    }

    @Test func connectionRefusedIsAConnectionError() throws {
        let port = try ReplayServer.closedPort()
        let client = ProviderClient(environment: ["BARWISE_BINANCE_URL": "http://127.0.0.1:\(port)"], timeout: 5)
        let error = #expect(throws: ProviderError.self) {
            try client.downloadSync(ProviderRequest(provider: .binance, symbol: "BTCUSDT"))
        }
        guard case let .connectionFailed(provider, url, _) = error else {
            Issue.record("expected a connection error, got \(String(describing: error))")
            return
        }
        #expect(provider == .binance)
        #expect(url == "http://127.0.0.1:\(port)/api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=0&limit=1000")
    }

    @Test func aSilentServerIsATimeout() throws {
        let server = try ReplayServer { _ in ReplayServer.Response(status: 200, body: Array("[]".utf8), delay: 4) }
        defer { server.stop() }
        let client = ProviderClient(environment: environment(server), timeout: 1)
        #expect(throws: ProviderError.timedOut(
            provider: .coingecko, url: "\(server.baseURL)/api/v3/coins/bitcoin/ohlc?vs_currency=usd&days=max", seconds: 1)) {
            try client.downloadSync(ProviderRequest(provider: .coingecko, symbol: "bitcoin"))
        }
    }

    @Test func aMalformedBaseURLOverrideIsAnInvalidRequest() {
        #expect(throws: ProviderError.invalidRequest(
            provider: .binance, detail: "BARWISE_BINANCE_URL='localhost:9' is not an http(s) URL")) {
            try ProviderClient(environment: ["BARWISE_BINANCE_URL": "localhost:9"])
                .downloadSync(ProviderRequest(provider: .binance, symbol: "BTCUSDT"))
        }
    }

    @Test func anUnsupportedBinanceIntervalIsAnInvalidRequest() {
        #expect(throws: ProviderError.self) {
            try ProviderClient(environment: [:])
                .downloadSync(ProviderRequest(provider: .binance, symbol: "BTCUSDT", interval: Interval("7m")))
        }
    }
}
