import Engine
import Foundation
import MarketData
import Signals
import Testing
@testable import Research

/// The runner: every row is the run `barwise run --set …` would make, whatever the threading.
@Suite struct SweepRunnerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func goog() throws -> BarSeries {
        let path = root.appendingPathComponent("Tests/Fixtures/data/GOOG_daily_2004-2013.csv").path
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return try InputParser.parse(bytes, format: .auto, options: ParseOptions(fileName: path, symbol: "GOOG")).series[0]
    }

    static func smaCross(_ overrides: [String] = []) throws -> StrategySpec {
        try StrategySpec.load(path: root.appendingPathComponent("strategies/sma_cross.toml").path, overrides: overrides)
    }

    private func bits(_ s: RunSummary) -> [UInt64] {
        SweepMetric.allCases.map { $0.value(s).bitPattern } + [UInt64(s.start), UInt64(s.end), UInt64(s.bars)]
    }

    @Test func everyRowEqualsTheRunWithTheSameParamsSetBitForBit() throws {
        let spec = try Self.smaCross()
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=5,10,15"), GridAxis(parsing: "slow=20:60:20")], strategyParams: spec.paramNames)
        let plan = try SweepPlan(grid: grid, params: spec.params)
        let goog = try Self.goog()
        let rows = try SweepRunner(spec: spec, plan: plan, series: [goog], jobs: 2).run()
        #expect(rows.count == 9)
        for row in rows {
            let p = row.params
            let alone = try Backtest.run(spec: try Self.smaCross(["fast=\(Int(p["fast"]!))", "slow=\(Int(p["slow"]!))"]), series: [goog])
            #expect(bits(row.summary) == bits(RunSummary(result: alone, periodsPerYear: 252)), "\(p)")
        }
        // The README SmaCross (10/20) is backtesting.py's run: final equity 56,263.51934.
        let readme = try #require(rows.first { $0.params == ["fast": 10, "slow": 20] })
        #expect(abs(readme.summary.finalEquity - 56_263.51934) < 1e-5)
    }

    @Test func recordedRulesWithStopsAndRiskSizingGiveTheSameRunsBitForBit() throws {
        // Bollinger breakout: shared ATR and Bollinger nodes, stop-loss and take-profit distances
        // read back as recorded doubles, risk sizing against the stop.
        let path = Self.root.appendingPathComponent("strategies/bollinger_breakout.toml").path
        let spec = try StrategySpec.load(path: path)
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "period=10:30:10"), GridAxis(parsing: "width=1.5,2,2.5")], strategyParams: spec.paramNames)
        let plan = try SweepPlan(grid: grid, params: spec.params)
        let goog = try Self.goog()
        let rows = try SweepRunner(spec: spec, plan: plan, series: [goog], jobs: 2).run()
        #expect(rows.count == 9)
        #expect(rows.contains { $0.summary.trades > 5 })
        for row in rows {
            let p = row.params
            let alone = try Backtest.run(spec: try StrategySpec.load(path: path, overrides: ["period=\(Int(p["period"]!))", "width=\(p["width"]!)"]), series: [goog])
            #expect(bits(row.summary) == bits(RunSummary(result: alone, periodsPerYear: 252)), "\(p)")
        }
    }

    @Test func blocksShrinkSoThatLongSeriesKeepTheRecordedColumnsSmall() {
        let daily = SweepBlocks(combinations: 1_000, symbols: 500, jobs: 2, bars: 2_520)
        #expect(daily.size == 125 && daily.count == 8)
        let minutes = SweepBlocks(combinations: 1_000, symbols: 1, jobs: 2, bars: 1_000_000)
        #expect(minutes.size == 2 && minutes.size * 1_000_000 * 32 <= 64 << 20)
        let few = SweepBlocks(combinations: 175, symbols: 1, jobs: 2, bars: 2_148)
        #expect(few.count == 8 && few.range(of: 7).upperBound == 175)
    }

    @Test func threadCountDoesNotChangeAnyRow() throws {
        let spec = try Self.smaCross()
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=5:25:5"), GridAxis(parsing: "slow=30:90:30")], strategyParams: spec.paramNames)
        let plan = try SweepPlan(grid: grid, params: spec.params)
        let goog = try Self.goog()
        let one = try SweepRunner(spec: spec, plan: plan, series: [goog], jobs: 1).run()
        let three = try SweepRunner(spec: spec, plan: plan, series: [goog], jobs: 3).run()
        #expect(one.map { bits($0.summary) } == three.map { bits($0.summary) })
        #expect(one.map(\.combination) == three.map(\.combination))
    }

    @Test func aCombinationThatCannotCompileNamesItsParams() throws {
        let spec = try Self.smaCross()
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=0,10")], strategyParams: spec.paramNames)
        let plan = try SweepPlan(grid: grid, params: spec.params)
        #expect {
            try SweepRunner(spec: spec, plan: plan, series: [try Self.goog()], jobs: 2).run()
        } throws: { error in
            "\(error)".hasPrefix("combination fast=0 slow=20: ")
        }
    }

    @Test func rankingPutsNaNLastAndKeepsGridOrderOnTies() throws {
        let spec = try Self.smaCross()
        let grid = try ParameterGrid(axes: [GridAxis(parsing: "fast=5:50:5"), GridAxis(parsing: "slow=10:200:10")], strategyParams: spec.paramNames)
        let plan = try SweepPlan(grid: grid, params: spec.params, constraint: ParameterConstraint("fast < slow", params: spec.paramNames))
        let rows = try SweepRunner(spec: spec, plan: plan, series: [try Self.goog()], jobs: 2).run()
        #expect(rows.count == 175)
        let ranked = SweepMetric.sharpe.rank(rows)
        let sharpes = ranked.map(\.summary.sharpe).filter { !$0.isNaN }
        #expect(sharpes == sharpes.sorted(by: >))
        #expect(ranked.first?.params == ["fast": 10, "slow": 20])
    }
}
