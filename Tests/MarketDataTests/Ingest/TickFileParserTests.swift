import Testing
@testable import MarketData

/// Tick CSV files (`barwise ingest --ticks`): layouts, time units, bad rows.
@Suite struct TickFileParserTests {
    private func parse(_ text: String, interval: String = "1m", skipBadRows: Bool = false, name: String = "T.csv") throws -> ParsedFile {
        let options = ParseOptions(fileName: name, symbol: "T", skipBadRows: skipBadRows, interval: Interval(interval))
        return try InputParser.parse(Array(text.utf8), format: .ticks, options: options)
    }

    private func failure(_ text: String, interval: String? = "1m") -> IngestError? {
        let options = ParseOptions(fileName: "T.csv", symbol: "T", interval: interval.flatMap(Interval.init))
        do {
            _ = try InputParser.parse(Array(text.utf8), format: .ticks, options: options)
            Issue.record("accepted")
            return nil
        } catch {
            return error
        }
    }

    @Test func headerColumnsInAnyOrderWithExtraColumns() throws {
        let p = try parse("""
            side,size,price,time
            buy,1,100,2024-01-01T00:00:05Z
            sell,2,101,2024-01-01T00:00:30.5Z
            buy,1,99,1704067260000
            """)
        let s = try #require(p.series.first)
        #expect(p.format == .ticks && p.rowsRead == 3 && s.interval == Interval(count: 1, unit: .minute))
        #expect(s[0] == Bar(timestamp: 1_704_067_200, open: 100, high: 101, low: 100, close: 101, volume: 3))
        #expect(s[1] == Bar(timestamp: 1_704_067_260, open: 99, high: 99, low: 99, close: 99, volume: 1))
        #expect(p.lines == [[2, 4]])
    }

    @Test func binanceAggTradesWithoutHeaderInMicroseconds() throws {
        let p = try parse("""
            1,42000.5,0.1,1,1,1704067200123456,true,true
            2,42001.5,0.2,2,2,1704067230000000,false,true
            3,41999.0,0.3,3,4,1704067260001000,true,true
            """)
        let s = try #require(p.series.first)
        #expect(s.count == 2 && s.timestamps == [1_704_067_200, 1_704_067_260])
        #expect(s.open[0] == 42000.5 && s.high[0] == 42001.5 && s.close[0] == 42001.5 && s.volume[0] == 0.1 + 0.2)
        #expect(s[1] == Bar(timestamp: 1_704_067_260, open: 41999, high: 41999, low: 41999, close: 41999, volume: 0.3))
    }

    @Test func binanceAggTradesWithoutBestMatchColumnInMilliseconds() throws {
        let s = try #require(try parse("7,10,1,7,7,1704067200000,true\n8,11,1,8,8,1704067201000,false\n").series.first)
        #expect(s[0] == Bar(timestamp: 1_704_067_200, open: 10, high: 11, low: 10, close: 11, volume: 2))
    }

    @Test func binanceTradesWithoutHeaderUseQtyNotQuoteQty() throws {
        let s = try #require(try parse("11,20.0,3,60.0,1704067200000,true,true\n12,21.0,1,21.0,1704067200500,false,true\n").series.first)
        #expect(s[0] == Bar(timestamp: 1_704_067_200, open: 20, high: 21, low: 20, close: 21, volume: 4))
    }

    @Test func binanceTradesWithHeader() throws {
        let s = try #require(try parse("id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n1,5,2,10,1704067200000,true,true\n").series.first)
        #expect(s[0] == Bar(timestamp: 1_704_067_200, open: 5, high: 5, low: 5, close: 5, volume: 2))
    }

    @Test func binanceAggTradesWithHeader() throws {
        let text = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match\n1,5,2,1,1,1704067200000,true,true\n"
        #expect(try parse(text).series.first?[0] == Bar(timestamp: 1_704_067_200, open: 5, high: 5, low: 5, close: 5, volume: 2))
    }

    @Test func headerlessFileOfAnotherShapeIsUnrecognized() {
        guard case let .unrecognized(_, detail)? = failure("1,2,3\n") else { Issue.record("wrong error"); return }
        #expect(detail.contains("Binance aggTrades") && detail.contains("the first row has 3 columns"))
    }

    @Test func headerWithoutASizeColumnNamesIt() {
        #expect(failure("time,price\n1704067200,1\n") == .missingColumn(file: "T.csv", column: "size", header: "time,price"))
    }

    @Test func missingIntervalIsABadOption() {
        guard case let .badOption(_, detail)? = failure("time,price,size\n1704067200,1,1\n", interval: nil) else { Issue.record("wrong error"); return }
        #expect(detail.contains("--interval"))
    }

    @Test func priceThatIsNotANumberNamesLineAndField() {
        #expect(failure("time,price,size\n1704067200,1,1\n1704067201,abc,1\n")
            == .badRow(file: "T.csv", line: 3, field: "price", value: "abc", reason: "is not a number"))
    }

    @Test func negativeSizeIsABadRow() {
        #expect(failure("time,price,size\n1704067200,1,-2\n")
            == .badRow(file: "T.csv", line: 2, field: "size", value: "-2", reason: "is out of range (a volume must be at least 0 and at most 1e18)"))
    }

    @Test func zeroPriceIsABadRow() {
        guard case let .badRow(_, line, field, _, _)? = failure("time,price,size\n1704067200,0,1\n") else { Issue.record("wrong error"); return }
        #expect(line == 2 && field == "price")
    }

    @Test func timeThatIsNotATimeIsABadRow() {
        guard case let .badRow(_, line, field, value, _)? = failure("time,price,size\nsoon,1,1\n") else { Issue.record("wrong error"); return }
        #expect(line == 2 && field == "time" && value == "soon")
    }

    @Test func tickBeforeTheBarInProgressIsABadRow() {
        #expect(failure("time,price,size\n1704067260,1,1\n1704067200,1,1\n") == .badRow(
            file: "T.csv", line: 3, field: "time", value: "1704067200",
            reason: "is earlier than the bar in progress (from 2024-01-01T00:01:00Z): ticks must be in time order"))
    }

    @Test func skipBadRowsBuildsBarsFromTheRest() throws {
        let p = try parse("time,price,size\n1704067200,1,1\n1704067201,x,1\n1704067100,5,1\n1704067202,2,1\n", skipBadRows: true)
        #expect(p.rejected.map(\.line) == [3, 4] && p.rowsRead == 4)
        #expect(p.series.first?[0] == Bar(timestamp: 1_704_067_200, open: 1, high: 2, low: 1, close: 2, volume: 2))
    }

    @Test func autoDetectionRefusesATradesFileSuggestingTicks() {
        let options = ParseOptions(fileName: "T.csv", symbol: "T")
        #expect(throws: IngestError.self) { try InputParser.parse(Array("time,price,size\n1704067200,1,1\n".utf8), format: .auto, options: options) }
        do {
            _ = try InputParser.parse(Array("transact_time,price,qty\n1704067200,1,1\n".utf8), format: .auto, options: options)
        } catch let IngestError.unrecognized(_, detail) {
            #expect(detail.contains("Pass --ticks --interval 1m"))
        } catch {
            Issue.record("wrong error \(error)")
        }
    }

    @Test func closeOnlyPriceFileWithVolumeIsStillBars() throws {
        let options = ParseOptions(fileName: "T.csv", symbol: "T")
        let p = try InputParser.parse(Array("date,price,volume\n2024-01-02,1,1\n2024-01-03,2,1\n".utf8), format: .auto, options: options)
        #expect(p.format == .ohlcv && p.series.first?.close == [1, 2])
    }

    @Test func binanceDumpNameGivesTheSymbol() {
        #expect(IngestOptions.symbol(fromTickFileName: "/data/BTCUSDT-aggTrades-2024-01-01.csv") == "BTCUSDT")
        #expect(IngestOptions.symbol(fromTickFileName: "ethusdt-trades-2024-01.csv") == "ETHUSDT")
        #expect(IngestOptions.symbol(fromTickFileName: "SOL_ticks.csv") == "SOL")
    }
}
