import Foundation
import MarketData
import Signals
import Testing
@testable import Engine

/// The shipped SmaCross strategies on GOOG match backtesting.py 0.6.6 trade for trade (bars,
/// sizes and prices exact) and its equity curve to 1e-9 on every bar (SEMANTICS.md section 1;
/// fixtures in Tests/Fixtures/reference/backtesting_py, see PROVENANCE.md there).
@Suite struct BacktestingPyReferenceTests {
    static func run(_ strategy: String, overrides: [String] = [], closeAtEnd: Bool = false) throws -> RunResult {
        let spec = try StrategySpec.load(path: EngineFixtures.path("strategies/\(strategy)"), overrides: overrides)
        return try Backtest.run(spec: spec, series: [try EngineFixtures.goog()], closeAtEnd: closeAtEnd)
    }

    /// Compares trades exactly and the equity curve to 1e-9; returns the largest differences.
    @discardableResult
    static func expectMatches(_ result: RunResult, trades tradesFile: String, equity equityFile: String) throws -> (pnl: Double, equity: Double) {
        let ref = try EngineFixtures.referenceRows(tradesFile)
        #expect(result.trades.count == ref.count)
        var pnl = 0.0
        for (t, r) in zip(result.trades, ref) {
            #expect(t.size == Double(r["Size"]!)!, "size of trade entered at bar \(t.entryBar)")
            #expect(t.entryBar == Int(r["EntryBar"]!)!)
            #expect(t.exitBar == Int(r["ExitBar"]!)!)
            #expect(t.entryPrice == Double(r["EntryPrice"]!)!)
            #expect(t.exitPrice == Double(r["ExitPrice"]!)!)
            #expect(CivilTime.isoDate(t.entryTime) == r["EntryTime"]!)
            #expect(CivilTime.isoDate(t.exitTime) == r["ExitTime"]!)
            pnl = max(pnl, abs(t.pnl - Double(r["PnL"]!)!))
            #expect(abs(t.commission - Double(r["Commission"]!)!) <= 1e-9)
            #expect(abs(t.returnPct - Double(r["ReturnPct"]!)!) <= 1e-12)
        }
        #expect(pnl <= 1e-9)
        let eq = try EngineFixtures.referenceRows(equityFile)
        #expect(result.equity.count == eq.count)
        var worst = 0.0
        for (e, r) in zip(result.equity, eq) { worst = max(worst, abs(e - Double(r["Equity"]!)!)) }
        #expect(worst <= 1e-9, "equity max abs diff \(worst)")
        print("\(tradesFile): \(result.trades.count) trades, max |ΔPnL| \(pnl), max |Δequity| \(worst)")
        return (pnl, worst)
    }

    @Test func readmeSmaCrossMatchesTradeForTrade() throws {
        let r = try Self.run("sma_cross.toml")
        try Self.expectMatches(r, trades: "smacross_readme_trades.csv", equity: "smacross_readme_equity.csv")
        #expect(abs(r.finalEquity - 56_263.51934) <= 1e-6)
        let json = try EngineFixtures.referenceJSON("smacross_readme.json")
        let stats = try #require(json["stats"] as? [String: Any])
        #expect(abs(r.finalEquity - (stats["Equity Final [$]"] as? Double ?? 0)) <= 1e-9)
        let open = try #require((json["open_trades_at_end"] as? [[String: Any]])?.first)
        #expect(open["size"] as? Int == 69 && open["entry_bar"] as? Int == 2087 && open["entry_price"] as? Double == 702.24)
        // The open long at the end: 69 shares from bar 2087 (2012-12-03) at 702.24.
        #expect(r.openTrades.count == 1)
        #expect(r.openTrades.first?.size == 69)
        #expect(r.openTrades.first?.entryBar == 2087)
        #expect(r.openTrades.first?.entryPrice == 702.24)
    }

    @Test func longOnlyMatchesTradeForTrade() throws {
        let r = try Self.run("sma_cross_long.toml")
        try Self.expectMatches(r, trades: "smacross_longonly_trades.csv", equity: "smacross_longonly_equity.csv")
        #expect(r.trades.count == 46)
        #expect(abs(r.finalEquity - 63_341.19136) <= 1e-5)
        let stats = try #require(try EngineFixtures.referenceJSON("smacross_longonly.json")["stats"] as? [String: Any])
        #expect(abs(r.finalEquity - (stats["Equity Final [$]"] as? Double ?? 0)) <= 1e-9)
        #expect(r.openTrades.map(\.size) == [78])
        #expect(r.openTrades.first?.entryBar == 2087)
    }

    @Test func closeAtEndClosesTheOpenTradeAtTheLastOpen() throws {
        let r = try Self.run("sma_cross.toml", closeAtEnd: true)
        try Self.expectMatches(r, trades: "smacross_readme_finalized_trades.csv", equity: "smacross_readme_finalized_equity.csv")
        #expect(r.trades.count == 94)
        #expect(r.openTrades.isEmpty)
        #expect(r.trades.last?.exitPrice == 797.80)  // the last bar's open, not its close 806.19
        #expect(r.trades.last?.exitBar == 2147)
        #expect(abs(r.finalEquity - 55_574.51294) <= 1e-5)
        let stats = try #require(try EngineFixtures.referenceJSON("smacross_readme_finalized.json")["stats"] as? [String: Any])
        #expect(abs(r.finalEquity - (stats["Equity Final [$]"] as? Double ?? 0)) <= 1e-9)
    }

    @Test func libraryRegressionCaseSma10Over30NoCommission() throws {
        let r = try Self.run("sma_cross.toml", overrides: ["fast=10", "slow=30", "execution.commission=0"], closeAtEnd: true)
        try Self.expectMatches(r, trades: "smacross_test_suite_trades.csv", equity: "smacross_test_suite_equity.csv")
        #expect(r.trades.count == 66)
        #expect(abs(r.finalEquity - 51_422.99) <= 1e-6)
        let stats = try #require(try EngineFixtures.referenceJSON("smacross_test_suite.json")["stats"] as? [String: Any])
        #expect(abs(r.finalEquity - (stats["Equity Final [$]"] as? Double ?? 0)) <= 1e-9)
    }
}

/// `RunSummary` of the README run against empyrical 0.7.1 on the same equity curve
/// (`shared/reference/metrics/metrics.json`, series `smacross`, SEMANTICS.md section 3).
@Suite struct RunSummaryReferenceTests {
    @Test func readmeRunSummaryMatchesEmpyrical() throws {
        let r = try BacktestingPyReferenceTests.run("sma_cross.toml")
        let s = RunSummary(result: r)
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }
        #expect(close(s.annualReturn, 0.22477535903688906))
        #expect(close(s.annualVolatility, 0.298974376537892))
        #expect(close(s.sharpe, 0.8268005582135975))
        #expect(close(s.sortino, 1.2592866757997363))
        #expect(close(s.maxDrawdown, -0.3393159182905465))
        #expect(close(s.calmar, 0.6624368233865773))
        // backtesting.py's CAGR uses the same calendar-years definition.
        #expect(close(s.cagr, 0.224446420570769))
        #expect(s.bars == 2148 && s.trades == 93 && s.openTrades == 1)
        #expect(close(s.totalReturn, 4.626351934000004))
        print("summary: sharpe \(s.sharpe) sortino \(s.sortino) maxdd \(s.maxDrawdown) exposure \(s.exposure) win \(s.winRate)")
    }
}
