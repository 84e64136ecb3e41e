import Foundation
import MarketData
import Testing
@testable import Engine

/// The bankruptcy rule (`Simulation`, backtesting.py 0.6.6): once the equity at a close is zero
/// or less, everything is closed out at that close, the balance is set to 0 and no order is
/// placed again; the equity curve never goes below zero and the summary describes that curve.
@Suite struct BankruptcyBehaviourTests {
    /// Short (or long) on every cross of 100.5 in either direction, all cash, with `extra`
    /// lines in `[rules]` and `[execution]`.
    static func strategy(short: Bool, rules: String = "", execution: String = "") -> String {
        """
        name = "ruin"
        [rules]
        \(short ? "short_entry" : "long_entry") = "cross_above(close, 100.5) or cross_below(close, 100.5)"
        \(rules)
        [sizing]
        mode = "all"
        [execution]
        \(execution)
        """
    }

    /// The plain empyrical Sharpe of `r` (mean / std ddof 1 · √N), N the run's periods per year.
    static func sharpe(_ r: [Double], periodsPerYear: Double) -> Double {
        let mean = r.reduce(0, +) / Double(r.count)
        let variance = r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(r.count - 1)
        return mean / variance.squareRoot() * periodsPerYear.squareRoot()
    }

    /// Everything a bankrupt run must satisfy whatever the path to it: ruin at `bar`, nothing
    /// open, no order created after it, zero equity from then on and never below.
    static func expectRuined(_ r: RunResult, at bar: Int) throws {
        #expect(r.outOfMoneyTime == r.timestamps[bar])
        #expect(r.equity.allSatisfy { $0 >= 0 })
        #expect(r.equity[bar...].allSatisfy { $0 == 0 })
        #expect(r.equity[..<bar].allSatisfy { $0 > 0 })
        #expect(r.openTrades.isEmpty)
        #expect(r.orders.allSatisfy { $0.createdBar <= bar })
        #expect(r.orders.allSatisfy { $0.status != .pending })
        let closeOuts = r.orders.filter { $0.intent == .liquidation }
        #expect(closeOuts.allSatisfy { $0.status == .filled && $0.reason == .outOfMoney && $0.bar == bar })
        // The summary is the curve's: −100 %, a full drawdown, returns up to the ruin only.
        let s = RunSummary(result: r)
        #expect(s.finalEquity == 0 && s.totalReturn == -1 && s.maxDrawdown == -1 && s.cagr == -1)
        let returns = (1...bar).map { r.equity[$0] / r.equity[$0 - 1] - 1 }
        #expect(s.returnCount == bar)
        #expect(s.sharpe.isFinite && s.sharpe < 0)
        #expect(abs(s.sharpe - sharpe(returns, periodsPerYear: s.periodsPerYear)) <= 1e-12 * abs(s.sharpe))
    }

    @Test func aShortThatGapsUpThroughTheEquityIsClosedOutAtTheClose() throws {
        // Short 98 at 102 (⌊10,000 / 102⌋); bar 3 gaps to 250 and closes at 255: equity
        // 10,000 − 98·153 < 0, so the trade is closed at 255 and the account ends at 0. The
        // entry rule fires again on bars 4–5: no order.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102), (250, 260, 240, 255), (100, 101, 99, 100), (100, 102, 99, 101), (101, 102, 100, 101)])
        let r = try EngineFixtures.run(Self.strategy(short: true), [bars])
        try Self.expectRuined(r, at: 3)
        let t = try #require(r.trades.first)
        #expect(r.trades.count == 1)
        #expect(t.size == -98 && t.entryBar == 2 && t.exitBar == 3 && t.exitPrice == 255)
        #expect(t.pnl == -98 * (255 - 102))
        #expect(r.orders.map(\.intent) == [.entry, .liquidation])
    }

    @Test func aStopFilledBeyondTheEquityOnAGapEndsTheRunAtZero() throws {
        // Short 98 at 102 with a stop 5 above: bar 3 opens at 250, the stop fills at the open
        // (a loss of 14,504 on 10,000): the balance is below zero with nothing open.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102), (250, 260, 240, 255), (100, 101, 99, 100), (100, 102, 99, 101)])
        let r = try EngineFixtures.run(Self.strategy(short: true, rules: "stop_loss = \"5\""), [bars])
        try Self.expectRuined(r, at: 3)
        let t = try #require(r.trades.first)
        #expect(r.trades.count == 1 && t.exitPrice == 250 && t.exitType == .stopLoss)
        #expect(!r.orders.contains { $0.intent == .liquidation })
    }

    @Test func aLongThatFallsToAlmostNothingIsRuinedByItsExitCommission() throws {
        // Long 97 at 102 with a 60 minimum commission: 46 of cash left. The price falls to
        // 0.001; the equity (46.097) stays above zero until the exit at 0.001 pays 60 more.
        let toml = """
        name = "ruin"
        [rules]
        long_entry = "cross_above(close, 100.5)"
        long_exit = "close < 1"
        [sizing]
        mode = "all"
        [execution]
        commission = 0.001
        commission_min = 60
        """
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102), (0.001, 0.001, 0.001, 0.001), (0.001, 0.001, 0.001, 0.001),
                                                     (100, 101, 99, 100), (100, 102, 99, 101), (101, 102, 100, 101)])
        let r = try EngineFixtures.run(toml, [bars])
        let t = try #require(r.trades.first)
        #expect(t.size == 97)
        let balance: Double = 10_000 - 60
        let loss: Double = 97 * (0.001 - 102)
        #expect(r.equity[3] == balance + loss)
        try Self.expectRuined(r, at: 4)
        #expect(t.exitBar == 4 && t.exitPrice == 0.001)
    }

    @Test func aLongNeverGoesBelowZeroOnItsOwn() throws {
        // All cash in at 102, the price falls to 0.01: the equity is the cash left plus what
        // the units are worth, above zero; no bankruptcy, and no unit bought on credit.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102), (0.01, 0.01, 0.01, 0.01), (0.01, 0.01, 0.01, 0.01)])
        let r = try EngineFixtures.run(Self.strategy(short: false, execution: "commission = 0.002"), [bars])
        #expect(r.outOfMoneyTime == nil)
        #expect(r.equity.allSatisfy { $0 > 0 })
        #expect(r.openTrades.count == 1 && r.equity.last! < 100)
    }

    @Test func everySymbolIsClosedOutWhenTheSharedAccountIsRuined() throws {
        // Shorts of 49 units at 102 in A and B (half the equity each). On bar 3 B gaps to 400:
        // the shared account (−49 on A, −14,602 on B) is below zero, so both trades close at
        // their bar-3 closes, A's too, and neither symbol trades again.
        let a = EngineFixtures.bars("A", setup + [(102, 103, 101, 102), (102, 104, 101, 103), (100, 101, 99, 100), (100, 102, 99, 101)])
        let b = EngineFixtures.bars("B", setup + [(102, 103, 101, 102), (400, 410, 390, 400), (100, 101, 99, 100), (100, 102, 99, 101)])
        let toml = """
        name = "pair"
        [rules]
        short_entry = "cross_above(close, 100.5)"
        [sizing]
        mode = "fraction"
        fraction = 0.5
        """
        let r = try EngineFixtures.run(toml, [a, b])
        try Self.expectRuined(r, at: 3)
        #expect(r.trades.count == 2)
        #expect(r.trades.allSatisfy { $0.size == -49 && $0.exitBar == 3 && $0.exitTime == r.timestamps[3] })
        #expect(r.trades.first { $0.symbol == 0 }?.exitPrice == 103)
        #expect(r.trades.first { $0.symbol == 1 }?.exitPrice == 400)
    }
}
