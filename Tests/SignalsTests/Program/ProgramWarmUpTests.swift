import MarketData
import Testing
@testable import Signals

/// A program's warm-up (`ProgramWarmUp.swift`): the bar from which every indicator it computes
/// has a value, backtesting.py's `_indicator_warmup_nbars`.
@Suite struct ProgramWarmUpTests {
    /// A strategy with these named signals and one entry rule.
    static func spec(_ signals: [String], rule: String = "close > 0") -> StrategySpec {
        var spec = StrategySpec(name: "warm")
        spec.signals = signals.enumerated().map { .init(name: "s\($0.offset)", expression: $0.element) }
        spec.rules = [.init(key: .longEntry, expression: rule)]
        return spec
    }

    /// The first bar of `series` at which every named signal of `program` is a number.
    static func firstBarWithEverySignal(_ program: SignalProgram, signals: Int, over series: BarSeries) -> Int? {
        var p = program
        p.reset()
        for t in 0..<series.count {
            p.step(series[t])
            if (0..<signals).allSatisfy({ !(p.value(named: "s\($0)")?.isNaN ?? true) }) { return t }
        }
        return nil
    }

    @Test func theWarmUpIsTheBarFromWhichEveryIndicatorHasAValue() throws {
        // Each case against the indicators' own first values on GOOG: the static rule and the
        // values the program computes agree.
        let goog = try LanguageFixtures.goog()
        let cases: [([String], Int)] = [
            (["sma(close, 20)"], 19),
            (["sma(close, 10)", "sma(close, 20)"], 19),
            (["sma(rsi(close, 14), 5)"], 18),
            (["macd(close, 12, 26, 9)"], 33),
            (["macd_hist(close, 12, 26, 9)", "ema(close, 50)"], 49),
            (["bb_lower(close, 20, 2)"], 19),
            (["stoch_d(14, 3, 3)"], 17),
            (["atr(14)", "adx(14)"], 27),
            (["sma(close[3], 4)"], 6),
            (["ema(close - close[1], 10)", "wma(high, 5)"], 10),
            (["obv()"], 0),
            (["highest(high, 55)", "cci(20)", "willr(14)", "mfi(14)", "roc(close, 12)", "mom(close, 10)", "stddev(close, 30)"], 54),
        ]
        for (signals, expected) in cases {
            let program = try Self.spec(signals).compile()
            #expect(program.warmUpBars == expected, "\(signals)")
            #expect(Self.firstBarWithEverySignal(program, signals: signals.count, over: goog) == expected, "\(signals)")
        }
    }

    @Test func lagsAndCrossingsAloneAreNotIndicators() throws {
        // backtesting.py counts only `self.I` indicators: `Close[-2]` is data access.
        #expect(try Self.spec([], rule: "close > close[5]").compile().warmUpBars == 0)
        #expect(try Self.spec([], rule: "cross_above(close, open)").compile().warmUpBars == 0)
        #expect(try Self.spec([], rule: "cross_above(sma(close, 5), sma(close, 8))").compile().warmUpBars == 7)
    }

    @Test func aSignalNoRuleUsesStillCounts() throws {
        let program = try Self.spec(["sma(close, 50)"], rule: "close > 0").compile()
        #expect(program.warmUpBars == 49)
    }

    @Test func everyFamilyMemberHasItsOwnProgramsWarmUp() throws {
        var specs: [StrategySpec] = []
        for (fast, slow) in [(5, 20), (10, 40), (3, 8)] {
            var spec = Self.spec(["sma(close, fast)", "sma(close, slow)"], rule: "s0 > s1")
            spec.params = ["fast": Double(fast), "slow": Double(slow)]
            spec.paramNames = ["fast", "slow"]
            specs.append(spec)
        }
        let family = try ProgramFamily(specs: specs)
        let columns = family.columns(for: try LanguageFixtures.goog())
        for (m, spec) in specs.enumerated() {
            #expect(family.signals(m, reading: columns).warmUpBars == (try spec.compile().warmUpBars), "member \(m)")
        }
        #expect(family.signals(1, reading: columns).warmUpBars == 39)
    }
}
