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
        // The file ends with two mid-month rows (2022-05-09, 2022-06-28: Yahoo's running month),
        // so its spacing is not consistent: the interval is given.
        let path = Fixtures.data("Stocks_10sym_monthly_1990-2022.csv")
        let error = #expect(throws: IngestError.self) { try Fixtures.parse(path) }
        #expect(error?.description.contains("cannot infer the bar interval") == true)
        let parsed = try InputParser.parse(
            try Fixtures.bytes(path), format: .auto, options: ParseOptions(fileName: "S.csv", symbol: "S", interval: .monthly))
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
        let text = "Date,IDX\n192607,2.96\n192608,2.64\n192609,0.36\n"
        let parsed = try InputParser.parse(Array(text.utf8), format: .panel, options: ParseOptions(fileName: "FF.csv", symbol: "FF"))
        #expect(CivilTime.isoDate(parsed.series[0].timestamps[0]) == "1926-07-01" && parsed.series[0].interval == .monthly)
    }

    /// Fama-French factors are returns, not prices: a negative value is out of range.
    @Test func factorReturnsAreNotPricesAndFailWithLineAndColumn() {
        #expect(throws: IngestError.badRow(
            file: "FamaFrench3_monthly_1926-2018.csv", line: 2, field: "SMB", value: "-2.3",
            reason: "is out of range (a price must be at least 1e-15 and at most 1e15)")) {
            try Fixtures.parse(Fixtures.data("FamaFrench3_monthly_1926-2018.csv"))
        }
    }

    /// Issue 12: `date,,B` stored values under the wrong symbol, `date,A,A` overwrote a column.
    @Test(arguments: [
        ("date,,B\n2024-01-02,1,2\n", 2, "has no name"),
        ("date,A,A\n2024-01-02,1,2\n", 3, "repeats the name of column 2"),
        ("date,A,B,a\n2024-01-02,1,2,3\n", 4, "repeats the name of column 2"),
        ("date,A,B,\n2024-01-02,1,2,\n", 4, "has no name"),
        ("date,A,../x\n2024-01-02,1,2\n", 3, "is not a symbol"),
    ])
    func panelHeaderWithAnEmptyOrRepeatedNameIsRejectedWithTheColumnNumber(text: String, column: Int, reason: String) {
        let error = #expect(throws: IngestError.self) {
            try InputParser.parse(Array(text.utf8), format: .panel, options: ParseOptions(fileName: "P.csv", symbol: "P"))
        }
        guard case let .badColumn(file, c, _, r)? = error else {
            Issue.record("expected badColumn, got \(String(describing: error))")
            return
        }
        #expect(file == "P.csv" && c == column && r.contains(reason))
        #expect(error?.description.hasPrefix("P.csv:1: column \(column) ") == true)
    }

    @Test func panelRowShorterThanItsDateColumnIsARowErrorNotATrap() throws {
        let text = "A,date\n1,2024-01-02\n2\n1,2024-01-04\n1,2024-01-05\n"
        #expect(throws: IngestError.self) {
            try InputParser.parse(Array(text.utf8), format: .panel, options: ParseOptions(fileName: "P.csv", symbol: "P"))
        }
        let parsed = try InputParser.parse(Array(text.utf8), format: .panel, options: ParseOptions(fileName: "P.csv", symbol: "P", skipBadRows: true))
        #expect(parsed.rejected.map(\.line) == [3] && parsed.series[0].count == 3)
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
