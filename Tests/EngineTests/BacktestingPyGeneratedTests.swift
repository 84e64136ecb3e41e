import Foundation
import MarketData
import Testing
@testable import Engine

/// Runs compared with backtesting.py 0.6.6 on synthetic bars generated for these tests
/// (`Tests/Fixtures/generated/backtesting_py/generate.py`, see its docstring): a one-bar limit
/// entry cancelled and replaced every bar, and a short that runs out of money.
@Suite struct BacktestingPyGeneratedTests {
    static let folder = "Tests/Fixtures/generated/backtesting_py"

    static func bars(_ name: String) throws -> BarSeries {
        try EngineFixtures.ohlcv("../generated/backtesting_py/\(name)_bars.csv", symbol: name.uppercased())
    }

    /// Rows of one of the folder's CSV files, keyed by header.
    static func rows(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: EngineFixtures.path("\(folder)/\(file)"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    static func json(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: EngineFixtures.path("\(folder)/\(file)")))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The run's closed trades and equity curve equal backtesting.py's: sizes, bars and prices
    /// exactly, cash within 1e-9.
    static func expectSameRun(_ r: RunResult, as name: String) throws {
        let reference = try rows("\(name)_trades.csv")
        #expect(r.trades.count == reference.count)
        for (t, row) in zip(r.trades, reference) {
            #expect(t.size == Double(row["Size"]!), "\(row)")
            #expect(t.entryBar == Int(row["EntryBar"]!) && t.exitBar == Int(row["ExitBar"]!), "\(row)")
            #expect(t.entryPrice == Double(row["EntryPrice"]!) && t.exitPrice == Double(row["ExitPrice"]!), "\(row)")
            #expect(abs(t.pnl - Double(row["PnL"]!)!) <= 1e-9, "\(row)")
            #expect(abs(t.commission - Double(row["Commission"]!)!) <= 1e-9, "\(row)")
        }
        let equity = try rows("\(name)_equity.csv").map { Double($0["Equity"]!)! }
        #expect(r.equity.count == equity.count)
        let worst = zip(r.equity, equity).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst <= 1e-9, "max |Δequity| \(worst)")
    }

    static let cancelReplace = """
    name = "cancel_replace"
    [signals]
    fast = "sma(close, 5)"
    slow = "sma(close, 20)"
    [rules]
    long_entry = "fast > slow"
    long_exit = "fast < slow"
    entry_limit = "close * 0.99"
    [sizing]
    mode = "all"
    [execution]
    commission = 0.002
    good_for = 1
    """

    @Test func aOneBarLimitReplacedEveryBarMatchesBacktestingPysCancelAndReplace() throws {
        let r = try EngineFixtures.run(Self.cancelReplace, [try Self.bars("cancel_replace")])
        try Self.expectSameRun(r, as: "cancel_replace")
        // An order on every bar backtesting.py's strategy placed one (runs of consecutive bars).
        let placed = try #require(try Self.json("cancel_replace.json")["orders_placed_on_bars"] as? [Int])
        #expect(r.orders.filter { $0.intent == .entry }.map(\.createdBar) == placed)
        #expect(zip(placed, placed.dropFirst()).contains { $1 == $0 + 1 }, "the data has bars of consecutive replacement")
    }

    @Test func withoutTheWarmUpRuleTheLevelConditionActsOneBarEarlier() throws {
        // fast > slow already holds on bar 19, where both averages first exist: backtesting.py
        // (and the default rule) places the first order on bar 20; `warmup = "none"` on bar 19.
        let r = try EngineFixtures.run(Self.cancelReplace + "\nwarmup = \"none\"", [try Self.bars("cancel_replace")])
        let placed = try #require(try Self.json("cancel_replace.json")["orders_placed_on_bars"] as? [Int])
        #expect(placed.first == 20)
        #expect(r.orders.first { $0.intent == .entry }?.createdBar == 19)
    }

    @Test func aShortThatRunsOutOfMoneyMatchesBacktestingPy() throws {
        let toml = """
        name = "ruin"
        [rules]
        short_entry = "close > 0"
        [sizing]
        mode = "all"
        [execution]
        commission = 0.002
        """
        let r = try EngineFixtures.run(toml, [try Self.bars("ruin")])
        try Self.expectSameRun(r, as: "ruin")
        let reference = try Self.json("ruin.json")
        let ruinBar = try #require(reference["first_zero_equity_bar"] as? Int)
        #expect(r.outOfMoneyTime == r.timestamps[ruinBar])
        #expect(r.finalEquity == 0 && (reference["final_equity"] as? Double) == 0)
        #expect(r.orders.map(\.createdBar) == (reference["orders_placed_on_bars"] as? [Int] ?? []) + [ruinBar])
    }
}
