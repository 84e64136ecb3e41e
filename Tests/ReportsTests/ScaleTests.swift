import Testing
@testable import Reports
import MarketData

@Test func niceTicksOfUnitRangeStepByPointTwo() {
    #expect(NiceTicks.ticks(0, 1, count: 6) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
}

@Test func niceTicksOfEquityRangeAreRoundThousands() {
    let t = NiceTicks.ticks(7_660, 56_309, count: 6)
    #expect(t == [0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000])
}

@Test func niceTicksOfNegativeFractionsCoverTheDeepestDrawdown() {
    let t = NiceTicks.ticks(-0.3393, 0, count: 5)
    #expect(t.first! <= -0.3393 && t.last == 0)
    #expect(t == [-0.4, -0.30000000000000004, -0.2, -0.1, 0])
}

@Test func niceNumberRoundsToOneTwoFiveOrTen() {
    #expect(NiceTicks.niceNumber(0.0031, round: true) == 0.005)
    #expect(NiceTicks.niceNumber(7.3, round: false) == 10)
    #expect(NiceTicks.niceNumber(1.2, round: true) == 1)
    #expect(NiceTicks.niceNumber(2.6, round: true) == 2)
}

@Test func linearScaleMapsDomainEndsToRangeEnds() {
    let s = LinearScale(domain: (0, 100), range: (300, 0))
    #expect(s(0) == 300)
    #expect(s(100) == 0)
    #expect(s(25) == 225)
    let (niced, ticks) = LinearScale(domain: (3, 97), range: (0, 1)).niced(count: 6)
    #expect(niced.domain == (0, 100))
    #expect(ticks == [0, 20, 40, 60, 80, 100])
}

@Test func logScaleGivesEqualHeightsToEqualRatios() {
    let s = LogScale(domain: (1_000, 100_000), range: (200, 0))
    #expect(abs(s(1_000) - 200) < 1e-9)
    #expect(abs(s(10_000) - 100) < 1e-9)
    #expect(abs(s(100_000)) < 1e-9)
    #expect(s.ticks() == [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000])
}

@Test func logScaleTicksOfANarrowDomainFallBackToLinear() {
    let t = LogScale(domain: (7_000, 9_500), range: (1, 0)).ticks()
    #expect(t.count >= 3)
    #expect(t.allSatisfy { $0 >= 7_000 && $0 <= 9_500 })
}

@Test func timeScaleTicksOfTheGoogRunAreYears() {
    let s = TimeScale(domain: (CivilTime.epochSeconds(year: 2004, month: 8, day: 19), CivilTime.epochSeconds(year: 2013, month: 3, day: 1)), range: (0, 900))
    let ticks = s.ticks(count: 10)
    #expect(ticks.map(\.label) == ["2005", "2006", "2007", "2008", "2009", "2010", "2011", "2012", "2013"])
    #expect(abs(s(CivilTime.epochSeconds(year: 2004, month: 8, day: 19))) < 1e-9)
}

@Test func timeScaleTicksOfOneYearAreMonthStarts() {
    let s = TimeScale(domain: (CivilTime.epochSeconds(year: 2010, month: 1, day: 5), CivilTime.epochSeconds(year: 2010, month: 12, day: 20)), range: (0, 900))
    let labels = s.ticks(count: 8).map(\.label)
    #expect(labels == ["2010-04", "2010-07", "2010-10"])
}

@Test func timeScaleTicksOfOneDayAreClockHours() {
    let day = CivilTime.epochSeconds(year: 2020, month: 3, day: 2)
    let s = TimeScale(domain: (day + 9 * 3600 + 1_800, day + 16 * 3600), range: (0, 900))
    let labels = s.ticks(count: 8).map(\.label)
    #expect(labels == ["03-02 10:00", "03-02 11:00", "03-02 12:00", "03-02 13:00", "03-02 14:00", "03-02 15:00", "03-02 16:00"])
}

@Test func tickLabelsUseTheStepsDecimals() {
    #expect(NumberText.tick(0.25, step: 0.05, percent: true) == "25%")
    #expect(NumberText.tick(-0.125, step: 0.025, percent: true) == "-12.5%")
    #expect(NumberText.tick(50_000, step: 10_000) == "50,000")
    #expect(NumberText.tick(0.4, step: 0.2) == "0.4")
    #expect(NumberText.grouped(-1_234_567.891, 2) == "-1,234,567.89")
    #expect(NumberText.tick(12_500_000, step: 2_500_000) == "12.5M")
    #expect(NumberText.tick(40e9, step: 10e9) == "40B")
    #expect(NumberText.tick(25_000_000, step: 50_000) == "25,000,000")
}

@Test func fixedRoundsHalfAwayAndNeverPrintsMinusZero() {
    #expect(NumberText.fixed(462.6351934, 2) == "462.64")
    #expect(NumberText.fixed(-0.0004, 2) == "0.00")
    #expect(NumberText.fixed(-33.93159, 2) == "-33.93")
    #expect(NumberText.fixed(0.05, 0) == "0")
    #expect(NumberText.fixed(2.5, 0) == "3")
    #expect(NumberText.fixed(1e20, 1) == "100000000000000000000.0")
    #expect(NumberText.fixed(.nan, 2) == "–")
    #expect(NumberText.percent(0.0061573) == "0.62%")
}
