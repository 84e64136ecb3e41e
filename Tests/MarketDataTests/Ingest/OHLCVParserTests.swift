import Foundation
import Testing
@testable import MarketData

/// The OHLCV CSV parser on real files and on the edge cases each file carries.
@Suite struct OHLCVParserTests {
    @Test func googWithUnnamedDateColumnReadsEveryBar() throws {
        let parsed = try Fixtures.parse(Fixtures.data("GOOG_daily_2004-2013.csv"))
        #expect(parsed.format == .ohlcv)
        let s = try #require(parsed.series.first)
        #expect(s.symbol == "GOOG" && s.interval == .daily && s.count == 2148 && parsed.rowsRead == 2148)
        #expect(s[0] == Bar(timestamp: 1_092_873_600, open: 100, high: 104.06, low: 95.96, close: 100.34, volume: 22_351_900))
        #expect(CivilTime.isoDate(s.timestamps[2147]) == "2013-03-01" && s.close[2147] == 806.19)
    }

    @Test func sp500WithCRLFAndUSDatesKeepsAdjClose() throws {
        let s = try #require(try Fixtures.parse(Fixtures.data("SP500_daily_1999-2018.csv")).series.first)
        #expect(s.count == 5031)
        #expect(CivilTime.isoDate(s.timestamps[0]) == "1999-01-04" && s.open[0] == 1229.22998)
        #expect(CivilTime.isoDate(s.timestamps.last!) == "2018-12-31" && s.volume.last! == 3_442_870_000)
    }

    @Test func orclAdjCloseBelowCloseIsKeptSeparately() throws {
        let s = try #require(try Fixtures.parse(Fixtures.data("ORCL_daily_1995-2014.csv")).series.first)
        #expect(s.count == 5036 && s.close[0] == 2.117284 && s.adjClose[0] == 1.883304)
        let adjusted = s.adjusted()
        #expect(abs(adjusted.open[0] - 2.179012 * 1.883304 / 2.117284) < 1e-15)
        #expect(adjusted.close[0] == 1.883304 && adjusted.volume[0] == s.volume[0])
    }

    @Test func separateDateAndTimeColumnsCombine() throws {
        let s = try #require(try Fixtures.parse(Fixtures.data("INDEX_5min_2006-01.csv")).series.first)
        #expect(s.count == 2142 && s.interval == Interval(count: 5, unit: .minute))
        #expect(CivilTime.iso8601(s.timestamps[0]) == "2006-01-02T09:05:00Z")
        #expect(CivilTime.iso8601(s.timestamps.last!) == "2006-01-30T17:30:00Z")
    }

    @Test func hourlyDateTimesInferAnHourlyInterval() throws {
        let s = try #require(try Fixtures.parse(Fixtures.data("EURUSD_hourly_2017-2018.csv")).series.first)
        #expect(s.count == 5000 && s.interval == .hourly)
        #expect(CivilTime.iso8601(s.timestamps[0]) == "2017-04-19T09:00:00Z" && s.close[0] == 1.07219)
    }

    @Test func monthEndStampsInferMonthly() throws {
        let s = try #require(try Fixtures.parse(Fixtures.data("BTCUSD_monthly_2012-2024.csv")).series.first)
        #expect(s.count == 156 && s.interval == .monthly && s.volume[0] == 2012.25343589)
    }

    @Test func descendingRowsWithTwoDigitYearsAndAdjDotCloseStar() throws {
        let s = try #require(try Fixtures.parse(Fixtures.data("MSFT_daily_2003_descending.csv")).series.first)
        #expect(s.count == 65)
        #expect(CivilTime.isoDate(s.timestamps[0]) == "2003-09-19" && s.adjClose[0] == 29.79)
        let sorted = s.sortedByTime()
        #expect(CivilTime.isoDate(sorted.timestamps[0]) == "2003-06-19" && sorted.close[0] == 26.07)
    }

    @Test func yahooNullRowIsSkippedAndReported() throws {
        let parsed = try Fixtures.parse(Fixtures.ingest("AAPL_yahoo_with_null_row.csv"))
        #expect(parsed.rowsRead == 5 && parsed.series[0].count == 4)
        #expect(parsed.rejected.count == 1 && parsed.rejected[0].line == 4)
    }

    @Test func stooqCRLFFileParses() throws {
        let parsed = try Fixtures.parse(Fixtures.ingest("aapl_us_stooq.csv"), format: .stooq)
        let s = try #require(parsed.series.first)
        #expect(s.symbol == "AAPL" && s.count == 3 && s.high[2] == 183.0872 && s.volume[2] == 71_983_570)
    }

    @Test func stooqBulkTextWithAngleBracketHeadersAndHHMMSSTimes() throws {
        let parsed = try Fixtures.parse(Fixtures.ingest("aapl.us.txt"))
        let s = try #require(parsed.series.first)
        #expect(s.symbol == "AAPL" && s.timestamps.map(CivilTime.isoDate) == ["2024-01-02", "2024-01-03"])
        #expect(s.close == [185.64, 184.25] && s.volume == [82_488_674, 58_414_460])
    }

    @Test(arguments: ["BTC_epoch_seconds.csv", "BTC_epoch_millis.csv", "BTC_epoch_micros.csv"])
    func epochSecondsMillisAndMicrosAgree(file: String) throws {
        let s = try #require(try Fixtures.parse(Fixtures.ingest(file)).series.first)
        #expect(s.timestamps == [1_704_067_200, 1_704_153_600, 1_704_240_000])
        #expect(s.close == [44179.55, 44946.91, 42845.23])
    }

    @Test func compactYYYYMMDDDates() throws {
        let s = try #require(try Fixtures.parse(Fixtures.ingest("AAPL_yyyymmdd.csv")).series.first)
        #expect(s.timestamps.map(CivilTime.isoDate) == ["2024-01-02", "2024-01-03"])
    }

    @Test func nonNumberNamesFileLineAndField() throws {
        #expect(throws: IngestError.badRow(file: "GOOG_bad_high.csv", line: 4, field: "High", value: "abc", reason: "is not a number")) {
            try Fixtures.parse(Fixtures.ingest("GOOG_bad_high.csv"))
        }
        let message = IngestError.badRow(file: "GOOG_bad_high.csv", line: 4, field: "High", value: "abc", reason: "is not a number").description
        #expect(message == "GOOG_bad_high.csv:4: field 'High': 'abc' is not a number")
    }

    @Test func skipBadRowsKeepsTheRestAndCountsTheRow() throws {
        let parsed = try Fixtures.parse(Fixtures.ingest("GOOG_bad_high.csv"), skipBadRows: true)
        #expect(parsed.series[0].count == 3 && parsed.rowsRead == 4)
        #expect(parsed.rejected == [RejectedRow(line: 4, field: "High", value: "abc", reason: "is not a number")])
    }

    @Test func missingCloseColumnIsReportedWithTheHeader() throws {
        let bytes = Array("Date,Open,High,Low\n2024-01-02,1,2,0.5\n".utf8)
        #expect(throws: IngestError.missingColumn(file: "x.csv", column: "Close", header: "Date,Open,High,Low")) {
            try OHLCVParser.parse(bytes, format: .ohlcv, options: ParseOptions(fileName: "x.csv", symbol: "X"))
        }
    }

    @Test func badDateNamesTheDateField() throws {
        let bytes = Array("Date,Close\n2024-01-02,1\n2024-13-40,2\n".utf8)
        #expect(throws: IngestError.badRow(file: "x.csv", line: 3, field: "Date", value: "2024-13-40", reason: "is not a date or time")) {
            try OHLCVParser.parse(bytes, format: .ohlcv, options: ParseOptions(fileName: "x.csv", symbol: "X"))
        }
    }
}
