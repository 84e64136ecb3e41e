import Foundation
import Testing
@testable import MarketData

/// Wide close panels, and what `--format auto` makes of each kind of body.
@Suite struct PanelParserTests {
    @Test func twentyStockPanelGivesOneCloseOnlySeriesPerColumn() throws {
        let parsed = try Fixtures.parse(Fixtures.data("stock_prices_20sym_daily_1989-2018.csv"))
        #expect(parsed.format == .panel && parsed.series.count == 20 && parsed.rowsRead == 7126)
        let aapl = try #require(parsed.series.first { $0.symbol == "AAPL" })
        #expect(aapl.count == 7126 && aapl.close[0] == 0.117203 && aapl.open[0] == aapl.close[0])
        #expect(aapl.volume[0].isNaN)
        // GOOG has empty cells before its listing: they are skipped, not bars.
        let goog = try #require(parsed.series.first { $0.symbol == "GOOG" })
        #expect(CivilTime.isoDate(goog.timestamps[0]) == "2004-08-19")
    }

    @Test func commentLineBeforeHeaderAndCaretSymbols() throws {
        let parsed = try Fixtures.parse(Fixtures.data("Stocks_10sym_monthly_1990-2022.csv"))
        #expect(parsed.series.map(\.symbol) == ["IBM", "AAPL", "MSFT", "XRX", "AMZN", "DELL", "GOOGL", "ADBE", "^GSPC", "^IXIC"])
        #expect(parsed.series[0].close[0] == 10.970438003540039)
    }

    @Test func oneColumnPanelWithDotsForMissingTakesTheFileName() throws {
        let parsed = try Fixtures.parse(Fixtures.data("WTI_daily_1986-2019.csv"))
        #expect(parsed.series.count == 1 && parsed.series[0].symbol == "WTI")
        #expect(parsed.rowsRead == 8611 && parsed.series[0].count == 8611 - 290)
    }

    @Test func bomAndCRLFPanel() throws {
        let parsed = try Fixtures.parse(Fixtures.data("BRENT_WTI_monthly_1987-2020.csv"))
        #expect(parsed.series.map(\.symbol) == ["Brent", "WTI"] && parsed.series[0].count == 393)
    }

    @Test func yyyymmDates() throws {
        let parsed = try Fixtures.parse(Fixtures.data("FamaFrench3_monthly_1926-2018.csv"))
        #expect(CivilTime.isoDate(parsed.series[0].timestamps[0]) == "1926-07-01" && parsed.series[0].interval == .monthly)
    }

    @Test func symbolOptionPicksOneColumn() throws {
        let parsed = try Fixtures.parse(Fixtures.data("stock_prices_20sym_daily_1989-2018.csv"), symbol: "XOM")
        #expect(parsed.series.map(\.symbol) == ["XOM"])
        #expect(throws: IngestError.self) { try Fixtures.parse(Fixtures.data("stock_prices_20sym_daily_1989-2018.csv"), symbol: "NOPE") }
    }

    @Test func badPanelCellNamesTheSymbolColumn() throws {
        #expect(throws: IngestError.badRow(file: "PANEL_bad_cell.csv", line: 5, field: "BBB", value: "x1", reason: "is not a number")) {
            try Fixtures.parse(Fixtures.ingest("PANEL_bad_cell.csv"))
        }
        let parsed = try Fixtures.parse(Fixtures.ingest("PANEL_bad_cell.csv"), skipBadRows: true)
        #expect(parsed.series.map(\.count) == [3, 2] && parsed.rejected.first?.symbol == "BBB")
    }
}

@Suite struct FormatDetectionTests {
    @Test func emptyFileSaysSo() {
        #expect(throws: IngestError.empty(file: "EMPTY.csv")) { try Fixtures.parse(Fixtures.ingest("EMPTY.csv")) }
    }

    @Test func htmlPageIsNamedWithItsTitle() {
        #expect(throws: IngestError.notMarketData(file: "YAHOO_html_error.csv", received: "an HTML page titled 'Yahoo Finance - Too Many Requests'")) {
            try Fixtures.parse(Fixtures.ingest("YAHOO_html_error.csv"))
        }
        // An explicit CSV format gets the same explanation.
        #expect(throws: IngestError.notMarketData(file: "YAHOO_html_error.csv", received: "an HTML page titled 'Yahoo Finance - Too Many Requests'")) {
            try Fixtures.parse(Fixtures.ingest("YAHOO_html_error.csv"), format: .yahoo)
        }
    }

    @Test func stooqNoDataBody() {
        #expect(throws: IngestError.notMarketData(file: "XYZ_stooq_nodata.csv", received: "Stooq's 'No data' reply (an unknown symbol or an empty date range)")) {
            try Fixtures.parse(Fixtures.ingest("XYZ_stooq_nodata.csv"), format: .stooq)
        }
    }

    @Test func headerWithoutDateIsUnrecognised() {
        let bytes = Array("a,b\n1,2\n".utf8)
        #expect(throws: IngestError.self) { try FormatDetector.detect(bytes, fileName: "x.csv") }
    }
}
