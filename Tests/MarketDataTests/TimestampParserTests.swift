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

    /// 20-digit fields used to overflow `Int` inside the parser and trap (issue 12).
    @Test(arguments: [
        "11111111111111111111/1/2020", "1/11111111111111111111/2020", "1/1/11111111111111111111",
        "11111111111111111111-Jan-2020", "9999999999999999999", "99999999999999999999",
        "2020-01-01 99999999999999999999:00", "2020-01-01T00:00:00+99999999999999999999",
    ])
    func hugeDigitFieldsAreNotDatesInsteadOfTrapping(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    @Test func nineteenDigitNanosecondsBelowInt64MaxStillParse() {
        #expect(TimestampParser.parse("1092873600000000000") == 1_092_873_600)
    }

    @Test func throwingParseForCommandLineDatesQuotesTheTextCappedAt200Characters() throws {
        #expect(try CivilTime.timestamp("2024-01-31") == 1_706_659_200)
        let long = String(repeating: "9", count: 5_000) + "/1/2020"
        let error = #expect(throws: TimestampError.self) { try CivilTime.timestamp(long) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("'" + String(repeating: "9", count: 200) + "…' is not a date or time"))
        #expect(message.count < 320)
    }

    @Test func civilTextOfExtremeTimestampsDoesNotTrap() {
        #expect(!CivilTime.iso8601(.min).isEmpty && !CivilTime.iso8601(.max).isEmpty)
        #expect(CivilTime.isoDate(-1) == "1969-12-31")
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

    /// Issue 12: a 3-row daily file (Thursday, Friday, Monday) was "3d" by the median spacing.
    @Test func threeRowDailyFileAcrossAWeekendIsDaily() {
        let thu: Int64 = 1_704_326_400  // 2024-01-04
        #expect(Interval.infer(from: [thu, thu + 86_400, thu + 4 * 86_400]) == .interval(.daily))
    }

    /// Issue 12: daily rows followed by hourly rows were "10h".
    @Test func mixedDailyAndHourlyRowsHaveNoInterval() {
        let daily = (0..<10).map { 1_704_067_200 + Int64($0) * 86_400 }
        let hourly = (1...30).map { daily.last! + Int64($0) * 3_600 }
        guard case let .inconsistent(detail) = Interval.infer(from: daily + hourly) else {
            Issue.record("expected inconsistent")
            return
        }
        #expect(detail.contains("daily rows are mixed with 1h rows"))
        #expect(Interval.infer(from: daily + Array(hourly.prefix(3))).interval == nil)
        // A 1h30m step among daily rows divides a day, yet is no bar interval of this file.
        let oddRows = daily + [daily.last! + 5_400, daily.last! + 86_400 + 5_400]
        #expect(Interval.infer(from: oddRows).interval == nil)
    }

    @Test func spacingThatIsNotAMultipleOfTheSmallestIsInconsistent() {
        let t0: Int64 = 1_704_067_200
        let result = Interval.infer(from: [t0, t0 + 300, t0 + 600, t0 + 1_020])
        #expect(result.interval == nil)
        #expect(result.problem?.contains("not a whole number of 5m") == true)
    }

    @Test func fewerThanThreeStampsWithATimeOfDayNeedAnInterval() {
        #expect(Interval.infer(from: [1_704_067_200 + 3_600, 1_704_067_200 + 7_200]) == .tooFewTimestamps(2))
        #expect(Interval.infer(from: [1_704_067_200]) == .interval(.daily))
    }

    @Test func monthEndLastTradingDayStampsAreMonthly() {
        // Alpha Vantage monthly: 2024-01-31, 2024-02-29, 2024-03-28 (Good Friday), 2024-04-30.
        let stamps: [Int64] = [1_706_659_200, 1_709_164_800, 1_711_584_000, 1_714_435_200]
        #expect(Interval.infer(from: stamps) == .interval(.monthly))
        let quarterly: [Int64] = [1_704_067_200, 1_711_929_600, 1_719_792_000, 1_727_740_800]  // Jan, Apr, Jul, Oct 1st
        #expect(Interval.infer(from: quarterly) == .interval(Interval(count: 3, unit: .month)))
    }

    @Test(arguments: ["99999999999999999999d", "9223372036854775807m", "100001d", "0d", "-1d", "1x"])
    func intervalTextOutOfRangeIsRejectedNotTrapped(text: String) {
        #expect(Interval(text) == nil)
    }

    @Test func hugeCodeBuiltIntervalSaturatesInsteadOfOverflowing() {
        #expect(Interval(count: .max, unit: .year).nominalSeconds == .max)
    }
}
