import Testing

@testable import MarketData

/// Values outside `BarValueBounds` and integers that would overflow are row errors naming the
/// file, line and field (or rejected rows with `--skip-bad-rows`), never stored, never a trap.
@Suite struct ValueBoundsTests {
    private func parse(_ text: String, format: IngestFormat = .auto, skip: Bool = false) throws(IngestError) -> ParsedFile {
        try InputParser.parse(Array(text.utf8), format: format, options: ParseOptions(fileName: "T.csv", symbol: "T", skipBadRows: skip))
    }

    private let header = "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,1.5,10\n"

    @Test func overflowingCellIsAnErrorNotInfinity() {
        #expect(throws: IngestError.badRow(file: "T.csv", line: 4, field: "Close", value: "1e309", reason: "is not a finite number")) {
            try parse(header + "2024-01-04,1,2,0.5,1e309,10\n")
        }
    }

    @Test(arguments: [
        ("2024-01-04,0,2,0.5,1.5,10", "Open", "0"),
        ("2024-01-04,1,2,-0.5,1.5,10", "Low", "-0.5"),
        ("2024-01-04,1,2e15,0.5,1.5,10", "High", "2e15"),
        ("2024-01-04,1,2,0.5,1e-320,10", "Close", "1e-320"),
    ])
    func priceOutsideTheBoundsIsRejectedWithLineAndField(row: String, field: String, value: String) {
        let error = #expect(throws: IngestError.self) { try parse(header + row + "\n") }
        guard case let .badRow(file, line, f, v, reason)? = error else { return }
        #expect(file == "T.csv" && line == 4 && f == field && v == value)
        #expect(reason.contains("out of range") || reason.contains("finite"))
    }

    @Test(arguments: ["-5", "2e18", "1e400"])
    func volumeOutsideZeroToOneQuintillionIsRejected(value: String) {
        let error = #expect(throws: IngestError.self) { try parse(header + "2024-01-04,1,2,0.5,1.5,\(value)\n") }
        guard case let .badRow(_, line, field, v, _)? = error else { return }
        #expect(line == 4 && field == "Volume" && v == value)
    }

    @Test func boundaryValuesAreStored() throws {
        let file = try parse(header + "2024-01-04,1e15,1e15,1e-15,1e15,1e18\n2024-01-05,1,1,1,1,0\n")
        #expect(file.series[0].count == 4)
        #expect(file.series[0].volume[2] == 1e18 && file.series[0].low[2] == 1e-15)
    }

    @Test func outOfRangeRowsAreSkippedAndReportedWithSkipBadRows() throws {
        let file = try parse(header + "2024-01-04,1,2,0.5,1e309,10\n2024-01-05,1,2,0.5,1.5,-1\n", skip: true)
        #expect(file.series[0].count == 2)
        #expect(file.rejected.map(\.line) == [4, 5] && file.rejected.map(\.field) == ["Close", "Volume"])
    }

    /// Issue 12: `11111111111111111111/1/2020` in a row trapped in `TimestampParser`.
    @Test func twentyDigitDateInARowIsARowError() {
        #expect(throws: IngestError.badRow(file: "T.csv", line: 4, field: "Date", value: "11111111111111111111/1/2020", reason: "is not a date or time")) {
            try parse(header + "11111111111111111111/1/2020,1,2,0.5,1.5,10\n")
        }
    }

    @Test func twentyDigitDateUnderSkipBadRowsIsSkipped() throws {
        let file = try parse(header + "11111111111111111111/1/2020,1,2,0.5,1.5,10\n", skip: true)
        #expect(file.rejected.count == 1 && file.series[0].count == 2)
    }

    @Test func panelCellOutOfRangeIsRejectedWithItsColumn() {
        let error = #expect(throws: IngestError.self) {
            try parse("date,AAA,BBB\n2024-01-02,1,2\n2024-01-03,1,-2\n2024-01-04,1,2\n", format: .panel)
        }
        guard case let .badRow(_, line, field, value, _)? = error else { return }
        #expect(line == 3 && field == "BBB" && value == "-2")
    }

    /// Issue 12: klines with extreme open and close times trapped computing the kline length.
    @Test func binanceKlineWithExtremeOpenAndCloseTimesDoesNotTrap() throws {
        let body = #"[[-9223372036854775808,"1","2","0.5","1.5","10",9223372036854775807,"0",1,"0","0","0"],"#
            + #"[9223372036854775807,"1","2","0.5","1.5","10",-9223372036854775808,"0",1,"0","0","0"],"#
            + #"[1704153600000,"1","2","0.5","1.5","10",1704239999999,"0",1,"0","0","0"]]"#
        let file = try InputParser.parse(
            Array(body.utf8), format: .binance, options: ParseOptions(fileName: "k.json", symbol: "BTCUSDT", interval: .daily))
        #expect(file.series[0].count == 3)
        #expect(BinancePayload.intervalHint(openTime: .min, closeTime: .max) == nil)
    }

    @Test func binanceKlinePriceOfInfinityIsRejected() {
        let body = #"[[1704067200000,"1","1e999","0.5","1.5","10",1704153599999,"0",1,"0","0","0"]]"#
        let error = #expect(throws: IngestError.self) {
            try InputParser.parse(Array(body.utf8), format: .binance, options: ParseOptions(fileName: "k.json", symbol: "B"))
        }
        guard case let .badRow(_, line, field, _, reason)? = error else { return }
        #expect(line == 1 && field == "high" && reason == "is not a finite number")
    }

    @Test func coinGeckoNegativePriceIsRejected() {
        let body = #"{"prices":[[1704153600000,-3],[1704240000000,44951.25]],"total_volumes":[]}"#
        let error = #expect(throws: IngestError.self) {
            try InputParser.parse(Array(body.utf8), format: .coingecko, options: ParseOptions(fileName: "c.json", symbol: "bitcoin"))
        }
        guard case let .badRow(_, line, field, value, _)? = error else { return }
        #expect(line == 1 && field == "price" && value == "-3")
    }

    @Test func echoedCellIsCappedAt200Characters() {
        let cell = String(repeating: "x", count: 10_000)
        let error = #expect(throws: IngestError.self) { try parse(header + "2024-01-04,1,2,0.5,\(cell),10\n") }
        let message = error?.description ?? ""
        #expect(message.contains(String(repeating: "x", count: 200) + "…'"))
        #expect(message.count < 300)
    }
}
