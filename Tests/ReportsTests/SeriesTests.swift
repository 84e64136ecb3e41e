import Testing
@testable import Reports
import Analytics
import MarketData

@Test func drawdownOfTheFixtureMatchesItsSummaryAndEquityCsv() throws {
    let run = try RunFolder.read(Fixture.smaCross)
    let computed = DrawdownAnalysis.series(run.equity.equity)
    #expect(computed.min()! == run.summary.metrics["max_drawdown"]!)
    let path = Fixture.smaCross + "/equity.csv"
    let written = try EquityCurve.read(path: path, name: path, full: true)
    #expect(written.cash.count == 2148 && written.exposure.count == 2148)
    #expect(run.equity.drawdown == computed)
    #expect(written.drawdown == computed)
}

@Test func monthlyReturnsOfTheFixtureMatchHandComputedValues() throws {
    let run = try RunFolder.read(Fixture.smaCross)
    let months = PeriodReturns.monthly(timestamps: run.equity.timestamps, equity: run.equity.equity)
    #expect(months.first == PeriodReturns.Month(year: 2004, month: 8, value: 0))
    #expect(months.count == 104)  // 2004-08 .. 2013-03
    // 2004-11: close of 2004-11-30 (9215.41564) over close of 2004-10-29 (10000).
    let nov = months.first { $0.year == 2004 && $0.month == 11 }!
    #expect(abs(nov.value - (9215.415640000001 / 10000.0 - 1)) < 1e-12)
    // 2013-03 (one bar): 2013-03-01 over 2013-02-28.
    #expect(abs(months.last!.value - (56263.51934000004 / 55919.209340000045 - 1)) < 1e-12)
    // Months compound to the total return.
    let compounded = months.reduce(1.0) { $0 * (1 + $1.value) } - 1
    #expect(abs(compounded - run.summary.metrics["total_return"]!) < 1e-9)
}

@Test func yearlyReturnsOfTheFixtureMatchHandComputedValues() throws {
    let run = try RunFolder.read(Fixture.smaCross)
    let years = PeriodReturns.yearly(timestamps: run.equity.timestamps, equity: run.equity.equity)
    #expect(years.map(\.year) == Array(2004...2013))
    let y2008 = years.first { $0.year == 2008 }!
    #expect(abs(y2008.value - (34612.696500000005 / 14947.983900000012 - 1)) < 1e-12)
    let y2013 = years.last!
    #expect(abs(y2013.value - (56263.51934000004 / 49445.62934000004 - 1)) < 1e-12)
}

@Test func rollingStatsUseSampleSdAndAnnualize() {
    let r = [0.01, -0.02, 0.03, 0.0]
    let (vol, sharpe) = RollingStats.compute(r, window: 3, periodsPerYear: 252)
    #expect(vol[0].isNaN && vol[1].isNaN)
    // Window [0.01, -0.02, 0.03]: mean 0.02/3, sample sd sqrt(((1/3)^2 + (8/3)^2 + (7/3)^2) * 1e-4 / 2).
    let mean = 0.02 / 3, sd = ((1.0 / 9 + 64.0 / 9 + 49.0 / 9) * 1e-4 / 2).squareRoot()
    #expect(abs(vol[2] - sd * 252.0.squareRoot()) < 1e-12)
    #expect(abs(sharpe[2] - mean / sd * 252.0.squareRoot()) < 1e-9)
    #expect(RollingStats.window == 126)
    // N scales both: 365 periods a year (crypto) annualise by √365.
    let (vol365, sharpe365) = RollingStats.compute(r, window: 3, periodsPerYear: 365)
    #expect(abs(vol365[2] - sd * 365.0.squareRoot()) < 1e-12 && abs(sharpe365[2] - mean / sd * 365.0.squareRoot()) < 1e-9)
}

@Test func histogramCountsEveryReturnAndVarIsTheFivePercentQuantile() {
    let r = (1...20).map { Double($0) / 100 }
    let h = ReturnHistogram(returns: r, bins: 10)
    #expect(h.counts.reduce(0, +) == 20)
    // numpy.quantile(0.01...0.20, 0.05) == 0.0195
    #expect(abs(h.var95 - 0.0195) < 1e-12)
    #expect(abs(h.mean - 0.105) < 1e-12)
    // The fitted normal integrates to about n over the bins.
    #expect(abs(h.expected.reduce(0, +) - 20) < 3)
}

@Test func buyAndHoldScalesTheFirstCloseToInitialCash() {
    let prices = PriceTable(series: [.init(symbol: "A", timestamps: [10, 20, 30], closes: [50, 55, 100])])
    #expect(BuyAndHold.equity(prices: prices, timestamps: [10, 25, 30], initial: 1_000) == [1_000, 1_100, 2_000])
}

@Test func buyAndHoldOfTheFixtureMatchesBacktestingPy() throws {
    let run = try RunFolder.read(Fixture.smaCross)
    let bh = BuyAndHold.equity(prices: run.prices!, timestamps: run.equity.timestamps, initial: 10_000)!
    #expect(bh.first == 10_000)
    #expect(abs(bh.last! - 10_000 * 806.19 / 100.34) < 1e-9)
    // backtesting.py measures buy & hold from the first bar after the indicators' warm-up
    // (bar 19 for SMA 20, close 113.97); the line is the same curve, so the ratio matches its
    // `Buy & Hold Return [%]` of 607.3703606212161 (SEMANTICS.md section 1.6).
    #expect(abs(bh.last! / bh[19] - 1 - 6.073703606212161) < 1e-9)
}

@Test func buyAndHoldIsCashUntilTheWarmUpBarThenInvestedAtItsClose() {
    let prices = PriceTable(series: [.init(symbol: "A", timestamps: [10, 20, 30, 40], closes: [50, 55, 100, 150])])
    let line = BuyAndHold.equity(prices: prices, timestamps: [10, 20, 30, 40], initial: 1_000, warmUp: 2)!
    #expect(line == [1_000, 1_000, 1_000, 1_500])
    // Its last value over its first is summary.json's figure.
    #expect(line.last! / line.first! - 1 == BuyAndHoldReturn.of(closes: [[50, 55, 100, 150]], warmUp: 2))
}

@Test func reportOfTheFixtureShowsSummaryBuyAndHoldFromTheWarmUp() throws {
    let report = try RunReport(run: RunFolder.read(Fixture.smaCross))
    #expect(report.warmUpBars == 19)
    let bh = try #require(report.metrics.first { $0.name == "buy_and_hold_return" }).value
    #expect(bh == report.run.summary.metrics["buy_and_hold_return"])
    #expect(abs(report.benchmark!.last! / report.benchmark!.first! - 1 - bh) < 1e-12)
}

@Test func priceTableWrittenByTheEngineReadsBack() throws {
    var bars = BarSeries(symbol: "GOOG", interval: .daily)
    bars.timestamps = [CivilTime.epochSeconds(year: 2004, month: 8, day: 19), CivilTime.epochSeconds(year: 2004, month: 8, day: 20)]
    bars.close = [100.34, 108.31]
    let dir = try Fixture.copy()
    try PriceTable(bars: [bars]).write(folder: dir)
    #expect(try Fixture.read(dir, "prices.csv") == "timestamp,symbol,close\n2004-08-19T00:00:00Z,GOOG,100.34\n2004-08-20T00:00:00Z,GOOG,108.31\n")
    let path = dir + "/prices.csv"
    #expect(try PriceTable.read(path: path, name: path) == PriceTable(series: [.init(symbol: "GOOG", timestamps: bars.timestamps, closes: bars.close)]))
}
