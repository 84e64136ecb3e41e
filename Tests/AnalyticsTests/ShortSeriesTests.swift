import Analytics
import Foundation
import Testing

/// Every metric on 0, 1 and 2 inputs (and flat ones): a figure the input cannot define is NaN,
/// never a trap and never an infinity (JSON has neither; summary.json writes NaN as null).
@Suite struct ShortSeriesTests {
    /// Σ over `values`: true when each is finite or NaN.
    static func finiteOrNaN(_ values: [Double]) -> Bool { values.allSatisfy { $0.isFinite || $0.isNaN } }

    @Test func noReturnsGiveNaNExceptTheEmptyProductAndTheAbsentFall() {
        let r: [Double] = []
        #expect(ReturnMetrics.totalReturn(r) == 0)
        #expect(ReturnMetrics.maxDrawdown(r) == 0)
        let undefined = [
            ReturnMetrics.annualReturn(r), ReturnMetrics.annualVolatility(r), ReturnMetrics.sharpe(r),
            ReturnMetrics.downsideRisk(r), ReturnMetrics.sortino(r), ReturnMetrics.calmar(r), ReturnMetrics.omega(r),
            ReturnMetrics.stability(r), ReturnMetrics.tailRatio(r), ReturnMetrics.historicalVaR(r), ReturnMetrics.historicalCVaR(r),
            ReturnMetrics.parametricVaR(r), ReturnMetrics.parametricCVaR(r), ReturnMetrics.beta(r, benchmark: r),
            ReturnMetrics.alpha(r, benchmark: r), ReturnMetrics.arithmeticAlpha(r, benchmark: r),
            ReturnMetrics.probabilisticSharpe(r), ReturnMetrics.exposure(r), ReturnMetrics.periodWinRate(r),
            Statistics.mean(r), Statistics.variance(r), Statistics.skewness(r), Statistics.excessKurtosis(r),
            Statistics.skewness(r, bias: true), Statistics.excessKurtosis(r, bias: true), Statistics.percentile(r, 5),
            Statistics.covariance(r, r), Statistics.correlation(r, r),
        ]
        for (i, v) in undefined.enumerated() { #expect(v.isNaN, "figure \(i) is \(v)") }
    }

    @Test func oneReturnHasALevelButNoDeviation() {
        let r = [0.01]
        #expect(ReturnMetrics.totalReturn(r) == (1 + 0.01) - 1)
        #expect(ReturnMetrics.annualReturn(r, periodsPerYear: 252) == pow(1 + 0.01, 252) - 1)
        #expect(ReturnMetrics.historicalVaR(r) == 0.01 && ReturnMetrics.historicalCVaR(r) == 0.01)
        #expect(ReturnMetrics.tailRatio(r) == 1)
        #expect(ReturnMetrics.maxDrawdown(r) == 0)
        #expect(ReturnMetrics.exposure(r) == 1 && ReturnMetrics.periodWinRate(r) == 1)
        let undefined = [
            ReturnMetrics.annualVolatility(r), ReturnMetrics.sharpe(r), ReturnMetrics.sortino(r), ReturnMetrics.calmar(r),
            ReturnMetrics.omega(r), ReturnMetrics.stability(r), ReturnMetrics.parametricVaR(r), ReturnMetrics.parametricCVaR(r),
            ReturnMetrics.beta(r, benchmark: [0.02]), ReturnMetrics.alpha(r, benchmark: [0.02]), ReturnMetrics.probabilisticSharpe(r),
            Statistics.variance(r), Statistics.skewness(r), Statistics.excessKurtosis(r),
        ]
        for (i, v) in undefined.enumerated() { #expect(v.isNaN, "figure \(i) is \(v)") }
    }

    @Test func twoReturnsHaveADeviationButNoHigherMoments() {
        let r = [0.01, -0.02]
        let sd = Statistics.standardDeviation(r)
        #expect(sd > 0)
        #expect(ReturnMetrics.sharpe(r, periodsPerYear: 252) == Statistics.mean(r) / sd * 252.0.squareRoot())
        let w1 = 1 + 0.01, w2 = w1 * (1 + -0.02)
        #expect(ReturnMetrics.maxDrawdown(r) == w2 / w1 - 1)
        #expect(ReturnMetrics.omega(r) == 0.01 / 0.02)
        #expect(abs(ReturnMetrics.stability(r) - 1) < 1e-12)  // two points lie on a line
        #expect(ReturnMetrics.historicalCVaR(r) == -0.02)
        #expect(ReturnMetrics.beta(r, benchmark: [0.01, 0.03]) == Statistics.covariance(r, [0.01, 0.03]) / Statistics.variance([0.01, 0.03]))
        for v in [ReturnMetrics.sortino(r), ReturnMetrics.calmar(r), ReturnMetrics.tailRatio(r), ReturnMetrics.parametricVaR(r)] {
            #expect(v.isFinite)
        }
        // Skewness needs three values, kurtosis (and so the probabilistic Sharpe) four.
        #expect(Statistics.skewness(r).isNaN && Statistics.skewness(r, bias: true).isNaN)
        #expect(Statistics.excessKurtosis(r).isNaN && ReturnMetrics.probabilisticSharpe(r).isNaN)
        #expect(Statistics.skewness([0.01, -0.02, 0.04]).isFinite && Statistics.excessKurtosis([0.01, -0.02, 0.04, 0]).isFinite)
    }

    @Test func zeroDenominatorsAreNaNNotInfinite() {
        let flat = [0.01, 0.01, 0.01, 0.01]
        #expect(ReturnMetrics.annualVolatility(flat) == 0)
        #expect(ReturnMetrics.sharpe(flat).isNaN)                     // zero deviation
        #expect(ReturnMetrics.sortino(flat).isNaN)                    // no losing period
        #expect(ReturnMetrics.calmar(flat).isNaN)                     // no drawdown
        #expect(ReturnMetrics.omega(flat).isNaN)                      // no negative return
        #expect(ReturnMetrics.tailRatio([0, 0, 0.01]).isNaN)          // 5th percentile 0
        #expect(ReturnMetrics.beta([0.01, 0.02], benchmark: [0.03, 0.03]).isNaN)  // flat benchmark
        #expect(ReturnMetrics.beta([0.01, 0.02], benchmark: [0.03]).isNaN)        // lengths differ
        #expect(Statistics.skewness(flat).isNaN && Statistics.excessKurtosis(flat).isNaN)
        #expect(ReturnMetrics.probabilisticSharpe(flat).isNaN)
        #expect(ReturnMetrics.periodWinRate([0, 0]).isNaN)
    }

    @Test(arguments: [0, 1, 2])
    func tradeStatisticsOfZeroOneAndTwoTradesNeverTrap(count: Int) {
        let pnl = Array([120.0, -40].prefix(count)), returns = Array([0.12, -0.04].prefix(count))
        let s = TradeStatistics(pnl: pnl, returns: returns)
        #expect(s.count == count)
        let figures = [s.winRate, s.profitFactor, s.expectancy, s.averageWin, s.averageLoss, s.bestTrade, s.worstTrade, s.sqn]
        #expect(Self.finiteOrNaN(figures))
        switch count {
        case 0: #expect(figures.allSatisfy { $0.isNaN })
        case 1: #expect(s.winRate == 1 && s.profitFactor.isNaN && s.sqn.isNaN && s.averageLoss.isNaN)
        default: #expect(s.profitFactor == 0.12 / 0.04 && s.sqn.isFinite)
        }
        // Equal pnl: no deviation, no SQN.
        #expect(TradeStatistics(pnl: [5, 5], returns: [0.1, 0.1]).sqn.isNaN)
    }

    @Test(arguments: [0, 1, 2, 3])
    func performanceMetricsOfVeryShortCurvesAreNaNWhereUndefined(points: Int) {
        let day: Int64 = 86_400
        let monday: Int64 = 1_704_672_000
        let equity = Array([10_000.0, 10_100, 9_950].prefix(points))
        let stamps = (0..<points).map { monday + Int64($0) * day }
        let m = PerformanceMetrics(equity: equity, timestamps: stamps, benchmarkReturns: Array([0.01, 0.02].prefix(max(0, points - 1))),
                                   tradePnL: [], tradeReturns: [], positionExposure: [], tradedNotional: [])
        #expect(m.returns.count == max(0, points - 1))
        #expect(m.periodsPerYear == 252)
        #expect(Self.finiteOrNaN(m.namedValues.map(\.value)), "\(m.namedValues.filter { $0.value.isInfinite })")
        #expect(m.conditionalValueAtRisk.isNaN == (points < 2))
        #expect(m.sharpe.isNaN == (points < 3))
        #expect(m.skew.isNaN && m.probabilisticSharpe.isNaN)
        #expect(m.maxDrawdown == (points == 3 ? 9_950.0 / 10_100 - 1 : 0))
    }

    @Test func drawdownOfEmptyAndSinglePointCurves() {
        #expect(DrawdownAnalysis(equity: [], timestamps: []).episodes.isEmpty)
        let one = DrawdownAnalysis(equity: [100], timestamps: [0])
        #expect(one.drawdown == [0] && one.maxDrawdown == 0 && one.maxEpisode == nil && one.averageDrawdown == 0)
        #expect(DrawdownAnalysis.series([]) == [] && DrawdownAnalysis.maximum([]) == 0)
        #expect(DrawdownAnalysis.series([100, 120, 90, 130, 65]) == [0, 0, -0.25, 0, -0.5])
        #expect(DrawdownAnalysis.maximum([100, 120, 90, 130, 65]) == -0.5)
        // The series, the maximum and the analysis are one definition.
        let curve = [100.0, 103, 97.5, 99, 110, 80.25, 81]
        let a = DrawdownAnalysis(equity: curve, timestamps: (0..<7).map { Int64($0) })
        #expect(a.drawdown == DrawdownAnalysis.series(curve))
        #expect(a.maxDrawdown == DrawdownAnalysis.maximum(curve))
    }

    @Test func calendarAndPeriodsOfNoData() {
        let c = CalendarReturns(returns: [], timestamps: [])
        #expect(c.bestMonth == nil && c.worstYear == nil)
        #expect(PeriodsPerYear.infer(timestamps: []) == 252 && PeriodsPerYear.infer(timestamps: [0]) == 252)
        #expect(DailyResampler.returns([]) == [] && DailyResampler.returns([5]) == [])
    }
}
