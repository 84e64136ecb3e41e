import Analytics
import Foundation
import MarketData
import Testing
@testable import Engine

/// The fast paths in `RunSummary` (daily returns without day checks, four-lane sums) against
/// the plain formulas.
@Suite struct RunSummaryTests {
    /// A random equity curve of daily points with drawdowns, flat stretches and new highs.
    static func curve(_ n: Int, seed: UInt64) -> RunResult {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var r = RunResult(symbols: ["X"], initialCash: 10_000)
        var equity = 10_000.0
        for i in 0..<n {
            if uniform() > 0.2 { equity *= 1 + (uniform() - 0.49) * 0.04 }  // flat 20 % of days
            r.timestamps.append(1_000_000_000 + Int64(i) * 86_400)
            r.equity.append(equity)
        }
        return r
    }

    @Test func maxDrawdownIsTheWorstFallFromARunningPeak() {
        for seed in UInt64(1)...40 {
            let r = Self.curve(1_000 + Int(seed) * 37, seed: seed)
            var peak = -Double.infinity, worst = 0.0
            for e in r.equity {
                peak = max(peak, e)
                worst = min(worst, e / peak - 1)
            }
            #expect(RunSummary(result: r).maxDrawdown.bitPattern == worst.bitPattern, "seed \(seed)")
        }
    }

    @Test func intradayCurvesAreSampledAtEachDaysLastPoint() {
        // Six points a day for five days: four daily returns, between the days' last points.
        var r = RunResult(symbols: ["X"], initialCash: 100)
        for d in 0..<5 {
            for h in 0..<6 {
                r.timestamps.append(1_000_000_000 - 1_000_000_000 % 86_400 + Int64(d) * 86_400 + Int64(h) * 3_600)
                r.equity.append(100 + Double(d * 10 + h))
            }
        }
        let daily = RunSummary.dailyReturns(timestamps: r.timestamps, equity: r.equity)
        let lastOfDay: [Double] = (0..<5).map { d in 100 + Double(d * 10 + 5) }
        let expected: [Double] = (1..<5).map { d in lastOfDay[d] / lastOfDay[d - 1] - 1 }
        #expect(daily == expected)
        // Daily points take the fast path and give every point's return.
        let days = RunSummary.dailyReturns(timestamps: (0..<4).map { Int64($0) * 86_400 }, equity: [1, 2, 4, 2])
        #expect(days == [1, 1, -0.5])
    }

    @Test func laneSumsAgreeWithPlainSumsForEveryRemainderLength() {
        for n in [0, 1, 2, 3, 4, 5, 7, 8, 250, 2_519] {
            let returns = Self.curve(n + 1, seed: UInt64(n) + 99).equity.indices.dropFirst().map { i -> Double in
                let e = Self.curve(n + 1, seed: UInt64(n) + 99).equity
                return e[i] / e[i - 1] - 1
            }
            var growth = 1.0, sum = 0.0, downside = 0.0
            for x in returns {
                growth *= 1 + x
                sum += x
                downside += min(x, 0) * min(x, 0)
            }
            let lanes = RunSummary.moments(returns)
            #expect(abs(lanes.growth - growth) <= 1e-13 * abs(growth), "n \(n)")
            #expect(abs(lanes.sum - sum) <= 1e-13 * max(1, abs(sum)), "n \(n)")
            #expect(abs(lanes.downside - downside) <= 1e-13 * max(1e-300, downside), "n \(n)")
            let mean = returns.isEmpty ? 0 : sum / Double(returns.count)
            let plain = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let cubes = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) * ($1 - mean) }
            let fourths = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) * ($1 - mean) * ($1 - mean) }
            let lanes4 = RunSummary.centralMoments(returns, from: mean)
            #expect(abs(lanes4.squares - plain) <= 1e-13 * max(1e-300, plain), "n \(n)")
            #expect(abs(lanes4.cubes - cubes) <= 1e-12 * max(1e-300, returns.reduce(0) { $0 + abs(($1 - mean) * ($1 - mean) * ($1 - mean)) }), "n \(n)")
            #expect(abs(lanes4.fourths - fourths) <= 1e-13 * max(1e-300, fourths), "n \(n)")
        }
    }

    /// A run of `n` daily points from `start`, equity from `values` (cycled).
    static func run(_ n: Int, start: Int64 = 1_704_672_000, step: Int64 = 86_400, values: [Double]) -> RunResult {
        var r = RunResult(symbols: ["X"], initialCash: 10_000)
        for i in 0..<n {
            r.timestamps.append(start + Int64(i) * step)
            r.equity.append(values[i % values.count])
        }
        return r
    }

    @Test(arguments: [0, 1, 2, 3])
    func summariesOfVeryShortRunsAreNaNWhereUndefined(bars: Int) {
        let s = RunSummary(result: Self.run(bars, values: [10_000, 10_100, 9_950]))
        #expect(s.bars == bars && s.returnCount == max(0, bars - 1))
        #expect(s.totalReturn.isFinite && s.maxDrawdown.isFinite)
        #expect(s.annualReturn.isNaN == (bars < 2) && s.sortino.isNaN == (bars < 3))
        #expect(s.annualVolatility.isNaN == (bars < 3) && s.sharpe.isNaN == (bars < 3))
        #expect(s.cagr.isNaN == (bars < 2))
        #expect(s.calmar.isNaN == (bars < 3))               // the fall comes with the third point
        #expect(s.returnSkewness.isNaN && s.returnKurtosis.isNaN)
        #expect(s.winRate.isNaN && s.exposure.isNaN == (bars == 0))
        #expect(s.periodsPerYear == 252)
        for v in [s.totalReturn, s.cagr, s.annualReturn, s.annualVolatility, s.sharpe, s.sortino, s.calmar, s.maxDrawdown] {
            #expect(!v.isInfinite)
        }
    }

    @Test func flatEquityHasNoSharpeSortinoOrCalmar() {
        let s = RunSummary(result: Self.run(30, values: [10_000]))
        #expect(s.totalReturn == 0 && s.annualVolatility == 0 && s.maxDrawdown == 0)
        #expect(s.sharpe.isNaN && s.sortino.isNaN && s.calmar.isNaN)
    }

    @Test func periodsPerYearIsTheAnalyticsRuleOnTheRunsTimestamps() {
        let values = (0..<400).map { 10_000 * (1 + 0.01 * sin(Double($0) / 7)) + Double($0) }
        // Every calendar day (crypto): 365, the N of alpha and beta too.
        let everyDay = Self.run(400, values: values)
        let crypto = RunSummary(result: everyDay)
        let metrics = PerformanceMetrics(equity: everyDay.equity, timestamps: everyDay.timestamps)
        #expect(crypto.periodsPerYear == 365 && metrics.periodsPerYear == 365)
        #expect(abs(crypto.sharpe - ReturnMetrics.sharpe(metrics.returns, periodsPerYear: 365)) <= 1e-12 * abs(crypto.sharpe))
        #expect(abs(crypto.annualReturn - metrics.annualReturn) <= 1e-12 * abs(crypto.annualReturn))
        // Business days: 252; weekly and monthly stamps: 52 and 12.
        var business = RunResult(symbols: ["X"], initialCash: 10_000)
        for (i, t) in everyDay.timestamps.enumerated() where (t / 86_400 + 3) % 7 < 5 {
            business.timestamps.append(t)
            business.equity.append(values[i])
        }
        #expect(RunSummary(result: business).periodsPerYear == 252)
        #expect(RunSummary(result: Self.run(60, step: 7 * 86_400, values: values)).periodsPerYear == 52)
        var monthly = RunResult(symbols: ["X"], initialCash: 10_000)
        for m in 0..<40 {
            monthly.timestamps.append(CivilTime.days(year: 2020 + m / 12, month: m % 12 + 1, day: 1) * 86_400)
            monthly.equity.append(values[m])
        }
        #expect(RunSummary(result: monthly).periodsPerYear == 12)
        // Given N is used as is (a sweep passes its series' N once).
        let given = RunSummary(result: everyDay, periodsPerYear: 365)
        #expect(given.sharpe.bitPattern == crypto.sharpe.bitPattern && given.annualReturn.bitPattern == crypto.annualReturn.bitPattern)
    }
}
