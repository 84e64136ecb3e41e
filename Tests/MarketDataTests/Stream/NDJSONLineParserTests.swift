import Testing
@testable import MarketData

/// `NDJSONLineParser`: every line shape it accepts, and one test per reason it refuses a line.
@Suite struct NDJSONLineParserTests {
    let parser = NDJSONLineParser()

    /// The error a line gets (fails the test when the line is accepted).
    private func error(_ line: String) -> StreamInputError? {
        do throws(StreamInputError) {
            let record = try parser.parse(line)
            Issue.record("accepted: \(record)")
            return nil
        } catch {
            return error
        }
    }

    private func bar(_ line: String) throws -> (symbol: String, bar: Bar) {
        guard case let .bar(symbol, bar) = try parser.parse(line) else { throw StreamInputError(field: nil, reason: "not a bar") }
        return (symbol, bar)
    }

    // MARK: accepted shapes

    @Test func issueBarExampleParsesToTheBarAtItsStart() throws {
        let r = try parser.parse(#"{"symbol":"GOOG","time":"2004-08-19T00:00:00Z","open":100.0,"high":101.5,"low":99.2,"close":100.9,"volume":1200}"#)
        #expect(r == .bar(symbol: "GOOG", bar: Bar(timestamp: 1_092_873_600, open: 100, high: 101.5, low: 99.2, close: 100.9, volume: 1200)))
    }

    @Test func issueTickExampleKeepsTheMilliseconds() throws {
        let r = try parser.parse(#"{"symbol":"BTCUSDT","time":1700000000123,"price":37012.5,"size":0.013}"#)
        #expect(r == .tick(symbol: "BTCUSDT", timeMillis: 1_700_000_000_123, price: 37012.5, size: 0.013))
    }

    @Test func keysInAnyOrderWithBlanksBetweenTokens() throws {
        let (symbol, b) = try bar(" {\t\"close\" : 10 , \"low\":9,\"high\" :11, \"open\": 10.5,\"time\":\"2024-01-02\", \"symbol\":\"X\"}  \r\n")
        #expect(symbol == "X" && b.timestamp == 1_704_153_600)
        #expect(b.open == 10.5 && b.high == 11 && b.low == 9 && b.close == 10 && b.volume.isNaN)
    }

    @Test func barWithoutVolumeHasMissingVolume() throws {
        let (_, b) = try bar(#"{"symbol":"X","time":"2024-01-02","open":1,"high":2,"low":1,"close":2}"#)
        #expect(b.volume.isNaN && b.close == 2 && b.adjClose == 2)
    }

    @Test func nullVolumeIsMissingVolume() throws {
        let (_, b) = try bar(#"{"symbol":"X","time":"2024-01-02","open":1,"high":2,"low":1,"close":2,"volume":null}"#)
        #expect(b.volume.isNaN)
    }

    @Test func dateOnlyTimeIsMidnightUTC() throws {
        #expect(try bar(#"{"symbol":"X","time":"2004-08-19","open":1,"high":1,"low":1,"close":1}"#).bar.timestamp == 1_092_873_600)
    }

    @Test func isoOffsetIsConvertedToUTC() throws {
        let t = try bar(#"{"symbol":"X","time":"2024-01-02T10:30:00+01:00","open":1,"high":1,"low":1,"close":1}"#).bar.timestamp
        #expect(t == 1_704_153_600 + 9 * 3_600 + 30 * 60)
    }

    @Test func barTimeAsEpochSeconds() throws {
        #expect(try bar(#"{"symbol":"X","time":1700000040,"open":1,"high":1,"low":1,"close":1}"#).bar.timestamp == 1_700_000_040)
    }

    @Test func barTimeAsEpochMillisecondsOnAWholeSecond() throws {
        #expect(try bar(#"{"symbol":"X","time":1700000040000,"open":1,"high":1,"low":1,"close":1}"#).bar.timestamp == 1_700_000_040)
    }

    @Test func magnitudeCutoffBetweenSecondsAndMilliseconds() throws {
        // 99,999,999,999 is seconds (year 5138); 100,000,000,000 is milliseconds (1973).
        #expect(try bar(#"{"symbol":"X","time":99999999999,"open":1,"high":1,"low":1,"close":1}"#).bar.timestamp == 99_999_999_999)
        #expect(try bar(#"{"symbol":"X","time":100000000000,"open":1,"high":1,"low":1,"close":1}"#).bar.timestamp == 100_000_000)
    }

    @Test func tickTimeAsDecimalSecondsIsExactToTheMillisecond() throws {
        #expect(try parser.parse(#"{"symbol":"X","time":1700000000.123,"price":1,"size":1}"#) == .tick(symbol: "X", timeMillis: 1_700_000_000_123, price: 1, size: 1))
    }

    @Test func tickTimeAsISOWithFraction() throws {
        #expect(try parser.parse(#"{"symbol":"X","time":"2023-11-14T22:13:20.5Z","price":1,"size":1}"#) == .tick(symbol: "X", timeMillis: 1_700_000_000_500, price: 1, size: 1))
    }

    @Test func tickTimeInMicrosecondsIsCutToTheMillisecond() throws {
        #expect(try parser.parse(#"{"symbol":"X","time":1700000000123999,"price":1,"size":1}"#) == .tick(symbol: "X", timeMillis: 1_700_000_000_123, price: 1, size: 1))
    }

    @Test func tickTimeInNanoseconds() throws {
        #expect(try parser.parse(#"{"symbol":"X","time":1700000000123456789,"price":1,"size":1}"#) == .tick(symbol: "X", timeMillis: 1_700_000_000_123, price: 1, size: 1))
    }

    @Test func tickTimeWithExponent() throws {
        #expect(try parser.parse(#"{"symbol":"X","time":1.7e12,"price":1,"size":1}"#) == .tick(symbol: "X", timeMillis: 1_700_000_000_000, price: 1, size: 1))
    }

    @Test func zeroSizeTickIsAccepted() throws {
        #expect(try parser.parse(#"{"symbol":"X","time":1700000000000,"price":2,"size":0}"#) == .tick(symbol: "X", timeMillis: 1_700_000_000_000, price: 2, size: 0))
    }

    @Test func unknownKeysAreSkippedWhateverTheirValue() throws {
        let r = try parser.parse(#"{"e":"trade","x":{"a":[1,2,{"b":null}],"c":"}"},"symbol":"X","ok":true,"time":1700000000000,"n":-1.5e3,"price":2,"size":1}"#)
        #expect(r == .tick(symbol: "X", timeMillis: 1_700_000_000_000, price: 2, size: 1))
    }

    @Test func escapesInTheSymbolAreDecoded() throws {
        #expect(try parser.parse(#"{"symbol":"BRK\u002EB","time":1700000000000,"price":2,"size":1}"#).symbol == "BRK.B")
    }

    @Test func byteOrderMarkBeforeTheFirstLineIsSkipped() throws {
        #expect(try parser.parse("\u{FEFF}{\"symbol\":\"X\",\"time\":1700000000000,\"price\":2,\"size\":1}") == .tick(symbol: "X", timeMillis: 1_700_000_000_000, price: 2, size: 1))
    }

    @Test func rawBufferAndStringEntryPointsAgree() throws {
        let line = #"{"symbol":"ETHUSDT","time":1700000000001,"price":2000.25,"size":3}"# + "\n"
        let viaBuffer = try Array(line.utf8).withUnsafeBytes { try parser.parse($0) }
        #expect(viaBuffer == (try parser.parse(line)))
    }

    // MARK: refusals

    @Test func emptyLineIsRefused() {
        #expect(error("   ")?.reason == "the line is empty (expected one JSON object)")
    }

    @Test func lineThatIsNotAnObjectIsMalformed() {
        #expect(error("[1,2]")?.description == "malformed JSON at column 1: a line must be one JSON object, starting with '{'")
    }

    @Test func missingColonIsMalformedWithItsColumn() {
        #expect(error(#"{"symbol" "X"}"#)?.description == "malformed JSON at column 11: expected ':' after a key")
    }

    @Test func trailingCommaIsMalformed() {
        #expect(error(#"{"symbol":"X",}"#)?.description.hasPrefix("malformed JSON at column 15: expected a key in quotes") == true)
    }

    @Test func unclosedObjectIsMalformed() {
        #expect(error(#"{"symbol":"X""#)?.description.contains("missing '}'") == true)
    }

    @Test func unclosedStringIsMalformed() {
        #expect(error(#"{"symbol":"X}"#)?.description.contains("a string is not closed") == true)
    }

    @Test func textAfterTheObjectIsMalformed() {
        #expect(error(#"{"symbol":"X","time":1,"price":1,"size":1} {}"#)?.description.contains("text after the closing '}'") == true)
    }

    @Test func numberWithLeadingZeroIsMalformed() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":01,"size":1}"#)?.description.contains("leading zero") == true)
    }

    @Test func unknownEscapeIsMalformed() {
        #expect(error(#"{"symbol":"A\qB","time":1,"price":1,"size":1}"#)?.description.contains("is not a JSON escape") == true)
    }

    @Test func rawControlCharacterInAStringIsMalformed() {
        #expect(error("{\"symbol\":\"A\tB\",\"time\":1,\"price\":1,\"size\":1}")?.description.contains("control character") == true)
    }

    @Test func deeplyNestedUnknownValueIsRefusedNotOverflowingTheStack() {
        let deep = String(repeating: "[", count: 10_000)
        #expect(error(#"{"x":"# + deep)?.description.contains("nested deeper than 64 levels") == true)
    }

    @Test func missingBarFieldIsNamed() {
        let e = error(#"{"symbol":"X","time":"2024-01-02","open":1,"high":2,"low":1}"#)
        #expect(e == StreamInputError(field: "close", reason: "is missing (a bar needs symbol, time, open, high, low, close (volume is optional))"))
    }

    @Test func missingTickFieldIsNamed() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":1}"#)?.description == #"field "size": is missing (a tick needs symbol, time, price, size)"#)
    }

    @Test func missingSymbolIsNamed() {
        #expect(error(#"{"time":1700000000000,"price":1,"size":1}"#)?.field == "symbol")
    }

    @Test func missingTimeIsNamed() {
        #expect(error(#"{"symbol":"X","price":1,"size":1}"#)?.field == "time")
    }

    @Test func quotedNumberIsTheWrongType() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":"37012.5","size":1}"#)?.description
            == #"field "price": is a string ("37012.5"), expected a number (write numbers without quotes)"#)
    }

    @Test func numericSymbolIsTheWrongType() {
        #expect(error(#"{"symbol":42,"time":1700000000000,"price":1,"size":1}"#)?.description == #"field "symbol": is a number (42), expected a string"#)
    }

    @Test func booleanTimeIsTheWrongType() {
        #expect(error(#"{"symbol":"X","time":true,"price":1,"size":1}"#)?.description == #"field "time": is a boolean, expected an ISO 8601 text or an epoch number"#)
    }

    @Test func nullPriceIsTheWrongType() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":null,"size":1}"#)?.description == #"field "price": is null, expected a number"#)
    }

    @Test func nanPriceIsNotFinite() {
        #expect(error(#"{"symbol":"X","time":"2024-01-02","open":NaN,"high":2,"low":1,"close":2}"#)?.description == #"field "open": NaN is not a finite number"#)
    }

    @Test func overflowingPriceIsNotFinite() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":1e999,"size":1}"#)?.description == #"field "price": 1e999 is not a finite number"#)
    }

    @Test func zeroPriceIsNotAboveZero() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":0,"size":1}"#)?.description == #"field "price": 0 is not above zero (a price must be positive)"#)
    }

    @Test func negativeBarPriceIsNotAboveZero() {
        #expect(error(#"{"symbol":"X","time":"2024-01-02","open":1,"high":2,"low":-1,"close":2}"#)?.description == #"field "low": -1 is not above zero (a price must be positive)"#)
    }

    @Test func priceAboveTheCSVBoundIsOutOfRange() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":2e15,"size":1}"#)?.description
            == #"field "price": 2e15 is out of range (a price must be at least 1e-15 and at most 1e15)"#)
    }

    @Test func negativeVolumeIsRefused() {
        #expect(error(#"{"symbol":"X","time":"2024-01-02","open":1,"high":2,"low":1,"close":2,"volume":-3}"#)?.description == #"field "volume": -3 is negative"#)
    }

    @Test func negativeSizeIsRefused() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":1,"size":-0.5}"#)?.description == #"field "size": -0.5 is negative"#)
    }

    @Test func highBelowLowNamesBothValues() {
        #expect(error(#"{"symbol":"X","time":"2024-01-02","open":99.3,"high":99.1,"low":99.5,"close":99.3}"#)?.description == #"field "high": 99.1 is below low 99.5"#)
    }

    @Test func openAboveHighIsRefused() {
        #expect(error(#"{"symbol":"X","time":"2024-01-02","open":3,"high":2,"low":1,"close":2}"#)?.description == #"field "open": 3 is above high 2"#)
    }

    @Test func closeBelowLowIsRefused() {
        #expect(error(#"{"symbol":"X","time":"2024-01-02","open":1.5,"high":2,"low":1,"close":0.5}"#)?.description == #"field "close": 0.5 is below low 1"#)
    }

    @Test func textThatIsNotATimeIsRefused() {
        #expect(error(#"{"symbol":"X","time":"yesterday","price":1,"size":1}"#)?.description.hasPrefix(#"field "time": "yesterday" is not a date or time"#) == true)
    }

    @Test func impossibleDateIsNotATime() {
        #expect(error(#"{"symbol":"X","time":"2023-02-30","price":1,"size":1}"#)?.field == "time")
    }

    @Test func epochBeyondInt64IsOutOfRange() {
        #expect(error(#"{"symbol":"X","time":100000000000000000000,"price":1,"size":1}"#)?.description.hasPrefix(#"field "time": 100000000000000000000 is out of range"#) == true)
    }

    @Test func epochBeforeTheYear1IsOutOfRange() {
        // 14 digits are milliseconds: -99,999,999,999,999 ms is in the year -1199.
        #expect(error(#"{"symbol":"X","time":-99999999999999,"price":1,"size":1}"#)?.reason.hasPrefix("-99999999999999 is out of range") == true)
    }

    @Test func barTimeWithMillisecondsIsRefused() {
        #expect(error(#"{"symbol":"X","time":1700000000123,"open":1,"high":1,"low":1,"close":1}"#)?.description
            == #"field "time": 1700000000123 is not a whole second (a bar is stamped at the start of its interval, in whole seconds)"#)
    }

    @Test func barTimeWithISOFractionIsRefused() {
        #expect(error(#"{"symbol":"X","time":"2024-01-02T00:00:00.5Z","open":1,"high":1,"low":1,"close":1}"#)?.field == "time")
    }

    @Test func keyGivenTwiceIsRefused() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":1,"price":2,"size":1}"#)?.description == #"field "price": appears twice in the line"#)
    }

    @Test func barAndTickFieldsTogetherAreRefused() {
        #expect(error(#"{"symbol":"X","time":1700000000000,"price":1,"size":1,"close":1}"#)?.reason.hasPrefix("the line mixes bar fields") == true)
    }

    @Test func objectWithNeitherBarNorTickFieldsIsRefused() {
        #expect(error(#"{"symbol":"X","time":1700000000000}"#)?.reason.hasPrefix("the line is neither a bar") == true)
        #expect(error("{}")?.reason.hasPrefix("the line is neither a bar") == true)
    }

    @Test func symbolBreakingTheNameRulesIsRefused() {
        #expect(error(#"{"symbol":"BT C","time":1700000000000,"price":1,"size":1}"#)?.description.hasPrefix(#"field "symbol": 'BT C' contains a space"#) == true)
    }

    @Test func escapedSlashInTheSymbolIsRefusedAfterDecoding() {
        #expect(error(#"{"symbol":"A\/B","time":1700000000000,"price":1,"size":1}"#)?.description.hasPrefix(#"field "symbol": 'A/B' contains '/'"#) == true)
    }

    @Test func loneSurrogateEscapeInTheSymbolIsRefused() {
        #expect(error(#"{"symbol":"A\uD83D","time":1700000000000,"price":1,"size":1}"#)?.field == "symbol")
    }

    @Test func emptySymbolIsRefused() {
        #expect(error(#"{"symbol":"","time":1700000000000,"price":1,"size":1}"#)?.description.hasPrefix(#"field "symbol": '' is empty"#) == true)
    }
}
