import MarketData
import Signals
import Testing
@testable import Engine

/// Several symbols, one cash account, reversals and sizing modes.
@Suite struct PortfolioBehaviourTests {
    @Test func twoSymbolsShareOneCashAccount() throws {
        // Both signal on bar 1; half the equity each: both fill at 102 and the cash is spent.
        let a = EngineFixtures.bars("A", setup + [(102, 103, 101, 102), (102, 104, 101, 104)])
        let b = EngineFixtures.bars("B", setup + [(102, 103, 101, 102), (102, 103, 100, 100)])
        let half = try EngineFixtures.run(entryStrategy(sizing: "mode = \"fraction\"\nfraction = 0.5"), [a, b])
        #expect(half.openTrades.map(\.size) == [49, 49])  // ⌊5,000 / 102⌋
        #expect(half.cash[2] == 10_000 - 2 * 49 * 102)
        #expect(half.equity[3] == 10_000 + 49 * 2 - 49 * 2)
        // `all`: the first symbol takes every unit the cash pays for; the second is refused.
        let all = try EngineFixtures.run(entryStrategy(sizing: "mode = \"all\""), [a, b])
        #expect(all.openTrades.count == 1 && all.openTrades[0].symbol == 0 && all.openTrades[0].size == 98)
        let refused = try #require(all.orders.first { $0.symbol == 1 })
        #expect(refused.status == .rejected && refused.reason == .zeroSize)
    }

    @Test func aSymbolThatStopsTradingKeepsItsLastPrice() throws {
        // A trades 4 bars (in at 102, last close 105); B keeps going for 8 bars without a signal.
        let a = EngineFixtures.bars("A", setup + [(102, 103, 101, 103), (103, 105, 103, 105)])
        let b = EngineFixtures.flat("B", Array(repeating: 50, count: 8))
        let r = try EngineFixtures.run(entryStrategy(), [a, b])
        #expect(r.timestamps.count == 8)
        #expect(Array(r.equity[3...]) == Array(repeating: 10_030, count: 5))
        #expect(r.openTrades.count == 1)
        // Closing at the end: A closes at its own last close, on its own last bar.
        let closed = try EngineFixtures.run(entryStrategy(), [a, b], closeAtEnd: true)
        let t = try #require(closed.trades.first)
        #expect(t.exitBar == 3 && t.exitPrice == 105 && t.exitTime == a.timestamps[3])
        #expect(closed.finalEquity == 10_030)
    }

    @Test func symbolsWithDifferentCalendarsMergeByTimestamp() {
        let a = EngineFixtures.flat("A", [1, 2, 3], start: 0)
        let b = EngineFixtures.flat("B", [10, 20], start: 43_200)  // half a day later
        var feed = BarFeed([a, b])
        var batch = BarBatch(capacity: 2)
        var seen: [(Int64, [Int])] = []
        while feed.next(into: &batch) { seen.append((batch.timestamp, Array(batch.symbols))) }
        #expect(seen.map(\.0) == [0, 43_200, 86_400, 129_600, 172_800])
        #expect(seen.map(\.1) == [[0], [1], [0], [1], [0]])
    }

    @Test func exclusiveEntryReversesThePosition() throws {
        let toml = """
            name = "flip"
            [rules]
            long_entry = "cross_above(close, 100.5)"
            short_entry = "cross_below(close, 100.5)"
            [sizing]
            mode = "units"
            units = 10
            [execution]
            exclusive = true
            """
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 99, 100), (99, 100, 98, 99)])
        let r = try EngineFixtures.run(toml, [bars])
        // Long at 102 (bar 2); the cross below at bar 2 closes it and goes short at bar 3's open 99.
        #expect(r.trades.count == 1 && r.trades[0].exitPrice == 99 && r.trades[0].size == 10)
        #expect(r.openTrades.first?.size == -10 && r.openTrades.first?.entryPrice == 99)
        // Without exclusive, the short entry is ignored while the long is open.
        let plain = try EngineFixtures.run(toml.replacingOccurrences(of: "exclusive = true", with: "exclusive = false"), [bars])
        #expect(plain.trades.isEmpty && plain.openTrades.map(\.size) == [10])
    }

    @Test func fractionalCryptoSizingOnBitcoinMonthly() throws {
        let btc = try EngineFixtures.ohlcv("BTCUSD_monthly_2012-2024.csv", symbol: "BTCUSD")
        let toml = """
            name = "btc_trend"
            [signals]
            fast = "sma(close, 3)"
            slow = "sma(close, 6)"
            [rules]
            long_entry = "cross_above(fast, slow)"
            long_exit = "cross_below(fast, slow)"
            [sizing]
            mode = "all"
            fractional = true
            [execution]
            commission = 0.001
            [portfolio]
            cash = 1000
            """
        let r = try EngineFixtures.run(toml, [btc], closeAtEnd: true)
        #expect(r.trades.count > 5)
        let first = try #require(r.trades.first)
        // All of the 1,000 in the first trade: q·P·(1 + 0.001) = 1,000 to the last few ulps, q not whole.
        #expect(first.size != first.size.rounded())
        #expect(abs(first.size * first.entryPrice * 1.001 - 1_000) <= 1e-9)
        #expect(first.size * first.entryPrice * 1.001 <= 1_000)
        for o in r.orders where o.status == .filled && o.intent == .entry {
            #expect(o.size != o.size.rounded())
        }
        let s = RunSummary(result: r)
        #expect(s.trades == r.trades.count && s.finalEquity > 0 && s.periodsPerYear == 12)
    }

    @Test func riskSizingRisksAShareOfEquityAgainstTheStop() throws {
        // Risk 1 % of 10,000 against a stop 4 away: 25 units.
        let bars = EngineFixtures.bars("X", setup + [(102, 103, 101, 102)])
        let r = try EngineFixtures.run(entryStrategy("stop_loss = \"4\"", sizing: "mode = \"risk\"\nrisk = 0.01"), [bars])
        #expect(r.openTrades.first?.size == 25)
        #expect(r.openTrades.first?.stopLoss == 98)
        // Without a stop-loss, the trailing stop's distance is the risk.
        let trailing = try EngineFixtures.run(entryStrategy("trailing_stop = \"5\"", sizing: "mode = \"risk\"\nrisk = 0.01"), [bars])
        #expect(trailing.openTrades.first?.size == 20)
        #expect(throws: EngineError.riskSizingWithoutStop) {
            try EngineFixtures.run(entryStrategy(sizing: "mode = \"risk\"\nrisk = 0.01"), [bars])
        }
    }

    @Test func pyramidingAllowsStackedEntries() throws {
        let toml = """
            name = "stack"
            [rules]
            long_entry = "close > 100.5"
            [sizing]
            mode = "units"
            units = 1
            [execution]
            pyramiding = 3
            """
        let bars = EngineFixtures.flat("X", [100, 101, 102, 103, 104, 105, 106])
        let r = try EngineFixtures.run(toml, [bars])
        #expect(r.openTrades.count == 3)
        let once = try EngineFixtures.run(toml.replacingOccurrences(of: "pyramiding = 3", with: "pyramiding = 1"), [bars])
        #expect(once.openTrades.count == 1)
    }

    @Test func nonPositiveCashIsRefused() throws {
        let bars = EngineFixtures.flat("X", [100, 101])
        #expect(throws: EngineError.nonPositiveCash(0)) {
            try Backtest.run(spec: try EngineFixtures.strategy(entryStrategy()), series: [bars], cash: 0)
        }
        #expect(throws: EngineError.noBars(symbol: "E")) {
            try Backtest.run(spec: try EngineFixtures.strategy(entryStrategy()), series: [BarSeries(symbol: "E", interval: .daily)])
        }
    }

    @Test func theStepAPIRunsOneTimestampAtATimeLikeALiveStream() throws {
        // Feeding bars one by one gives exactly the backtest's result.
        let goog = try EngineFixtures.goog()
        let spec = try StrategySpec.load(path: EngineFixtures.path("strategies/sma_cross.toml"))
        let batchRun = try Backtest.run(spec: spec, series: [goog])
        var sim = Simulation(program: try spec.compile(), symbols: ["GOOG"], config: try EngineConfig(spec: spec))
        var batch = BarBatch()
        for i in 0..<goog.count {
            batch.reset(timestamp: goog.timestamps[i])
            batch.append(symbol: 0, index: i, bar: goog[i])
            sim.step(batch)
        }
        let streamed = sim.finish()
        #expect(streamed.equity == batchRun.equity)
        #expect(streamed.trades == batchRun.trades)
        // (Records hold NaN limit/stop prices, which never compare equal: compare what filled.)
        let key = { (o: OrderRecord) in "\(o.id) \(o.status) \(o.size) \(o.price) \(o.bar) \(o.commission)" }
        #expect(streamed.orders.count == batchRun.orders.count)
        #expect(streamed.orders.map(key) == batchRun.orders.map(key))
        // Replaying the first half, then stepping the rest bar by bar, gives the same run too.
        var mixed = Simulation(program: try spec.compile(), symbols: ["GOOG"], config: try EngineConfig(spec: spec))
        mixed.replay(goog.permuted(by: Array(0..<1000)))
        for i in 1000..<goog.count {
            batch.reset(timestamp: goog.timestamps[i])
            batch.append(symbol: 0, index: i, bar: goog[i])
            mixed.step(batch)
        }
        let mixedRun = mixed.finish()
        #expect(mixedRun.timestamps == goog.timestamps)
        #expect(mixedRun.equity == batchRun.equity)
        #expect(mixedRun.trades == batchRun.trades)
    }
}
