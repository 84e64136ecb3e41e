import Foundation
import MarketData
import Risk
import Signals
import Testing
@testable import Engine

/// Allocation strategies (`[allocation]`): the rebalance calendar, the window the weights see,
/// order sizing, sells before buys within the cash, partial reductions and equity accounting.
@Suite struct AllocationBehaviourTests {
    /// An allocation strategy over whatever symbols the series have.
    static func strategy(_ method: String, rebalance: String = "month", lookback: Int = 20, fill: String = "close",
                         commission: Double = 0, cash: Double = 10_000) -> String {
        """
        name = "alloc"
        [allocation]
        method = "\(method)"
        rebalance = "\(rebalance)"
        lookback = \(lookback)
        [execution]
        fill = "\(fill)"
        commission = \(commission)
        [portfolio]
        cash = \(cash)
        """
    }

    /// Daily bars from 2020-01-01 (every calendar day) on a deterministic random walk; the open
    /// is the previous close moved by a small gap.
    static func walk(_ symbol: String, count: Int, seed: UInt64) -> BarSeries {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        var close = 100.0
        var rows: [(Double, Double, Double, Double)] = []
        for _ in 0..<count {
            let open = close * (1 + 0.004 * uniform())
            close = open * (1 + 0.04 * uniform())
            rows.append((open, max(open, close), min(open, close), close))
        }
        return EngineFixtures.bars(symbol, rows)
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 { CivilTime.days(year: y, month: m, day: d) * 86_400 }

    @Test func rebalancesOnTheFirstBarOfEachPeriodOnceTheWindowIsFull() throws {
        let series = ["A", "B", "C"].enumerated().map { Self.walk($1, count: 150, seed: UInt64($0 + 1)) }
        let r = try EngineFixtures.run(Self.strategy("min_variance"), series)
        // 21 closes are complete on 2020-01-21; the next month starts on 2020-02-01.
        let log = try #require(r.allocation)
        #expect(log.times == [Self.day(2020, 2, 1), Self.day(2020, 3, 1), Self.day(2020, 4, 1), Self.day(2020, 5, 1)])
        #expect(log.weights.count == 12 && log.failures.isEmpty)
        for k in log.times.indices { #expect(abs(log.row(k).reduce(0, +) - 1) < 1e-12 && log.row(k).allSatisfy { $0 >= 0 }) }
        #expect(Allocator.period(of: Self.day(2020, 1, 5), .week) != Allocator.period(of: Self.day(2020, 1, 6), .week))  // Sun | Mon
        #expect(Allocator.period(of: Self.day(2020, 1, 6), .week) == Allocator.period(of: Self.day(2020, 1, 12) + 86_399, .week))
        #expect(Allocator.period(of: Self.day(2020, 1, 1), .quarter) == Allocator.period(of: Self.day(2020, 3, 31), .quarter))
        #expect(Allocator.period(of: Self.day(2020, 3, 31), .quarter) != Allocator.period(of: Self.day(2020, 4, 1), .quarter))
        #expect(Allocator.period(of: Self.day(1969, 12, 31), .month) != Allocator.period(of: Self.day(1970, 1, 1), .month))
    }

    /// `series` without its bars at the given days, or after `until`.
    static func thinned(_ series: BarSeries, without days: Set<Int64> = [], until: Int64 = .max) -> BarSeries {
        var out = BarSeries(symbol: series.symbol, interval: series.interval)
        for i in 0..<series.count where !days.contains(series.timestamps[i]) && series.timestamps[i] <= until { out.append(series[i]) }
        return out
    }

    @Test func aDecisionWaitsForTheFirstDayOfThePeriodOnWhichEverySymbolHasAClose() throws {
        var series = ["A", "B", "C"].enumerated().map { Self.walk($1, count: 150, seed: UInt64($0 + 1)) }
        series[1] = Self.thinned(series[1], without: [Self.day(2020, 3, 1)])
        let log = try #require(try EngineFixtures.run(Self.strategy("min_variance"), series).allocation)
        // B has no close on March 1st: the March decision waits for the 2nd, on a window ending then.
        #expect(log.times == [Self.day(2020, 2, 1), Self.day(2020, 3, 2), Self.day(2020, 4, 1), Self.day(2020, 5, 1)])
    }

    @Test func noDecisionIsMadeOnAFrozenWindowAfterASymbolsDataEnds() throws {
        var series = ["A", "B", "C"].enumerated().map { Self.walk($1, count: 150, seed: UInt64($0 + 1)) }
        series[2] = Self.thinned(series[2], until: Self.day(2020, 4, 15))
        let log = try #require(try EngineFixtures.run(Self.strategy("min_variance"), series).allocation)
        #expect(log.times == [Self.day(2020, 2, 1), Self.day(2020, 3, 1), Self.day(2020, 4, 1)])
    }

    @Test func weightsNeverUseBarsAfterTheRebalance() throws {
        let series = ["A", "B", "C"].enumerated().map { Self.walk($1, count: 150, seed: UInt64($0 + 1)) }
        let toml = Self.strategy("min_variance")
        let base = try #require(try EngineFixtures.run(toml, series).allocation)
        let t1 = base.times[1]
        // The weights are those of the 21 closes ending at the rebalance bar, computed directly.
        let end = try #require(series[0].timestamps.firstIndex(of: t1))
        let panel = try ReturnsPanel(symbols: ["A", "B", "C"], timestamps: Array(series[0].timestamps[(end - 20)...end]),
                                     prices: series.map { Array($0.close[(end - 20)...end]) })
        #expect(Array(base.row(1)) == (try AllocationWeights.weights(.minVariance, panel: panel)))
        // Changing every close after the rebalance bar changes no weight decided up to it.
        var changed = series
        for k in changed.indices {
            for i in (end + 1)..<changed[k].count { changed[k].close[i] *= 1 + 0.3 * sin(Double(i * (k + 2))) }
        }
        let other = try #require(try EngineFixtures.run(toml, changed).allocation)
        #expect(other.times == base.times)
        #expect(Array(other.weights.prefix(6)) == Array(base.weights.prefix(6)))
        #expect(Array(other.weights.suffix(6)) != Array(base.weights.suffix(6)))
    }

    @Test func equalWeightsOnTwoSymbolsGiveTheExpectedUnits() throws {
        // 2020-01-06 is a Monday and the 6th bar: the first week with 5 returns behind it.
        let a = EngineFixtures.flat("A", Array(repeating: 100, count: 12))
        let b = EngineFixtures.flat("B", Array(repeating: 50, count: 12))
        let r = try EngineFixtures.run(Self.strategy("equal", rebalance: "week", lookback: 5), [a, b])
        #expect(r.allocation?.times == [Self.day(2020, 1, 6)])
        #expect(r.allocation.map { Array($0.weights) } == [0.5, 0.5])
        // ⌊0.5 · 10,000 / 100⌋ = 50 A and ⌊0.5 · 10,000 / 50⌋ = 100 B, at the decision's close.
        #expect(r.openTrades.map(\.size) == [50, 100] && r.openTrades.map(\.entryPrice) == [100, 50])
        #expect(r.orders.count == 2 && r.orders.allSatisfy { $0.intent == .rebalance && $0.status == .filled && $0.bar == 5 })
        #expect(r.cash.last == 0 && r.finalEquity == 10_000)
        // One symbol (the backtest's single-series path): all of the equity in it.
        let alone = try EngineFixtures.run(Self.strategy("equal", rebalance: "week", lookback: 5), [b])
        #expect(alone.allocation?.times == [Self.day(2020, 1, 6)] && alone.openTrades.map(\.size) == [200])
    }

    /// Equal weights on A and B, weekly with next-open fills and 0.1 % commission: A doubles in
    /// week 2, so the second rebalance sells A and buys B, which then opens 10 % above its close.
    static func sellThenBuy() throws -> RunResult {
        var aPrices = [Double](repeating: 100, count: 16)
        for i in 8..<16 { aPrices[i] = 200 }
        let a = EngineFixtures.flat("A", aPrices)
        var b = EngineFixtures.flat("B", Array(repeating: 100, count: 16))
        b.open[13] = 110
        return try EngineFixtures.run(Self.strategy("equal", rebalance: "week", lookback: 5, fill: "next_open", commission: 0.001), [a, b])
    }

    @Test func aRebalanceSellsBeforeItBuysAndStaysWithinCash() throws {
        let r = try Self.sellThenBuy()
        #expect(r.allocation?.times == [Self.day(2020, 1, 6), Self.day(2020, 1, 13)])
        // First rebalance: 50 + 50 units would cost 10,010 with commission: scaled to 49 each.
        let first = r.orders.filter { $0.createdTime == Self.day(2020, 1, 6) }
        #expect(first.map(\.size) == [49, 49] && first.allSatisfy { $0.side == .long && $0.bar == 6 && $0.price == 100 })
        // Second: equity 14,890.2 → targets 37 A (sell 12) and 74 B (buy 25); the sale pays for
        // the buy, which the 110 open scales down to the 23 units the cash covers.
        let second = r.orders.filter { $0.createdTime == Self.day(2020, 1, 13) }
        #expect(second.map(\.side) == [.short, .long])
        #expect(second.map(\.symbol) == [0, 1] && second[0].id < second[1].id)
        #expect(second.map(\.size) == [12, 23] && second.map(\.price) == [200, 110])
        #expect(second.allSatisfy { $0.status == .filled && $0.bar == 13 })
        #expect(r.cash.allSatisfy { $0 >= 0 })
        let bought: Double = 2 * 49 * 100 * 1.001
        let sold: Double = 12 * 200 * 0.999
        let cashAfter: Double = 10_000 - bought + sold - 23 * 110 * 1.001
        #expect(abs(r.cash[13] - cashAfter) < 1e-9)
    }

    @Test func buysWaitWhileASellWaitsForItsSymbolsNextBar() throws {
        // As sellThenBuy, but A has no bar on the 14th, the day the second rebalance fills: the
        // sale of A fills on the 15th, and so does the buy of B, with the sale's proceeds.
        var aPrices = [Double](repeating: 100, count: 16)
        for i in 8..<16 { aPrices[i] = 200 }
        let a = Self.thinned(EngineFixtures.flat("A", aPrices), without: [Self.day(2020, 1, 14)])
        let b = EngineFixtures.flat("B", Array(repeating: 100, count: 16))
        let r = try EngineFixtures.run(Self.strategy("equal", rebalance: "week", lookback: 5, fill: "next_open", commission: 0.001), [a, b])
        let second = r.orders.filter { $0.createdTime == Self.day(2020, 1, 13) }
        #expect(second.map(\.side) == [.short, .long] && second.allSatisfy { $0.status == .filled })
        #expect(second.map(\.time) == [Self.day(2020, 1, 15), Self.day(2020, 1, 15)])
        #expect(r.cash.allSatisfy { $0 >= 0 })
    }

    @Test func aSellWhoseMinimumCommissionExceedsItsProceedsAndTheCashIsRejected() throws {
        // A 3,000 minimum commission: the first rebalance buys 31 A and 9 B and leaves no cash;
        // the second would sell 14 A for 2,800, which cannot pay the 3,000.
        var aPrices = [Double](repeating: 100, count: 16)
        for i in 8..<16 { aPrices[i] = 200 }
        let a = EngineFixtures.flat("A", aPrices)
        let b = EngineFixtures.flat("B", Array(repeating: 100, count: 16))
        let toml = Self.strategy("equal", rebalance: "week", lookback: 5, fill: "next_open", commission: 0.001)
            .replacingOccurrences(of: "commission = 0.001", with: "commission = 0.001\ncommission_min = 3000")
        let r = try EngineFixtures.run(toml, [a, b])
        let first = r.orders.filter { $0.createdTime == Self.day(2020, 1, 6) }
        #expect(first.map(\.size) == [31, 9] && first.allSatisfy { $0.status == .filled })
        let sell = try #require(r.orders.first { $0.createdTime == Self.day(2020, 1, 13) && $0.side == .short })
        #expect(sell.status == .rejected && sell.reason == .insufficientCash && sell.size == 14)
        #expect(r.cash.allSatisfy { $0 >= -1e-9 })
    }

    @Test func partialReductionsRecordClosedTradesWhoseSizesSumCorrectly() throws {
        let r = try Self.sellThenBuy()
        // The 12 A sold come out of the 49-unit trade: a closed part of 12 and 37 still open.
        let sold = r.trades.filter { $0.symbol == 0 }
        #expect(sold.map(\.size) == [12])
        let openA = r.openTrades.filter { $0.symbol == 0 }
        #expect(openA.map(\.size) == [37] && sold[0].size + openA[0].size == 49)
        // Entry commission split pro rata: 4.9 for 49 units → 1.2 closed, 3.7 open.
        #expect(abs(sold[0].commission - (4.9 * 12 / 49 + 2.4)) < 1e-12 && abs(openA[0].entryCommission - 4.9 * 37 / 49) < 1e-12)
        #expect(abs(sold[0].pnl - (12 * 100 - sold[0].commission)) < 1e-9)

        // FIFO across trades: selling 40 of 30 + 20 closes the first whole and splits the second.
        var p = Portfolio(cash: 10_000, symbolCount: 1)
        p.lastPrice[0] = 15
        p.open(symbol: 0, size: 30, price: 10, time: 0, bar: 0, commission: 3, stopLoss: .nan, takeProfit: .nan, trailingStop: .nan, trailingDistance: .nan)
        p.open(symbol: 0, size: 20, price: 12, time: 1, bar: 1, commission: 2, stopLoss: .nan, takeProfit: .nan, trailingStop: .nan, trailingDistance: .nan)
        let before = p.equity
        p.reduce(symbol: 0, units: 40, price: 15, time: 2, bar: 2, commission: 4)
        #expect(p.closedTrades.map(\.size) == [30, 10] && p.closedTrades.map(\.entryTime) == [0, 1])
        #expect(p.closedTrades.map(\.commission) == [3 + 3, 1 + 1] && p.closedTrades.map(\.pnl) == [144, 28])
        #expect(p.openTrades.map(\.size) == [10] && p.openTrades[0].entryCommission == 1)
        #expect(p.balance == 10_171 && p.equity == before - 4)
    }

    @Test func equityIsConservedAcrossARebalanceApartFromCommission() throws {
        let series = ["A", "B", "C"].enumerated().map { Self.walk($1, count: 120, seed: UInt64($0 + 7)) }
        let spec = try EngineFixtures.strategy(Self.strategy("inverse_volatility", rebalance: "week", lookback: 10, commission: 0.002))
        var sim = Simulation(program: try spec.compile(), symbols: ["A", "B", "C"], config: try EngineConfig(spec: spec))
        var feed = BarFeed(series)
        var batch = BarBatch(capacity: 3)
        // Before each step: the old positions marked at the new closes.
        var held: [Double] = []
        while feed.next(into: &batch) {
            var e = sim.portfolio.balance
            for t in sim.portfolio.openTrades {
                let j = batch.symbols.firstIndex(of: t.symbol)
                e += t.size * ((j.map { batch.bars[$0].close } ?? sim.portfolio.lastPrice[t.symbol]) - t.entryPrice)
            }
            held.append(e)
            sim.step(batch)
        }
        let r = sim.finish()
        var commission: [Int64: Double] = [:]
        for o in r.orders where o.status == .filled { commission[o.time, default: 0] += o.commission }
        #expect((r.allocation?.times.count ?? 0) >= 14 && commission.count >= 14)
        #expect(r.trades.count > 0)
        for k in r.timestamps.indices {
            #expect(abs(r.equity[k] - (held[k] - commission[r.timestamps[k], default: 0])) < 1e-8, "bar \(k)")
        }
    }

    @Test func anOptimiserFailureKeepsThePositionsAndIsRecorded() throws {
        // Both symbols fall ~1 % a day: no expected return above the risk-free rate 0, so
        // max-Sharpe has no answer at either rebalance.
        let a = EngineFixtures.flat("A", (0..<90).map { 100 * pow(0.99, Double($0)) * (1 + 0.01 * Double($0 % 3)) })
        let b = EngineFixtures.flat("B", (0..<90).map { 100 * pow(0.985, Double($0)) * (1 + 0.01 * Double($0 % 2)) })
        let r = try EngineFixtures.run(Self.strategy("max_sharpe"), [a, b])
        let log = try #require(r.allocation)
        #expect(log.times.isEmpty && log.weights.isEmpty)
        #expect(log.failures.map(\.time) == [Self.day(2020, 2, 1), Self.day(2020, 3, 1)])
        #expect(log.failures.allSatisfy { $0.message.contains("risk-free rate") })
        #expect(r.orders.isEmpty && r.finalEquity == 10_000)
        // Minimum variance needs no expected return: the same data rebalances.
        let minVariance = try EngineFixtures.run(Self.strategy("min_variance"), [a, b])
        #expect(minVariance.allocation?.times.count == 2 && minVariance.allocation?.failures.isEmpty == true)
    }
}
