import MarketData
import Signals
import Testing
@testable import Engine

/// A strategy file for hand-built bars: a long (or short) entry on the bar whose close crosses
/// above 100.5, with the given extra rules, sizing and execution lines.
func entryStrategy(_ extraRules: String = "", sizing: String = "mode = \"units\"\nunits = 10",
                   execution: String = "", cash: Double = 10_000, short: Bool = false) -> String {
    """
    name = "t"
    [rules]
    \(short ? "short_entry" : "long_entry") = "cross_above(close, 100.5)"
    \(extraRules)
    [sizing]
    \(sizing)
    [execution]
    \(execution)
    [portfolio]
    cash = \(cash)
    """
}

/// Bars 0 and 1 set up the entry signal (close 100 then 101: the cross fires at bar 1's close),
/// so the entry fills at bar 2's open.
let setup: [(Double, Double, Double, Double)] = [(100, 100, 100, 100), (100, 101, 100, 101)]

/// Fills, gaps, attached exits and costs as a user meets them, on small hand-built bars.
@Suite struct BrokerBehaviourTests {
    @Test func entryAndStopLossOnTheSameBar() throws {
        // Entry at bar 2's open 102; stop 5 below → 97; bar 2 trades down to 95: out at 97 the same bar.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 95, 96), (96, 97, 95, 96)])
        let r = try EngineFixtures.run(entryStrategy("stop_loss = \"5\""), [bars])
        #expect(r.trades.count == 1)
        let t = try #require(r.trades.first)
        #expect(t.entryBar == 2 && t.exitBar == 2)
        #expect(t.entryPrice == 102 && t.exitPrice == 97)
        #expect(t.exitType == .stopLoss)
        #expect(t.pnl == -50)
        #expect(r.equity == [10_000, 10_000, 9_950, 9_950])
    }

    @Test func aGapThroughTheStopFillsAtTheOpen() throws {
        // Entry 100, stop 95; bar 3 opens at 90, below the stop: filled at 90, not 95.
        let bars = EngineFixtures.bars("X", setup + [(100, 101, 99, 100), (90, 92, 88, 91)])
        let r = try EngineFixtures.run(entryStrategy("stop_loss = \"5\""), [bars])
        let t = try #require(r.trades.first)
        #expect(t.exitBar == 3 && t.exitPrice == 90 && t.exitType == .stopLoss)
    }

    @Test func stopLossAndTakeProfitOnOneBarStopFirst() throws {
        // Entry 100, stop 95, target 105; bar 3's range 94–106 reaches both: the stop fills (pessimistic).
        let bars = EngineFixtures.bars("X", setup + [(100, 101, 99, 100), (100, 106, 94, 100)])
        let r = try EngineFixtures.run(entryStrategy("stop_loss = \"5\"\ntake_profit = \"5\""), [bars])
        let t = try #require(r.trades.first)
        #expect(t.exitPrice == 95 && t.exitType == .stopLoss)
    }

    @Test func aGapThroughTheTargetFillsAtTheBetterOpen() throws {
        let bars = EngineFixtures.bars("X", setup + [(100, 101, 99, 100), (108, 109, 107, 108)])
        let r = try EngineFixtures.run(entryStrategy("stop_loss = \"5\"\ntake_profit = \"5\""), [bars])
        let t = try #require(r.trades.first)
        #expect(t.exitPrice == 108 && t.exitType == .takeProfit)
    }

    @Test func aTrailingStopRatchetsAndNeverLoosens() throws {
        // Entry 101, trail 5: 96 → close 104 → 99 → close 108 → 103 → close 106 keeps 103 → low 102 exits at 103.
        let bars = EngineFixtures.bars("X", setup + [(101, 104, 101, 104), (104, 108, 103.5, 108), (108, 108, 106, 106), (106, 106, 102, 102)])
        let r = try EngineFixtures.run(entryStrategy("trailing_stop = \"5\""), [bars])
        let t = try #require(r.trades.first)
        #expect(t.entryPrice == 101)
        #expect(t.exitBar == 5 && t.exitPrice == 103 && t.exitType == .trailingStop)
    }

    @Test func anOrderTooLargeForTheCashIsRejectedAndRecorded() throws {
        // 1,000 units at 102 cost 102,000 with 10,000 cash: rejected, nothing filled on credit.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102), (102, 103, 101, 102)])
        let r = try EngineFixtures.run(entryStrategy(sizing: "mode = \"units\"\nunits = 1000"), [bars])
        #expect(r.trades.isEmpty && r.openTrades.isEmpty)
        #expect(r.equity.allSatisfy { $0 == 10_000 })
        let o = try #require(r.orders.first)
        #expect(o.status == .rejected && o.reason == .insufficientCash && o.size == 1000 && o.bar == 2)
    }

    @Test func aShortPositionsEquityRisesAsThePriceFalls() throws {
        // Short 10 at 102; close 92 → equity 10,100; a cash account would hold 10,100 + 10·92.
        let bars = EngineFixtures.bars("X", setup + [(102, 102, 92, 92), (92, 113, 92, 112)])
        let r = try EngineFixtures.run(entryStrategy(short: true), [bars])
        let t = try #require(r.openTrades.first)
        #expect(t.size == -10 && t.entryPrice == 102)
        #expect(r.equity[2] == 10_100)
        #expect(r.cash[2] == 10_100 + 10 * 92)
        #expect(r.netExposure[2] == -920)
        #expect(r.equity[3] == 9_900)
    }

    @Test func realisedAndUnrealisedPnLAddUpToEquity() throws {
        // Long 10 at 102, closed by the stop at 97 (−50); a second entry is still open.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 95, 96), (96, 97, 95, 100), (100, 101, 100, 101), (101, 106, 101, 105)])
        var sim = Simulation(program: try EngineFixtures.strategy(entryStrategy("stop_loss = \"5\"")).compile(), symbols: ["X"],
                             config: try EngineConfig(spec: try EngineFixtures.strategy(entryStrategy("stop_loss = \"5\""))))
        sim.replay(bars)
        let p = sim.portfolio
        #expect(p.realizedPnL == -50)
        #expect(p.openTrades.count == 1 && p.openTrades[0].entryPrice == 101)
        #expect(p.unrealizedPnL == 40)
        #expect(p.equity == 10_000 + p.realizedPnL + p.unrealizedPnL)
    }

    @Test func commissionMinimumAppliesPerOrder() throws {
        // 10 units at 102: 0.1 % is 1.02, below the minimum of 5; charged on entry and on exit.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102), (102, 103, 101, 102)])
        let r = try EngineFixtures.run(entryStrategy(execution: "commission = 0.001\ncommission_min = 5"), [bars], closeAtEnd: true)
        let t = try #require(r.trades.first)
        #expect(t.commission == 10)
        #expect(r.finalEquity == 10_000 - 10)
        let model = CommissionModel(relative: 0.001, perUnit: 0.01, fixed: 1, minimum: 0)
        let expected: Double = 1.0 + 10.0 * 102.0 * 0.001 + 10.0 * 0.01
        #expect(model.commission(size: 10, price: 102) == expected)
        #expect(CommissionModel(minimum: 5).commission(size: 0, price: 102) == 0)
    }

    @Test func slippageIsAgainstTheTrader() throws {
        // 10 bps: the buy fills at 102·1.001 and the close-at-end sell at 102·0.999.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102), (102, 103, 101, 102)])
        let r = try EngineFixtures.run(entryStrategy(execution: "slippage_bps = 10"), [bars], closeAtEnd: true)
        let t = try #require(r.trades.first)
        #expect(t.entryPrice == 102 * (1 + 10.0 / 10_000))
        #expect(t.exitPrice == 102 * (1 - 10.0 / 10_000))
    }

    @Test func fillAtCloseUsesTheSignalBarsClose() throws {
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102)])
        let r = try EngineFixtures.run(entryStrategy(execution: "fill = \"close\""), [bars])
        let t = try #require(r.openTrades.first)
        #expect(t.entryBar == 1 && t.entryPrice == 101)
        #expect(r.equity == [10_000, 10_000, 10_010])
    }

    @Test func limitEntryFillsAtTheLimitOrAtAGapOpen() throws {
        // Buy limit at close − 2 = 99: bar 2 opens 100 and dips to 98 → filled at 99.
        let dip = EngineFixtures.bars("X", setup + [(100, 101, 98, 100)])
        let r1 = try EngineFixtures.run(entryStrategy("entry_limit = \"close - 2\""), [dip])
        #expect(r1.openTrades.first?.entryPrice == 99)
        // Bar 2 gaps down to 97, below the limit: filled at the open.
        let gap = EngineFixtures.bars("X", setup + [(97, 98, 96, 97)])
        let r2 = try EngineFixtures.run(entryStrategy("entry_limit = \"close - 2\""), [gap])
        #expect(r2.openTrades.first?.entryPrice == 97)
        // Never reached within good_for = 1 bar: expired.
        let miss = EngineFixtures.bars("X", setup + [(101, 102, 100, 101), (101, 102, 98, 101)])
        let r3 = try EngineFixtures.run(entryStrategy("entry_limit = \"close - 2\""), [miss])
        #expect(r3.openTrades.isEmpty)
        #expect(r3.orders.first?.status == .expired)
    }

    @Test func stopEntryFillsWhenThePriceTradesThrough() throws {
        // Buy stop at close + 2 = 103: bar 2 reaches 104 → filled at 103.
        let bars = EngineFixtures.bars("X", setup + [(101, 104, 100, 103)])
        let r = try EngineFixtures.run(entryStrategy("entry_stop = \"close + 2\""), [bars])
        #expect(r.openTrades.first?.entryPrice == 103)
    }
}
