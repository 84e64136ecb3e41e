import Engine
import Testing
@testable import Research

/// Walk-forward folds and the stitched out-of-sample run.
@Suite struct WalkForwardTests {
    @Test func rollingFoldsStepByTheTestWindow() throws {
        let wf = try WalkForward(parsing: "100:50", anchored: false)
        let folds = wf.folds(bars: 260)
        #expect(folds == [
            .init(train: 0..<100, test: 100..<150), .init(train: 50..<150, test: 150..<200),
            .init(train: 100..<200, test: 200..<250),
        ])
    }

    @Test func anchoredFoldsAlwaysTrainFromTheFirstBar() throws {
        let folds = try WalkForward(parsing: "100:50", anchored: true).folds(bars: 200)
        #expect(folds.map(\.train) == [0..<100, 0..<150] && folds.map(\.test) == [100..<150, 150..<200])
    }

    @Test(arguments: ["100", "1:50", "a:b", "100:0"])
    func malformedSpecsAreRejected(text: String) {
        #expect(throws: SweepError.self) { try WalkForward(parsing: text, anchored: false) }
    }

    @Test func eachTestWindowRunsTheInSampleWinnerAndTheCurveIsChained() throws {
        let spec = try SweepRunnerTests.smaCross()
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=5,10"), GridAxis(parsing: "slow=20,40")], strategyParams: spec.paramNames)
        let goog = try SweepRunnerTests.goog()
        let runner = SweepRunner(spec: spec, plan: try SweepPlan(grid: grid, params: spec.params), series: [goog], jobs: 2)
        let result = try #require(try WalkForward(parsing: "500:250", anchored: false).run(runner, rank: .sharpe).first)
        #expect(result.folds.count == (goog.count - 500) / 250)
        for f in result.folds {
            // The chosen params are the best on the training window, and nothing else.
            var inner = runner
            inner.series = [goog.slice(f.window.train)]
            let best = try #require(SweepMetric.sharpe.rank(try inner.run()).first)
            #expect(best.params == f.best.params)
            #expect(f.outOfSample.bars == 250 && f.outOfSample.start == goog.timestamps[f.window.test.lowerBound])
        }
        // Chained: each window starts where the previous one ended.
        #expect(result.timestamps.count == 250 * result.folds.count)
        #expect(result.equity.first == spec.portfolio.cash)
        #expect(abs(result.summary.finalEquity / spec.portfolio.cash - result.folds.map { 1 + $0.outOfSample.totalReturn }.reduce(1, *)) < 1e-9)
    }

    @Test func outOfSampleTradesCarryBarIndicesIntoTheSymbolsSeries() throws {
        let spec = try SweepRunnerTests.smaCross()
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=5,10"), GridAxis(parsing: "slow=20,40")], strategyParams: spec.paramNames)
        let goog = try SweepRunnerTests.goog()
        let runner = SweepRunner(spec: spec, plan: try SweepPlan(grid: grid, params: spec.params), series: [goog], jobs: 2)
        let result = try #require(try WalkForward(parsing: "500:250", anchored: false).run(runner, rank: .sharpe).first)
        #expect(!result.trades.isEmpty)
        #expect(result.trades == result.folds.flatMap(\.trades))
        for f in result.folds {
            // The same trades as a run over the test window alone, shifted by its first bar.
            let alone = try runner.runResult(combination: f.best.combination, series: [goog.slice(f.window.test)])
            #expect(f.trades.count == alone.trades.count)
            for (t, a) in zip(f.trades, alone.trades) {
                #expect(t.entryBar == a.entryBar + f.window.test.lowerBound && t.exitBar == a.exitBar + f.window.test.lowerBound)
            }
            for t in f.trades {
                // An index into the loaded series: the bar at that index has the trade's time.
                #expect(f.window.test.contains(t.entryBar) && f.window.test.contains(t.exitBar))
                #expect(goog.timestamps[t.entryBar] == t.entryTime && goog.timestamps[t.exitBar] == t.exitTime)
            }
        }
    }

    @Test func foldSummariesUseTheWholeSeriesAnnualisation() throws {
        let spec = try SweepRunnerTests.smaCross()
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=10"), GridAxis(parsing: "slow=20")], strategyParams: spec.paramNames)
        let goog = try SweepRunnerTests.goog()
        let runner = SweepRunner(spec: spec, plan: try SweepPlan(grid: grid, params: spec.params), series: [goog], jobs: 1)
        let result = try #require(try WalkForward(parsing: "500:250", anchored: false).run(runner, rank: .sharpe).first)
        #expect(result.summary.periodsPerYear == RunSummary.periodsPerYear(for: goog))
        #expect(result.folds.allSatisfy { $0.outOfSample.periodsPerYear == 252 })
    }
}
