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
        // which places the next one: an order on every bar, each expiring on the bar after it
        // was placed.
        let r = try EngineFixtures.run(Self.limitEveryBar(), [EngineFixtures.flat("X", Array(repeating: 100, count: 10))])
        #expect(r.orders.map(\.createdBar) == Array(0...9))
        let expired = r.orders.filter { $0.status == .expired }
        #expect(expired.count == 9 && expired.allSatisfy { $0.bar == $0.createdBar + 1 })
        #expect(r.orders.last?.status == .pending)
    }

    @Test func aTwoBarLimitBlocksTheNextOneUntilItsLastBar() throws {
        // good_for = 2: valid on bars i+1 and i+2, so the rule (pyramiding 1) places one every
        // other bar.
        let r = try EngineFixtures.run(Self.limitEveryBar("good_for = 2"), [EngineFixtures.flat("X", Array(repeating: 100, count: 10))])
        #expect(r.orders.map(\.createdBar) == [0, 2, 4, 6, 8])
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
}
