import Analytics
import Engine
import Testing
@testable import Research

/// The deflated Sharpe ratio's benchmark: the Sharpe the best of T trials reaches by luck.
@Suite struct DeflatedSharpeTests {
    @Test func expectedMaximumMatchesAnIndependentComputation() {
        // Python's statistics.NormalDist on the same 100 per-period Sharpes 0.01…1.00:
        // sqrt(variance(s)) * ((1-γ)·inv_cdf(1-1/100) + γ·inv_cdf(1-1/(100e))) = 0.734165655302645
        let sharpes = (1...100).map { Double($0) / 100 }
        let sr0 = DeflatedSharpe.expectedMaximum(perPeriodSharpes: sharpes)
        #expect(abs(sr0 - 0.734165655302645) < 1e-12)
    }

    @Test func moreTrialsRaiseTheBarAndLowerTheDeflatedSharpe() {
        var returns: [Double] = []
        var state: UInt64 = 3
        for _ in 0..<1_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            returns.append(0.0008 + (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.02)
        }
        let few = (0..<10).map { 0.02 + Double($0) * 0.004 }
        let many = (0..<1_000).map { 0.02 + Double($0 % 10) * 0.004 }
        let dsrFew = DeflatedSharpe.deflated(bestReturns: returns, perPeriodSharpes: few)
        let dsrMany = DeflatedSharpe.deflated(bestReturns: returns, perPeriodSharpes: many)
        #expect(dsrFew > dsrMany && dsrMany > 0 && dsrFew < 1)
        #expect(DeflatedSharpe.expectedMaximum(perPeriodSharpes: [0.1]).isNaN)
    }
}

/// `DeflatedSharpe.ofBest` works from a summary's figures (what merged shards have); it must
/// agree with the statistics computed from the returns themselves.
@Suite struct DeflatedSharpeFromSummaryTests {
    @Test func summaryMomentsGiveTheSamePSRAndDSRAsTheReturns() throws {
        let goog = try SweepRunnerTests.goog()
        let result = try Backtest.run(spec: try SweepRunnerTests.smaCross(), series: [goog])
        let summary = RunSummary(result: result, periodsPerYear: 252)
        let e = result.equity
        let returns = (1..<e.count).map { e[$0] / e[$0 - 1] - 1 }
        #expect(summary.returnCount == returns.count)
        #expect(abs(summary.returnSkewness - Statistics.skewness(returns, bias: true)) < 1e-12)
        #expect(abs(summary.returnKurtosis - Statistics.excessKurtosis(returns, bias: true)) < 1e-10)
        let trials = [0.3, 0.5, 0.8268, 0.1, -0.2, 0.45]
        let fromSummary = DeflatedSharpe.ofBest(summary, sharpes: trials, periodsPerYear: 252)
        #expect(abs(fromSummary.psr - ReturnMetrics.probabilisticSharpe(returns)) < 1e-12)
        let dsr = DeflatedSharpe.deflated(bestReturns: returns, perPeriodSharpes: trials.map { $0 / 252.0.squareRoot() })
        #expect(abs(fromSummary.dsr - dsr) < 1e-12 && dsr > 0 && dsr < 1)
    }
}
