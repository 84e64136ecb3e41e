import MarketData
import Testing
@testable import Engine

/// How long limit and stop entries live (`good_for`) and from which bar rules act (`warmup`).
@Suite struct OrderLifetimeTests {
    /// A limit 5 below the close, never reached on flat bars at 100, placed whenever flat.
    static func limitEveryBar(_ execution: String = "") -> String {
        """
        name = "limit"
        [rules]
        long_entry = "close > 0"
        entry_limit = "close - 5"
        [sizing]
        mode = "units"
        units = 1
        [execution]
        \(execution)
        """
    }

    @Test func aOneBarLimitThatHoldsEveryBarIsPlacedEveryBar() throws {
        // Placed on bar i, valid on bar i+1 only, finished there before bar i+1's decision,
        // which places the next one: an order on every bar from bar 1 (no indicators: the
        // first decision is bar 1), each expiring on the bar after it was placed.
        let r = try EngineFixtures.run(Self.limitEveryBar(), [EngineFixtures.flat("X", Array(repeating: 100, count: 10))])
        #expect(r.orders.map(\.createdBar) == Array(1...9))
        let expired = r.orders.filter { $0.status == .expired }
        #expect(expired.count == 8 && expired.allSatisfy { $0.bar == $0.createdBar + 1 })
        #expect(r.orders.last?.status == .pending)
    }

    @Test func aTwoBarLimitBlocksTheNextOneUntilItsLastBar() throws {
        // good_for = 2: valid on bars i+1 and i+2, so the rule (pyramiding 1) places one every
        // other bar.
        let r = try EngineFixtures.run(Self.limitEveryBar("good_for = 2"), [EngineFixtures.flat("X", Array(repeating: 100, count: 10))])
        #expect(r.orders.map(\.createdBar) == [1, 3, 5, 7, 9])
        #expect(r.orders.filter { $0.status == .expired }.allSatisfy { $0.bar == $0.createdBar + 2 })
    }

    @Test func aLimitFillsOnItsLastValidBar() throws {
        // Placed at bar 1's close (101 → limit 96); bar 2 reaches 95: filled at 96 on its only bar.
        let bars = EngineFixtures.bars("X", [(100, 100, 100, 100), (100, 101, 100, 101), (100, 100, 95, 97), (97, 98, 96, 97)])
        let r = try EngineFixtures.run(Self.limitEveryBar(), [bars])
        let t = try #require(r.openTrades.first)
        #expect(t.entryBar == 2 && t.entryPrice == 96)
        #expect(r.orders.last?.status == .filled && r.orders.last?.createdBar == 1)
    }

    /// Enters when the close is above its 3-bar average (first value on bar 2).
    static func levelCondition(_ execution: String) -> String {
        """
        name = "level"
        [rules]
        long_entry = "close > sma(close, 3)"
        [sizing]
        mode = "units"
        units = 1
        [execution]
        \(execution)
        """
    }

    @Test func byDefaultRulesActOneBarAfterEveryIndicatorHasAValue() throws {
        // Rising closes: the condition holds from bar 2, where sma(close, 3) first exists.
        // backtesting.py's rule: the first decision is bar 3, filled at bar 4's open.
        let bars = EngineFixtures.flat("X", [10, 11, 12, 13, 14, 15, 16])
        let r = try EngineFixtures.run(Self.levelCondition(""), [bars])
        #expect(r.orders.first?.createdBar == 3)
        #expect(r.openTrades.first?.entryBar == 4 && r.openTrades.first?.entryPrice == 14)
        let explicit = try EngineFixtures.run(Self.levelCondition("warmup = \"indicators\""), [bars])
        #expect(explicit.openTrades.first?.entryBar == 4)
    }

    @Test func withWarmupNoneRulesActOnTheFirstBarTheyHold() throws {
        let bars = EngineFixtures.flat("X", [10, 11, 12, 13, 14, 15, 16])
        let r = try EngineFixtures.run(Self.levelCondition("warmup = \"none\""), [bars])
        #expect(r.orders.first?.createdBar == 2)
        #expect(r.openTrades.first?.entryBar == 3 && r.openTrades.first?.entryPrice == 13)
    }

    @Test func anUnknownWarmupRuleIsRefused() throws {
        #expect(throws: (any Error).self) { try EngineFixtures.strategy(Self.levelCondition("warmup = \"bars\"")) }
    }

    @Test func theWarmUpRuleAppliesToEverySymbolOnItsOwnBars() throws {
        // B starts two bars after A: each symbol's first decision is its own bar 3.
        let a = EngineFixtures.flat("A", [10, 11, 12, 13, 14, 15, 16])
        let b = EngineFixtures.flat("B", [20, 21, 22, 23, 24], start: 1_577_836_800 + 2 * 86_400)
        let r = try EngineFixtures.run(Self.levelCondition(""), [a, b])
        #expect(r.orders.filter { $0.symbol == 0 }.first?.createdBar == 3)
        #expect(r.orders.filter { $0.symbol == 1 }.first?.createdBar == 3)
        #expect(r.orders.filter { $0.symbol == 1 }.first?.createdTime == b.timestamps[3])
    }
}
