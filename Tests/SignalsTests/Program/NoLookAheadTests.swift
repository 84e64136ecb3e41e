import MarketData
import Testing
@testable import Signals

/// Changing bars after t changes no value at or before t: the program reads only the bar it is
/// stepped with, so look-ahead is impossible by construction; this checks it on every function.
@Suite struct NoLookAheadTests {
    static let signals: [(String, String)] = [
        ("fast", "sma(close, 5)"), ("slow", "ema(close, 12)"), ("w", "wma(high, 4)"),
        ("r", "rsi(close, 6)"), ("rc", "roc(close, 3)"), ("mo", "mom(close, 2)"), ("sd", "stddev(close, 7)"),
        ("hi", "highest(high, 9)"), ("lo", "lowest(low, 9)"), ("m", "macd(close, 4, 9, 3)"),
        ("ms", "macd_signal(close, 4, 9, 3)"), ("mh", "macd_hist(close, 4, 9, 3)"),
        ("bu", "bb_upper(close, 8, 2)"), ("bm", "bb_middle(close, 8, 2)"), ("bl", "bb_lower(close, 8, 1.5)"),
        ("a", "atr(5)"), ("ad", "adx(4)"), ("c", "cci(6)"), ("wr", "willr(5)"), ("mf", "mfi(5)"), ("ob", "obv()"),
        ("sk", "stoch_k(5, 3, 3)"), ("sdd", "stoch_d(5, 3, 3)"), ("lagged", "fast[3] - close[1]"),
        ("up", "cross_above(fast, slow)"), ("down", "cross_below(fast, slow)"),
        ("mix", "abs(fast - slow) / max(a, 0.01) > min(sd, 2) and not up or hi[2] == close"),
        ("clock", "hhmm()[1] + weekday() * day() - month() + year() + timeofday() + minute() + second() + hour() - time[2] / 1e9"),
    ]

    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func changingLaterBarsChangesNothingEarlier(seed: UInt64) throws {
        let program = try ExpressionCompiler(signals: Self.signals, rules: [("long_entry", "up and r < 70", .boolean)]).compile()
        let bars = LanguageFixtures.randomBars(count: 300, seed: seed)
        let original = program.run(series: bars)
        for t in [0, 1, 17, 60, 150, 298] {
            var mutated = bars
            for i in (t + 1)..<bars.count {
                mutated.open[i] *= 1.5
                mutated.high[i] *= 2
                mutated.low[i] *= 0.5
                mutated.close[i] = i % 2 == 0 ? mutated.close[i] * 3 : .nan
                mutated.volume[i] += 1e6
                mutated.timestamps[i] += 86_400 * 3 + 3_600 * 7 + 61
            }
            let changed = program.run(series: mutated)
            for name in program.outputNames {
                #expect(LanguageFixtures.same(Array(original[name]![...t]), Array(changed[name]![...t])),
                        "\(name) changed at or before bar \(t) when only later bars changed")
            }
        }
    }
}
