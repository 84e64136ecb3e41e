import Engine
import Foundation
import MarketData
import Testing
@testable import Research

/// Sweeps infer N once per series (or once for a portfolio) and give every row the N a run with
/// the same bars gets on its own.
@Suite struct SweepAnnualisationTests {
    /// A series traded every calendar day (weekends too, as crypto) over GOOG's first dates.
    static func everyDay(from goog: BarSeries) -> BarSeries {
        var s = BarSeries(symbol: "X", interval: .daily)
        let start = goog.timestamps[0]
        for i in 0..<goog.count {
            s.timestamps.append(start + Int64(i) * 86_400)
            s.open.append(goog.open[i]); s.high.append(goog.high[i]); s.low.append(goog.low[i]); s.close.append(goog.close[i])
            s.volume.append(goog.volume[i]); s.adjClose.append(goog.adjClose[i])
        }
        return s
    }

    @Test func everyRowHasTheNOfItsOwnRun() throws {
        let spec = try SweepRunnerTests.smaCross()
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=5,10")], strategyParams: spec.paramNames)
        let goog = try SweepRunnerTests.goog()
        let series = [goog, Self.everyDay(from: goog)]
        var runner = SweepRunner(spec: spec, plan: try SweepPlan(grid: grid, params: spec.params), series: series, jobs: 2)
        let rows = try runner.run()
        #expect(rows.filter { $0.symbol == "GOOG" }.allSatisfy { $0.summary.periodsPerYear == 252 })
        #expect(rows.filter { $0.symbol == "X" }.allSatisfy { $0.summary.periodsPerYear == 365 })
        runner.portfolio = true
        for row in try runner.run() {
            let alone = RunSummary(result: try runner.runResult(combination: row.combination, series: series))
            #expect(row.summary.periodsPerYear == alone.periodsPerYear)
            #expect(row.summary.sharpe.bitPattern == alone.sharpe.bitPattern)
        }
    }
}
