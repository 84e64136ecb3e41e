import Testing
@testable import Signals

/// The calendar arithmetic behind `time`, `year()`, …, `timeofday()`: UTC, proleptic Gregorian,
/// exact before 1970, NaN for an unknown time. Timestamps are checked by hand (1970-01-01 and
/// 2004-08-19 were Thursdays, 1900-01-01 and 2024-01-01 Mondays).
@Suite struct BarTimeTests {
    /// Every field at `seconds`, in `BarTime.Field` order.
    static func fields(_ seconds: Int64) -> [Double] {
        BarTime.Field.allCases.map { BarTime.value($0, at: seconds) }
    }

    /// year, month, day, weekday, hour, minute, second, hhmm, timeofday.
    static func expected(_ y: Double, _ mo: Double, _ d: Double, weekday: Double, _ h: Double, _ mi: Double, _ s: Double) -> [Double] {
        [y, mo, d, weekday, h, mi, s, h * 100 + mi, h * 60 + mi]
    }

    @Test func epochZeroIsThursdayFirstOfJanuary1970AtMidnight() {
        #expect(Self.fields(0) == Self.expected(1970, 1, 1, weekday: 4, 0, 0, 0))
    }

    @Test func oneSecondBefore1970IsWednesdayLastSecondOf1969() {
        #expect(Self.fields(-1) == Self.expected(1969, 12, 31, weekday: 3, 23, 59, 59))
    }

    @Test func negativeEpochsBefore1970CountBackExactly() {
        // 1900-01-01T00:00:00Z, a Monday; 0001-01-01, a Monday in the proleptic calendar.
        #expect(Self.fields(-2_208_988_800) == Self.expected(1900, 1, 1, weekday: 1, 0, 0, 0))
        #expect(Self.fields(-62_135_596_800) == Self.expected(1, 1, 1, weekday: 1, 0, 0, 0))
        // 1600-03-01 (a Wednesday), the day after the leap day of a year divisible by 400.
        #expect(Self.fields(-11_670_912_000) == Self.expected(1600, 3, 1, weekday: 3, 0, 0, 0))
    }

    @Test func leapDaysExistOnlyInLeapYears() {
        // 2000 is divisible by 400: leap. 2024 by 4: leap.
        #expect(Self.fields(951_827_696) == Self.expected(2000, 2, 29, weekday: 2, 12, 34, 56))
        #expect(Self.fields(1_709_251_199) == Self.expected(2024, 2, 29, weekday: 4, 23, 59, 59))
        // 1900 is divisible by 100 but not 400: the day after 1900-02-28 is 1900-03-01.
        #expect(Self.fields(-2_203_934_400) == Self.expected(1900, 2, 28, weekday: 3, 12, 0, 0))
        #expect(Self.fields(-2_203_934_400 + 43_200) == Self.expected(1900, 3, 1, weekday: 4, 0, 0, 0))
    }

    @Test func endOfYearRollsOverToTheFirstOfJanuary() {
        // 2023-12-31T23:59:59Z was a Sunday (ISO 7), the next second a Monday.
        #expect(Self.fields(1_704_067_199) == Self.expected(2023, 12, 31, weekday: 7, 23, 59, 59))
        #expect(Self.fields(1_704_067_200) == Self.expected(2024, 1, 1, weekday: 1, 0, 0, 0))
    }

    @Test func tradingTimesGiveHhmmAndMinutesSinceMidnight() {
        // 2024-03-15T15:55:00Z, a Friday: hhmm 1555, 955 minutes after midnight.
        #expect(Self.fields(1_710_518_100) == Self.expected(2024, 3, 15, weekday: 5, 15, 55, 0))
        #expect(BarTime.value(.hhmm, at: 1_710_518_100) == 1555)
        #expect(BarTime.value(.timeofday, at: 1_710_518_100) == 955)
        // GOOG's first bar, 2004-08-19, a Thursday.
        #expect(Self.fields(1_092_873_600) == Self.expected(2004, 8, 19, weekday: 4, 0, 0, 0))
    }

    @Test func civilDateMatchesADayByDayCalendarFrom1600To2400() {
        // An independent count: walk day by day from 1600-01-01 with the Gregorian month lengths.
        func isLeap(_ y: Int64) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
        let lengths: [Int64] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var year: Int64 = 1600, month: Int64 = 1, day: Int64 = 1
        var weekday: Int64 = 6  // 1600-01-01 was a Saturday
        var days: Int64 = -135_140  // 1600-01-01 relative to 1970-01-01
        var mismatches = 0
        while year < 2400 {
            let date = BarTime.civilDate(days: days)
            if date != (year, month, day) { mismatches += 1 }
            if BarTime.value(.weekday, at: days * 86_400 + 3_599) != Double(weekday) { mismatches += 1 }
            days += 1
            weekday = weekday % 7 + 1
            day += 1
            if day > lengths[Int(month - 1)] + (month == 2 && isLeap(year) ? 1 : 0) {
                day = 1
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        }
        #expect(mismatches == 0)
        #expect(days == 157_054)  // 2400-01-01 relative to 1970-01-01: the walk ended where it should
    }

    @Test func unknownTimeAndTimesBeyondTwoToThe53SecondsGiveNaN() {
        #expect(BarTime.slotValue(BarTime.unknown).isNaN)
        #expect(BarTime.slotValue(-1) == -1)
        for field in BarTime.Field.allCases {
            #expect(BarTime.value(field.rawValue, at: .nan).isNaN)
            #expect(BarTime.value(field.rawValue, at: BarTime.slotValue(BarTime.unknown)).isNaN)
            #expect(BarTime.value(field.rawValue, at: 1e17).isNaN)
            #expect(BarTime.value(field.rawValue, at: -.infinity).isNaN)
            #expect(BarTime.value(field.rawValue, at: 0) == BarTime.value(field, at: 0))
        }
    }

    @Test func extremeIntegerTimesDoNotTrap() {
        // The public Int64 entry point is total: no overflow at the ends of Int64.
        for field in BarTime.Field.allCases {
            #expect(BarTime.value(field, at: .max).isFinite)
            #expect(BarTime.value(field, at: .min).isFinite)
        }
    }
}
