import Foundation
import MarketData
import Testing

/// `WallClockZone`: wall-clock times of an IANA zone to UTC, across daylight-saving changes.
@Suite struct WallClockZoneTests {
    let newYork = WallClockZone(identifier: "America/New_York")!

    /// Unix seconds of a UTC civil time.
    func utc(_ text: String) -> Int64 { CivilTime.parseTimestamp(text)! }

    @Test func summerAndWinterTimesTakeTheirOwnOffsets() {
        #expect(newYork.instants(wallClock: utc("2021-07-01T09:30:00Z")) == [utc("2021-07-01T13:30:00Z")], "EDT is UTC-4")
        #expect(newYork.instants(wallClock: utc("2021-01-04T09:30:00Z")) == [utc("2021-01-04T14:30:00Z")], "EST is UTC-5")
    }

    @Test func theHourTheClocksJumpForwardDoesNotExist() {
        #expect(newYork.instants(wallClock: utc("2021-03-14T02:30:00Z")).isEmpty)
        #expect(newYork.instants(wallClock: utc("2021-03-14T01:59:00Z")) == [utc("2021-03-14T06:59:00Z")])
        #expect(newYork.instants(wallClock: utc("2021-03-14T03:00:00Z")) == [utc("2021-03-14T07:00:00Z")])
    }

    @Test func theHourTheClocksFallBackHappensTwice() {
        #expect(newYork.instants(wallClock: utc("2021-11-07T01:30:00Z")) == [utc("2021-11-07T05:30:00Z"), utc("2021-11-07T06:30:00Z")])
    }

    @Test func aFileRunningThroughTheFallBackHourKeepsEveryBarDistinct() throws {
        let local = ["00:30", "01:00", "01:30", "01:00", "01:30", "02:00"].map { utc("2021-11-07T\($0):00Z") }
        var series = BarSeries(symbol: "X", interval: Interval("30m")!)
        for (k, t) in local.enumerated() { series.append(Bar(timestamp: t, open: 1, high: 1, low: 1, close: Double(k + 1), volume: 1)) }
        var parsed = ParsedFile(format: .ohlcv, series: [series], rowsRead: local.count)
        try newYork.convert(&parsed, file: "x.csv", skipBadRows: false)
        let expected = ["04:30", "05:00", "05:30", "06:00", "06:30", "07:00"].map { utc("2021-11-07T\($0):00Z") }
        #expect(parsed.series[0].timestamps == expected)
    }

    @Test func aTimeInTheGapIsABadRowNamingItsLine() throws {
        var series = BarSeries(symbol: "X", interval: Interval("30m")!)
        for t in ["01:30", "02:30", "03:00"] { series.append(Bar(timestamp: utc("2021-03-14T\(t):00Z"), open: 1, high: 1, low: 1, close: 1, volume: 1)) }
        var strict = ParsedFile(format: .ohlcv, series: [series], rowsRead: 3, lines: [[2, 3, 4]])
        #expect(throws: IngestError.badRow(file: "x.csv", line: 3, field: "timestamp", value: "2021-03-14T02:30:00",
                                           reason: "does not exist in America/New_York (the clocks jump forward over it)")) {
            try newYork.convert(&strict, file: "x.csv", skipBadRows: false)
        }
        var lenient = ParsedFile(format: .ohlcv, series: [series], rowsRead: 3, lines: [[2, 3, 4]])
        try newYork.convert(&lenient, file: "x.csv", skipBadRows: true)
        #expect(lenient.series[0].timestamps == [utc("2021-03-14T06:30:00Z"), utc("2021-03-14T07:00:00Z")])
        #expect(lenient.lines == [[2, 4]])
        #expect(lenient.rejected.map(\.line) == [3])
    }

    @Test func dailyBarsAreDatesAndStayAsTheyAre() throws {
        var series = BarSeries(symbol: "X", interval: .daily)
        series.append(Bar(timestamp: utc("2021-03-15T00:00:00Z"), open: 1, high: 1, low: 1, close: 1, volume: 1))
        var parsed = ParsedFile(format: .ohlcv, series: [series], rowsRead: 1)
        try newYork.convert(&parsed, file: "x.csv", skipBadRows: false)
        #expect(parsed.series[0].timestamps == [utc("2021-03-15T00:00:00Z")])
    }

    @Test func unknownZonesAreRefused() {
        #expect(WallClockZone(identifier: "Mars/Olympus_Mons") == nil)
        #expect(WallClockZone(identifier: "Europe/London") != nil)
    }
}
