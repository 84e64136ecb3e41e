import Foundation
import TestSupport
import Testing

@testable import MarketData

/// API keys stay with the server they are meant for and out of every message.
@Suite struct ProviderSecurityTests {
    static let key = "CGSECRET-4711"

    /// Issue 12: `x-cg-demo-api-key` reached a second server after a 302.
    @Test func apiKeyHeaderNeverFollowsARedirectToAnotherOrigin() throws {
        let other = try ReplayServer { _ in .ok(Array("[]".utf8)) }
        defer { other.stop() }
        let first = try ReplayServer { target in .redirect(to: other.baseURL + target) }
        defer { first.stop() }
        let client = ProviderClient(environment: ["BARWISE_COINGECKO_URL": first.baseURL + "/api/v3", "COINGECKO_API_KEY": Self.key])
        let error = #expect(throws: ProviderError.self) {
            try client.downloadSync(ProviderRequest(provider: .coingecko, symbol: "bitcoin"))
        }
        guard case let .redirectRefused(provider, _, target)? = error else {
            Issue.record("expected redirectRefused, got \(String(describing: error))")
            return
        }
        #expect(provider == .coingecko && target.hasPrefix(other.baseURL))
        #expect(other.requestTargets.isEmpty)
        #expect(first.requestHeads.first?.lowercased().contains("x-cg-demo-api-key: \(Self.key.lowercased())") == true)
        #expect(error?.description.contains(Self.key) == false)
    }

    @Test func alphaVantageKeyInTheQueryNeverFollowsARedirectToAnotherOrigin() throws {
        let other = try ReplayServer { _ in .ok(Array("{}".utf8)) }
        defer { other.stop() }
        let first = try ReplayServer { target in .redirect(to: other.baseURL + target) }
        defer { first.stop() }
        let client = ProviderClient(environment: ["BARWISE_ALPHAVANTAGE_URL": first.baseURL, "ALPHAVANTAGE_API_KEY": Self.key])
        #expect(throws: ProviderError.self) { try client.downloadSync(ProviderRequest(provider: .alphavantage, symbol: "IBM")) }
        #expect(other.requestTargets.isEmpty)
    }

    @Test func sameOriginRedirectIsFollowedWithTheKey() throws {
        let body = try ProviderFixtures.bytes("coingecko_ohlc_bitcoin.json")
        let server = try ReplayServer { target in
            target.hasPrefix("/moved") ? .ok(body) : .redirect(to: "/moved" + target)
        }
        defer { server.stop() }
        let client = ProviderClient(environment: ["BARWISE_COINGECKO_URL": server.baseURL + "/api/v3", "COINGECKO_API_KEY": Self.key])
        let download = try client.downloadSync(ProviderRequest(provider: .coingecko, symbol: "bitcoin"))
        #expect(download.parsed.series[0].count == 6)
        #expect(server.requestTargets.count == 2)
    }

    @Test func requestWithoutCredentialsFollowsARedirectToAnotherOrigin() throws {
        let body = try ProviderFixtures.bytes("binance_klines_BTCUSDT_page2.json")
        let other = try ReplayServer { _ in .ok(body) }
        defer { other.stop() }
        let first = try ReplayServer { target in .redirect(to: other.baseURL + target) }
        defer { first.stop() }
        let client = ProviderClient(environment: ["BARWISE_BINANCE_URL": first.baseURL])
        let download = try client.downloadSync(ProviderRequest(provider: .binance, symbol: "BTCUSDT"))
        #expect(other.requestTargets.count == 1 && !download.parsed.series[0].isEmpty)
    }

    /// Issue 12: a body that repeats the request put `apikey=...` into the one-line error.
    @Test func configuredSecretsAreRedactedFromErrorsEvenWhenTheBodyEchoesThem() throws {
        let server = try ReplayServer { target in
            .status(500, "internal error while serving \(target) for key \(Self.key)")
        }
        defer { server.stop() }
        let client = ProviderClient(environment: ["BARWISE_ALPHAVANTAGE_URL": server.baseURL, "ALPHAVANTAGE_API_KEY": Self.key])
        let error = #expect(throws: ProviderError.self) {
            try client.downloadSync(ProviderRequest(provider: .alphavantage, symbol: "IBM"))
        }
        let message = error?.description ?? ""
        #expect(message.contains("HTTP 500") && message.contains("apikey=REDACTED") && message.contains("for key REDACTED"))
        #expect(!message.contains(Self.key))
    }

    @Test func keysInBadRowsOfADownloadAreRedactedBeforeTheyReachTheStore() throws {
        let body = #"{"prices":[[1704153600000,"apikey=\#(Self.key)"],[1704240000000,2.5],[1704326400000,2.6],[1704412800000,2.7]]}"#
        let server = try ReplayServer { _ in .ok(Array(body.utf8)) }
        defer { server.stop() }
        let client = ProviderClient(environment: ["BARWISE_COINGECKO_URL": server.baseURL + "/api/v3", "COINGECKO_API_KEY": Self.key])
        let download = try client.downloadSync(ProviderRequest(provider: .coingecko, symbol: "bitcoin", from: 1_704_067_200, skipBadRows: true))
        #expect(download.parsed.rejected.count == 1)
        #expect(!download.parsed.rejected[0].value.contains(Self.key))
    }

    @Test func redactorRemovesEveryConfiguredSecretAndKeyLikeQueryValues() {
        let r = SecretRedactor(environment: ["ALPHAVANTAGE_API_KEY": "AV-123456", "COINGECKO_API_KEY": "demo", "HOME": "/root", "GH_TOKEN": "ghp_abc"])
        #expect(r.redact("x AV-123456 y ghp_abc z /root") == "x REDACTED y REDACTED z /root")
        #expect(r.redact("GET /q?symbol=IBM&apikey=whatever&x=1") == "GET /q?symbol=IBM&apikey=REDACTED&x=1")
        #expect(r.redact("a demo key") == "a demo key")
    }

    /// Issue 12: CoinGecko errors must not be called Alpha Vantage errors.
    @Test func errorBodyIsNamedAfterTheProviderThatSentIt() {
        let body = Array(#"{"Information":"rate limited, try later"}"#.utf8)
        #expect(throws: IngestError.notMarketData(file: "cg", received: #"CoinGecko error: "rate limited, try later""#)) {
            try ProviderPayloadParser.parse(body, format: .coingecko, options: ParseOptions(fileName: "cg", symbol: "bitcoin"))
        }
        #expect(ProviderError.http(provider: .binance, url: "u", status: 404, body: "").description.contains("CoinGecko") == false)
    }

    @Test func symbolsOutsideTheCharacterSetAreRefusedBeforeAnyRequest() throws {
        let server = try ReplayServer { _ in .ok(Array("[]".utf8)) }
        defer { server.stop() }
        let client = ProviderClient(environment: ["BARWISE_BINANCE_URL": server.baseURL])
        #expect(throws: ProviderError.self) { try client.downloadSync(ProviderRequest(provider: .binance, symbol: "../x")) }
        #expect(server.requestTargets.isEmpty)
    }
}
