import MarketData
import Testing

/// `BarStamp`: a bar stamped at its close moved back to the start of its interval.
@Suite struct BarStampTests {
    func t(_ text: String) -> Int64 { CivilTime.parseTimestamp(text)! }

    @Test func intradayAndDailyBarsMoveBackTheirLength() {
        #expect(BarStamp.start(ofBarEndingAt: t("2024-01-02T10:00:00Z"), interval: Interval("1h")!) == t("2024-01-02T09:00:00Z"))
        #expect(BarStamp.start(ofBarEndingAt: t("2024-01-02T00:00:00Z"), interval: Interval("30m")!) == t("2024-01-01T23:30:00Z"))
        #expect(BarStamp.start(ofBarEndingAt: t("2024-01-01T00:00:00Z"), interval: Interval("4d")!) == t("2023-12-28T00:00:00Z"))
        #expect(BarStamp.start(ofBarEndingAt: t("2024-01-08T00:00:00Z"), interval: .weekly) == t("2024-01-01T00:00:00Z"))
    }

    @Test func monthlyBarsMoveBackACalendarMonthWhateverItsLength() {
        #expect(BarStamp.start(ofBarEndingAt: t("2024-03-01T00:00:00Z"), interval: .monthly) == t("2024-02-01T00:00:00Z"))
        #expect(BarStamp.start(ofBarEndingAt: t("2024-01-01T00:00:00Z"), interval: .monthly) == t("2023-12-01T00:00:00Z"), "across a year")
        #expect(BarStamp.start(ofBarEndingAt: t("2024-03-31T00:00:00Z"), interval: .monthly) == t("2024-02-29T00:00:00Z"), "a day the month before lacks")
        #expect(BarStamp.start(ofBarEndingAt: t("2024-07-01T00:00:00Z"), interval: Interval("3mo")!) == t("2024-04-01T00:00:00Z"))
        #expect(BarStamp.start(ofBarEndingAt: t("1970-01-01T00:00:00Z"), interval: .monthly) == t("1969-12-01T00:00:00Z"), "before 1970")
    }

    @Test func aCoinGeckoOHLCPayloadSaysItIsStampedAtTheClose() throws {
        let bytes = try ProviderFixtures.bytes("coingecko_ohlc_bitcoin.json")
        let file = try ProviderPayloadParser.parse(bytes, format: .coingecko, options: ParseOptions(fileName: "x", symbol: "BTC"))
        #expect(file.stamp == .close)
        let chart = try ProviderPayloadParser.parse(try ProviderFixtures.bytes("coingecko_market_chart_bitcoin.json"), format: .coingecko,
                                                    options: ParseOptions(fileName: "x", symbol: "BTC"))
        #expect(chart.stamp == .open, "market_chart points are prices at an instant")
    }
}
