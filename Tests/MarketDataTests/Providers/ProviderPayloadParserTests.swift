import Foundation
import Testing

@testable import MarketData

/// Each provider payload in its documented shape parses to the exact bars it holds.
@Suite struct ProviderPayloadParserTests {
    func options(_ file: String, symbol: String, skip: Bool = false, interval: Interval? = nil) -> ParseOptions {
        ParseOptions(fileName: file, symbol: symbol, symbolIsExplicit: true, skipBadRows: skip, interval: interval)
    }

    func parse(_ name: String, _ format: IngestFormat, symbol: String) throws -> ParsedFile {
        try ProviderPayloadParser.parse(ProviderFixtures.bytes(name), format: format, options: options(name, symbol: symbol))
    }

    func expectBar(_ b: Bar, _ t: Int64, _ o: Double, _ h: Double, _ l: Double, _ c: Double, _ v: Double) {
        #expect(b.timestamp == t)
        #expect(b.open == o)
        #expect(b.high == h)
        #expect(b.low == l)
        #expect(b.close == c)
        #expect(b.volume == v)
    }

    @Test func alphaVantageDailyJSONParsesSevenBarsNewestFirst() throws {
        let file = try parse("alphavantage_daily_IBM.json", .alphavantage, symbol: "IBM")
        #expect(file.format == .alphavantage)
        #expect(file.rowsRead == 7)
        #expect(file.rejected.isEmpty)
        let s = try #require(file.series.first)
        #expect(file.series.count == 1)
        #expect(s.symbol == "IBM")
        #expect(s.interval == .daily)
        #expect(s.count == 7)
        expectBar(s[0], 1_704_844_800, 160.33, 162.24, 159.92, 161.06, 4_191_233)  // payload order: newest first
        let sorted = s.sortedByTime()
        expectBar(sorted[0], 1_704_153_600, 162.83, 163.29, 160.30, 161.50, 3_825_045)
        expectBar(sorted[6], 1_704_844_800, 160.33, 162.24, 159.92, 161.06, 4_191_233)
        #expect(sorted[6].adjClose == 161.06)
    }

    @Test func alphaVantageCSVParsesTheSameBarsAsTheJSON() throws {
        let csv = try parse("alphavantage_daily_IBM.csv", .alphavantage, symbol: "IBM")
        let json = try parse("alphavantage_daily_IBM.json", .alphavantage, symbol: "IBM")
        #expect(csv.rowsRead == 7)
        #expect(csv.series[0].interval == .daily)
        #expect(csv.series[0] == json.series[0])
    }

    @Test func alphaVantageDailyAdjustedKeepsTheAdjustedClose() throws {
        let file = try parse("alphavantage_daily_adjusted_IBM.json", .alphavantage, symbol: "IBM")
        #expect(file.rowsRead == 5)
        let s = file.series[0].sortedByTime()
        expectBar(s[0], 1_699_228_800, 148.03, 148.42, 146.71, 148.13, 3_838_733)
        #expect(s[0].adjClose == 147.71)
        expectBar(s[4], 1_699_574_400, 150.29, 150.95, 147.48, 149.02, 2_940_411)
        #expect(s[4].adjClose == 150.47)
    }

    @Test func alphaVantageIntradayKeepsTheProviderStampAndInfersFiveMinutes() throws {
        let file = try parse("alphavantage_intraday_5min_IBM.json", .alphavantage, symbol: "IBM")
        let s = file.series[0].sortedByTime()
        #expect(s.count == 5)
        #expect(s.interval == Interval(count: 5, unit: .minute))
        expectBar(s[0], 1_704_844_800 + 19 * 3600 + 35 * 60, 161.05, 161.08, 161.05, 161.08, 145)
        expectBar(s[4], 1_704_844_800 + 19 * 3600 + 55 * 60, 161.00, 161.05, 160.98, 161.05, 412)
    }

    @Test func aSingleRecordTakesTheIntervalTheSeriesKeyNames() throws {
        let body = #"{"Time Series (15min)": {"2024-01-10 19:55:00": {"1. open": "1", "2. high": "2", "3. low": "0.5", "4. close": "1.5", "5. volume": "10"}}}"#
        let file = try ProviderPayloadParser.parse(Array(body.utf8), format: .alphavantage, options: options("x", symbol: "IBM"))
        #expect(file.series[0].interval == Interval(count: 15, unit: .minute))
    }

    @Test func coinGeckoOHLCHasNoVolume() throws {
        let file = try parse("coingecko_ohlc_bitcoin.json", .coingecko, symbol: "BTC")
        #expect(file.rowsRead == 6)
        let s = file.series[0]
        #expect(s.symbol == "BTC")
        #expect(s.count == 6)
        #expect(s[0].timestamp == 1_704_067_200)
        #expect(s[0].open == 42272.50)
        #expect(s[0].high == 44188.72)
        #expect(s[0].low == 42186.57)
        #expect(s[0].close == 44168.94)
        #expect(s[0].volume.isNaN)
        #expect(s[5].timestamp == 1_704_067_200 + 20 * 86_400)
        #expect(s[5].close == 42581.10)
        #expect(s[5].volume.isNaN)
    }

    @Test func anExplicitIntervalOptionWins() throws {
        let bytes = try ProviderFixtures.bytes("coingecko_ohlc_bitcoin.json")
        let four = Interval(count: 4, unit: .day)
        let file = try ProviderPayloadParser.parse(bytes, format: .coingecko, options: options("x", symbol: "BTC", interval: four))
        #expect(file.series[0].interval == four)
    }

    @Test func coinGeckoMarketChartGivesCloseOnlyBarsWithMatchedVolume() throws {
        let file = try parse("coingecko_market_chart_bitcoin.json", .coingecko, symbol: "bitcoin")
        let s = file.series[0]
        #expect(file.rowsRead == 6)
        // The last point is CoinGecko's live price at the request ("now", 12:00:15 after the
        // last daily point): not a closed bar, so it is dropped and the series stays daily.
        #expect(s.count == 5)
        #expect(s.interval == .daily)
        #expect(s[0] == Bar.closeOnly(timestamp: 1_704_153_600, close: 44187.13815895376, volume: 14962981547.82918))
        #expect(s.timestamps.last == 1_704_499_200)
    }

    @Test func coinGeckoMarketChartVolumeIsNaNWithoutAMatchingStamp() throws {
        let body = #"{"prices":[[1704153600000,44187.5],[1704240000000,44951.25]],"market_caps":[],"total_volumes":[[1704153600000,1000.5]]}"#
        let file = try ProviderPayloadParser.parse(Array(body.utf8), format: .coingecko, options: options("x", symbol: "bitcoin"))
        #expect(file.series[0].volume[0] == 1000.5)
        #expect(file.series[0].volume[1].isNaN)
    }

    @Test func binanceKlinesJSONParsesEightDailyBars() throws {
        let file = try parse("binance_klines_BTCUSDT.json", .binance, symbol: "BTCUSDT")
        let s = file.series[0]
        #expect(file.rowsRead == 8)
        #expect(s.count == 8)
        #expect(s.interval == .daily)
        expectBar(s[0], 1_704_067_200, 42283.58, 44184.10, 42180.77, 44179.55, 27174.29903)
        expectBar(s[7], 1_704_672_000, 43929.01, 47248.99, 43175.00, 46951.04, 72814.57589)
    }

    @Test func binanceDumpCSVWithMillisecondOpenTimesMatchesTheJSON() throws {
        let csv = try parse("BTCUSDT-1d-2024-01.csv", .binance, symbol: "BTCUSDT")
        let json = try parse("binance_klines_BTCUSDT.json", .binance, symbol: "BTCUSDT")
        #expect(csv.rowsRead == 8)
        #expect(csv.series[0] == json.series[0])
    }

    @Test func binanceDumpCSVWithMicrosecondOpenTimesFrom2025() throws {
        let file = try parse("BTCUSDT-1d-2025-01.csv", .binance, symbol: "BTCUSDT")
        let s = file.series[0]
        #expect(s.count == 5)
        #expect(s.interval == .daily)
        expectBar(s[0], 1_735_689_600, 93576.00, 95151.15, 92888.00, 94591.79, 10373.32613)
        expectBar(s[4], 1_736_035_200, 98220.51, 98836.85, 97276.79, 98363.61, 8095.63723)
    }

    @Test func aSingleBinanceKlineTakesItsIntervalFromOpenAndCloseTime() throws {
        let body = #"[[1704067200000,"1","2","0.5","1.5","10",1704070799999,"15",3,"5","7","0"]]"#
        let file = try ProviderPayloadParser.parse(Array(body.utf8), format: .binance, options: options("x", symbol: "BTCUSDT"))
        #expect(file.series[0].interval == .hourly)
    }

    // MARK: Error bodies

    @Test(arguments: [
        ("alphavantage_error.json", IngestFormat.alphavantage,
         #"Alpha Vantage error: "Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY.""#),
        ("alphavantage_note.json", .alphavantage,
         // Quoted provider text is capped at 200 characters (EchoText).
         #"Alpha Vantage note: "Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher A…""#),
        ("alphavantage_information.json", .alphavantage,
         #"Alpha Vantage information: "The **demo** API key is for demo purposes only. Please claim your free API key at (https://www.alphavantage.co/support/#api-key) to explore our full API offerings. It takes fewer than 20 seconds.""#),
        ("coingecko_error.json", .coingecko, #"CoinGecko error: "coin not found""#),
        ("coingecko_rate_limit.json", .coingecko,
         #"CoinGecko error 429: "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits.""#),
        ("binance_error.json", .binance, #"Binance error -1121: "Invalid symbol.""#),
        ("html_error_page.html", .binance, #"an HTML page titled "429 Too Many Requests""#),
    ])
    func errorBodyIsNotMarketDataQuotingTheMessage(name: String, format: IngestFormat, received: String) throws {
        let bytes = try ProviderFixtures.bytes(name)
        #expect(ProviderPayloadParser.describeNonData(bytes) == received)
        #expect(throws: IngestError.notMarketData(file: name, received: received)) {
            try ProviderPayloadParser.parse(bytes, format: format, options: options(name, symbol: "X"))
        }
    }

    @Test func dataBodiesAreNotDescribedAsNonData() throws {
        for name in ["alphavantage_daily_IBM.json", "alphavantage_daily_IBM.csv", "coingecko_ohlc_bitcoin.json",
                     "coingecko_market_chart_bitcoin.json", "binance_klines_BTCUSDT.json", "BTCUSDT-1d-2025-01.csv"] {
            #expect(ProviderPayloadParser.describeNonData(try ProviderFixtures.bytes(name)) == nil, "\(name)")
        }
    }

    @Test func anEmptyBodyIsNotMarketData() {
        #expect(throws: IngestError.notMarketData(file: "x", received: "an empty body")) {
            try ProviderPayloadParser.parse(Array(" \n".utf8), format: .binance, options: options("x", symbol: "X"))
        }
    }

    @Test func anEmptyKlineArrayIsEmpty() {
        #expect(throws: IngestError.empty(file: "x")) {
            try ProviderPayloadParser.parse(Array("[]".utf8), format: .binance, options: options("x", symbol: "X"))
        }
    }

    @Test func anUnknownJSONObjectIsUnrecognizedNamingItsKeys() {
        #expect(throws: IngestError.unrecognized(
            file: "x", detail: #"not an Alpha Vantage time series: no "Time Series (...)" key (found: foo, bar)"#)) {
            try ProviderPayloadParser.parse(Array(#"{"foo":1,"bar":[]}"#.utf8), format: .alphavantage, options: options("x", symbol: "X"))
        }
    }

    @Test func truncatedJSONIsUnrecognizedWithLineAndColumn() {
        #expect(throws: IngestError.unrecognized(file: "x", detail: "invalid JSON at line 2, column 10: expected ',' or ']'")) {
            try ProviderPayloadParser.parse(Array("[[1704067200000,\n \"1\",\"2\" \"3\"]]".utf8), format: .binance, options: options("x", symbol: "X"))
        }
    }

    // MARK: Bad values

    @Test func aBadAlphaVantageNumberIsABadRowNamingTheField() throws {
        let text = try ProviderFixtures.text("alphavantage_daily_IBM.json").replacingOccurrences(of: "\"159.9200\"", with: "\"15x.92\"")
        #expect(throws: IngestError.badRow(file: "IBM.json", line: 1, field: "3. low", value: "15x.92", reason: "is not a number")) {
            try ProviderPayloadParser.parse(Array(text.utf8), format: .alphavantage, options: options("IBM.json", symbol: "IBM"))
        }
        let skipped = try ProviderPayloadParser.parse(Array(text.utf8), format: .alphavantage, options: options("IBM.json", symbol: "IBM", skip: true))
        #expect(skipped.series[0].count == 6)
        #expect(skipped.rowsRead == 7)
        #expect(skipped.rejected == [RejectedRow(line: 1, field: "3. low", value: "15x.92", reason: "is not a number", symbol: "IBM")])
    }

    @Test func aMissingAlphaVantageCloseIsABadRow() {
        let body = #"{"Time Series (Daily)": {"2024-01-10": {"1. open": "1", "2. high": "2", "3. low": "0.5", "5. volume": "10"}}}"#
        #expect(throws: IngestError.badRow(file: "x", line: 1, field: "4. close", value: "", reason: "is missing")) {
            try ProviderPayloadParser.parse(Array(body.utf8), format: .alphavantage, options: options("x", symbol: "IBM"))
        }
    }

    @Test func aBadAlphaVantageCSVNumberIsABadRowOnItsLine() throws {
        let text = try ProviderFixtures.text("alphavantage_daily_IBM.csv").replacingOccurrences(of: "158.2800", with: "n/a?")
        #expect(throws: IngestError.badRow(file: "IBM.csv", line: 3, field: "low", value: "n/a?", reason: "is not a number")) {
            try ProviderPayloadParser.parse(Array(text.utf8), format: .alphavantage, options: options("IBM.csv", symbol: "IBM"))
        }
    }

    @Test func aBadBinanceCSVNumberIsABadRowOnItsLine() throws {
        let bad = try ProviderFixtures.text("BTCUSDT-1d-2024-01.csv").replacingOccurrences(of: "45500.00000000", with: "45500.0O")
        #expect(throws: IngestError.badRow(file: "b.csv", line: 3, field: "high", value: "45500.0O", reason: "is not a number")) {
            try ProviderPayloadParser.parse(Array(bad.utf8), format: .binance, options: options("b.csv", symbol: "BTCUSDT"))
        }
        let skipped = try ProviderPayloadParser.parse(Array(bad.utf8), format: .binance, options: options("b.csv", symbol: "BTCUSDT", skip: true))
        #expect(skipped.series[0].count == 7)
        #expect(skipped.rejected.map(\.line) == [3])
    }

    @Test func aBadBinanceJSONNumberIsABadRowAtItsRecordIndex() throws {
        let text = try ProviderFixtures.text("binance_klines_BTCUSDT.json").replacingOccurrences(of: "\"44151.10000000\",\"44357", with: "\"x\",\"44357")
        #expect(throws: IngestError.badRow(file: "k.json", line: 5, field: "open", value: "x", reason: "is not a number")) {
            try ProviderPayloadParser.parse(Array(text.utf8), format: .binance, options: options("k.json", symbol: "BTCUSDT"))
        }
    }

    @Test func aBadCoinGeckoPriceIsABadRowAtItsRecordIndex() {
        let body = #"[[1704067200000,42272.5,44188.72,42186.57,44168.94],[1704412800000,"abc",45899.71,40813.53,43942.3]]"#
        #expect(throws: IngestError.badRow(file: "c.json", line: 2, field: "open", value: "abc", reason: "is not a number")) {
            try ProviderPayloadParser.parse(Array(body.utf8), format: .coingecko, options: options("c.json", symbol: "BTC"))
        }
    }

    // MARK: Sniffing

    @Test(arguments: [
        ("alphavantage_daily_IBM.json", IngestFormat.alphavantage), ("alphavantage_daily_IBM.csv", .alphavantage),
        ("alphavantage_intraday_5min_IBM.json", .alphavantage), ("alphavantage_note.json", .alphavantage),
        ("coingecko_ohlc_bitcoin.json", .coingecko), ("coingecko_market_chart_bitcoin.json", .coingecko),
        ("coingecko_error.json", .coingecko), ("coingecko_rate_limit.json", .coingecko),
        ("binance_klines_BTCUSDT.json", .binance), ("binance_error.json", .binance),
        ("BTCUSDT-1d-2024-01.csv", .binance), ("BTCUSDT-1d-2025-01.csv", .binance),
    ])
    func sniffRecognisesTheProvider(name: String, format: IngestFormat) throws {
        #expect(ProviderPayloadParser.sniff(try ProviderFixtures.bytes(name)) == format)
    }

    @Test(arguments: ["Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n", "[]", "<html></html>", "{\"a\":1}", ""])
    func sniffLeavesOtherBodiesAlone(body: String) {
        #expect(ProviderPayloadParser.sniff(Array(body.utf8)) == nil)
    }
}
