import Analytics
import MarketData
import Testing

/// Hand-checked cases for the pieces the reference file does not cover.
@Suite struct AnalyticsUnitTests {
    @Test func percentileInterpolatesLinearlyAsNumpy() {
        #expect(Statistics.percentile([1, 2, 3, 4], 50) == 2.5)
        #expect(Statistics.percentile([4, 1, 3, 2], 0) == 1)
        #expect(abs(Statistics.percentile([1, 2, 3, 4, 5], 5) - 1.2) < 1e-15)
    }

    @Test func normalQuantileInvertsTheDistributionFunction() {
        #expect(abs(NormalDistribution.quantile(0.05) + 1.6448536269514729) < 1e-15)
        #expect(abs(NormalDistribution.quantile(0.01) + 2.3263478740408408) < 1e-15)
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-15)
    }

    @Test func periodsPerYearFollowsTheSpacingAndWeekends() {
        let day: Int64 = 86_400
        let monday: Int64 = 1_704_672_000 // 2024-01-08
        var business: [Int64] = []
        for w in 0..<30 { for d in 0..<5 { business.append(monday + Int64(w * 7 + d) * day) } }
        #expect(PeriodsPerYear.infer(timestamps: business) == 252)
        #expect(PeriodsPerYear.infer(timestamps: (0..<200).map { monday + Int64($0) * day }) == 365)
        #expect(PeriodsPerYear.infer(timestamps: (0..<60).map { monday + Int64($0) * 7 * day }) == 52)
        let months = (0..<40).map { CivilTime.days(year: 2020 + $0 / 12, month: $0 % 12 + 1, day: 1) * day }
        #expect(PeriodsPerYear.infer(timestamps: months) == 12)
        let hourly = business.flatMap { d in (9..<17).map { d + Int64($0) * 3600 } }
        #expect(PeriodsPerYear.infer(timestamps: hourly) == 252)
    }

    @Test func drawdownEpisodesHavePeakTroughRecoveryAndDuration() {
        let day: Int64 = 86_400
        let equity: [Double] = [100, 110, 99, 88, 105, 120, 114, 126, 120]
        let a = DrawdownAnalysis(equity: equity, timestamps: (0..<9).map { Int64($0) * day })
        #expect(a.episodes.count == 3)
        let first = a.episodes[0]
        #expect(first.peak == 1 && first.trough == 3 && first.recovery == 5)
        #expect(abs(first.depth - (88.0 / 110 - 1)) < 1e-15)
        #expect(first.duration == 4 * day)
        #expect(a.episodes[2].recovery == nil)
        #expect(a.maxDrawdown == first.depth)
        #expect(abs(a.averageDrawdown - ((88.0 / 110 - 1) + (114.0 / 120 - 1) + (120.0 / 126 - 1)) / 3) < 1e-15)
    }

    @Test func tradeStatisticsFollowBacktestingPy() {
        let s = TradeStatistics(pnl: [100, -50, 30, -20], returns: [0.1, -0.05, 0.03, -0.02])
        #expect(s.winRate == 0.5)
        #expect(abs(s.profitFactor - 0.13 / 0.07) < 1e-14)
        #expect(abs(s.expectancy - 0.015) < 1e-15)
        #expect(s.averageWin == 65 && s.averageLoss == -35)
        let mean = 15.0, sd = Statistics.standardDeviation([100, -50, 30, -20])
        #expect(abs(s.sqn - 2 * mean / sd) < 1e-14)
    }

    @Test func calendarReturnsCompoundWithinMonthsAndYears() {
        let day: Int64 = 86_400
        let jan30 = CivilTime.days(year: 2021, month: 1, day: 30) * day
        let c = CalendarReturns(returns: [0.1, 0.1, -0.5], timestamps: [jan30, jan30 + day, jan30 + 3 * day])
        #expect(c.monthly.count == 2)
        #expect(abs(c.monthly[0].value - 0.21) < 1e-15)
        #expect(c.monthly[1].month == 2)
        #expect(abs(c.yearly[0].value - (1.21 * 0.5 - 1)) < 1e-15)
    }
}
