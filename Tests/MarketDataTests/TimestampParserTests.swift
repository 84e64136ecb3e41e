import Testing
@testable import MarketData

/// Every timestamp shape the ingest accepts, pinned to the epoch second it means (UTC).
@Suite struct TimestampParserTests {
    @Test(arguments: [
        ("2004-08-19", 1_092_873_600),
        ("2017-04-19 09:00:00", 1_492_592_400),
        ("2017-04-19T09:00:00Z", 1_492_592_400),
        ("2017-04-19T10:00:00+01:00", 1_492_592_400),
        ("2017-04-19 04:00:00-0500", 1_492_592_400),
        ("2017-04-19 09:00:00.250", 1_492_592_400),
        ("2017-04-19 09:00", 1_492_592_400),
        ("08/19/2004", 1_092_873_600),
        ("19-Aug-04", 1_092_873_600),
        ("20040819", 1_092_873_600),
        ("1092873600", 1_092_873_600),
        ("1092873600000", 1_092_873_600),
        ("1092873600000000", 1_092_873_600),
    ] as [(String, Int64)])
    func parsesEachAcceptedShape(text: String, expected: Int64) {
        #expect(TimestampParser.parse(text) == expected)
    }

    @Test(arguments: ["2004-02-30", "13/01/2004", "abc", "", "2004-08-19 25:00:00"])
    func rejectsImpossibleDates(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    @Test func civilDaysRoundTripAcrossLeapYears() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let d = CivilTime.date(fromDays: days)
            #expect(CivilTime.days(year: d.year, month: d.month, day: d.day) == days)
        }
        #expect(CivilTime.iso8601(1_492_592_400) == "2017-04-19T09:00:00Z")
    }
}

@Suite struct DecimalParserTests {
    @Test(arguments: ["100.335", "0.1", "-3.25", "1e5", "12345678901234567890", "2.2250738585072014e-308", "97.32417297363281"])
    func agreesWithStrtod(text: String) {
        #expect(DecimalParser.parse(text) == Double(text))
    }

    @Test(arguments: ["abc", "1.2.3", "", "--1", "1e"])
    func rejectsNonNumbers(text: String) {
        #expect(DecimalParser.parse(text) == nil)
    }
}

/// Interval inference from the spacing of timestamps.
@Suite struct IntervalInferenceTests {
    private func stamps(every seconds: Int64, count: Int = 50) -> [Int64] {
        (0..<count).map { 1_704_067_200 + Int64($0) * seconds }
    }

    @Test func businessDaysWithWeekendsAreDaily() {
        var ts: [Int64] = []
        var day: Int64 = 19_723  // Monday 2024-01-01
        while ts.count < 60 {
            if (day + 3) % 7 < 5 { ts.append(day * 86_400) }  // Monday to Friday (1970-01-01 was a Thursday)
            day += 1
        }
        #expect(Interval.inferred(from: ts) == .daily)
    }

    @Test(arguments: [
        (Int64(300), "5m"), (3_600, "1h"), (4 * 86_400, "4d"), (7 * 86_400, "1wk"), (30 * 86_400, "1mo"),
    ] as [(Int64, String)])
    func spacingGivesTheInterval(seconds: Int64, expected: String) {
        #expect(Interval.inferred(from: stamps(every: seconds))?.description == expected)
    }
}
