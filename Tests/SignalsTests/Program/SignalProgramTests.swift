import MarketData
import Testing
@testable import Signals

@Suite struct SignalProgramTests {
    func program(_ signals: [(String, String)], params: [String: Double] = [:], rules: [(String, String, ValueType)] = []) throws -> SignalProgram {
        try ExpressionCompiler(params: params, signals: signals, rules: rules).compile()
    }

    /// Steps close-only bars (open = high = low = close) and returns the named output per bar.
    func values(_ p: SignalProgram, _ name: String, closes: [Double], opens: [Double]? = nil) -> [Double] {
        var p = p
        var out: [Double] = []
        for (i, c) in closes.enumerated() {
            let o = opens?[i] ?? c
            p.step(open: o, high: max(o, c), low: min(o, c), close: c, volume: 1)
            out.append(p.value(named: name)!)
        }
        return out
    }

    @Test func threeUsesOfOneIndicatorAreOneNode() throws {
        let p = try program(
            [("a", "sma(close, 20)"), ("b", "sma(close, 20) > close"), ("c", "close < sma(close, 20)")],
            rules: [("long_entry", "sma(close, 20) > open", .boolean)])
        // One SMA, one `>` shared by b and c (`close < x` is `x > close`), one `>` for the rule.
        #expect(p.nodeCount == 3)
        #expect(p.bank.sma.count == 1)
    }

    @Test func identicalSubexpressionsMergeAcrossSignalsAndRules() throws {
        let p = try program(
            [("fast", "sma(close, n)"), ("slow", "sma(close, 2 * n)")], params: ["n": 10],
            rules: [("long_entry", "cross_above(sma(close, 10), sma(close, 20))", .boolean),
                    ("long_exit", "cross_above(fast, slow)", .boolean)])
        #expect(p.nodeCount == 3)  // two SMAs and one crossing
        #expect(p.value(named: "long_entry") != nil)
    }

    @Test func commutativeOperandsMerge() throws {
        let p = try program([("a", "close + open"), ("b", "open + close"), ("c", "min(open, close) * max(close, open)"),
                             ("d", "max(open, close) * min(close, open)")])
        #expect(p.nodeCount == 4)  // +, min, max, *
    }

    @Test func constantsFoldAtCompileTime() throws {
        let p = try program([("a", "close * (2 + 3 * n)")], params: ["n": 2])
        #expect(p.nodeCount == 1)
        #expect(values(p, "a", closes: [1, 2]) == [8, 16])
    }

    @Test func lagZeroIsTheValueItself() throws {
        let p = try program([("a", "close[0]")])
        #expect(p.nodeCount == 0)
        #expect(values(p, "a", closes: [5]) == [5])
    }

    @Test func lagWarmsUpWithNaN() throws {
        let p = try program([("a", "close[2]"), ("b", "close[n]")], params: ["n": 2])
        #expect(p.nodeCount == 1)
        let v = values(p, "a", closes: [1, 2, 3, 4, 5])
        #expect(v[0].isNaN && v[1].isNaN)
        #expect(Array(v[2...]) == [1, 2, 3])
    }

    @Test func lagOfABooleanStaysUnknownDuringWarmUp() throws {
        let p = try program([("up", "close > open"), ("was_up", "up[1]"), ("was_not_up", "not up[1]")])
        let v = values(p, "was_not_up", closes: [2, 1, 3], opens: [1, 2, 1])
        #expect(v[0].isNaN)  // unknown, not "true"
        #expect(v[1] == 0 && v[2] == 1)
    }

    @Test func comparisonsWithNaNAreFalse() throws {
        let p = try program([("gt", "sma(close, 3) > 0"), ("le", "sma(close, 3) <= 0"), ("ne", "sma(close, 3) != 0"),
                             ("eq", "sma(close, 3) == sma(close, 3)")])
        for name in ["gt", "le", "ne", "eq"] {
            let v = values(p, name, closes: [1, 2, 3])
            #expect(v[0] == 0 && v[1] == 0, "\(name) must be false while the SMA warms up")
        }
        #expect(values(p, "gt", closes: [1, 2, 3])[2] == 1)
    }

    @Test func logicIsThreeValued() throws {
        let p = try program([("u", "close[1] > 0"), ("k", "(close > open)[1]"),
                             ("f_and", "close < 0 and k"), ("t_or", "close > 0 or k"), ("t_and", "close > 0 and k")])
        var q = p
        q.step(open: 1, high: 1, low: 1, close: 1, volume: 1)
        #expect(q.value(named: "f_and") == 0)
        #expect(q.value(named: "t_or") == 1)
        #expect(q.value(named: "t_and")!.isNaN)
        #expect(q.boolean(named: "t_and") == false)
    }

    @Test func crossAboveIsStrictOnBothBars() throws {
        let p = try program([("up", "cross_above(close, open)"), ("down", "cross_below(close, open)")])
        // close - open: -1, 0, +1 (equal on the middle bar: no cross on either side), then -1, +1 (a cross).
        let closes: [Double] = [1, 2, 3, 1, 3]
        let opens: [Double] = [2, 2, 2, 2, 2]
        #expect(values(p, "up", closes: closes, opens: opens) == [0, 0, 0, 0, 1])
        #expect(values(p, "down", closes: closes, opens: opens) == [0, 0, 0, 1, 0])
        #expect(p.nodeCount == 1)  // both directions of one pair are one node
    }

    @Test func crossBelowIsCrossAboveWithOperandsSwapped() throws {
        let p = try program([("below", "cross_below(close, open)"), ("swapped", "cross_above(open, close)"),
                             ("above", "cross_above(close, open)")])
        #expect(p.nodeCount == 1)
        let closes: [Double] = [1, 3, 1, 2, 2, 3, 1]
        let opens: [Double] = [2, 2, 2, 2, 2, 2, 2]
        #expect(values(p, "below", closes: closes, opens: opens) == values(p, "swapped", closes: closes, opens: opens))
        #expect(values(p, "below", closes: closes, opens: opens) == [0, 0, 1, 0, 0, 0, 1])  // 3 → 1 crosses 2
        #expect(values(p, "above", closes: closes, opens: opens) == [0, 1, 0, 0, 0, 0, 0])
    }

    @Test func equalAveragesDoNotCross() throws {
        // Both SMAs are exactly 2 on the third bar, then fast > slow: tie on t-1, so no cross.
        let p = try program([("x", "cross_above(sma(close, 1), sma(close, 3))")])
        let v = values(p, "x", closes: [3, 1, 2, 9])
        #expect(v == [0, 0, 0, 0])
        // And a genuine cross from below does fire.
        #expect(values(p, "x", closes: [3, 3, 1, 9]) == [0, 0, 0, 1])
    }

    @Test func crossWithNaNIsFalse() throws {
        let p = try program([("x", "cross_above(close, sma(close, 2))")])
        #expect(values(p, "x", closes: [1, 5, 1, 5]) == [0, 0, 0, 1])
    }

    @Test func arithmeticAndBuiltins() throws {
        let p = try program([("a", "abs(open - close) / 2 + min(open, close) - max(1, 2) * -1")])
        #expect(values(p, "a", closes: [4], opens: [10]) == [3 + 4 + 2])
    }

    @Test func multiOutputIndicatorsShareOneState() throws {
        let p = try program([("u", "bb_upper(close, 5, 2)"), ("m", "bb_middle(close, 5, 2)"), ("l", "bb_lower(close, 5, 2)"),
                             ("line", "macd(close, 3, 6, 2)"), ("hist", "macd_hist(close, 3, 6, 2)"),
                             ("k", "stoch_k(5, 3, 3)"), ("d", "stoch_d(5, 3, 3)")])
        #expect(p.nodeCount == 3)
        let series = LanguageFixtures.randomBars(count: 60, seed: 7)
        let out = p.run(series: series)
        var sma = try SMA(period: 5)
        for t in 0..<series.count {
            let m = sma.update(series.close[t])
            let (u, mid, l) = (out["u"]![t], out["m"]![t], out["l"]![t])
            #expect(mid.isNaN == m.isNaN)
            if !m.isNaN {
                #expect(Swift.abs(mid - m) <= 1e-9 * Swift.abs(m))
                #expect(Swift.abs((u - mid) - (mid - l)) <= 1e-9 * Swift.abs(mid))
            }
        }
        #expect(!out["hist"]!.last!.isNaN && !out["d"]!.last!.isNaN)
    }

    @Test func everyFunctionCompilesAndRuns() throws {
        let exprs = Builtin.allCases.map { f -> (String, String) in
            let args = f.arguments.map { arg -> String in
                switch arg {
                case .series: "close"
                case .period: "3"
                case .constant: "2"
                }
            }
            return (f.rawValue + "_v", "\(f.rawValue)(\(args.joined(separator: ", ")))")
        }
        let p = try program(exprs)
        let out = p.run(series: LanguageFixtures.randomBars(count: 50, seed: 3))
        for (name, _) in exprs {
            #expect(out[name]?.count == 50)
            #expect(out[name]?.last.map { !$0.isNaN } == true, "\(name) should be warm after 50 bars")
        }
    }

    @Test func runMatchesStepAndResetRestarts() throws {
        var p = try program([("f", "ema(close, 4) - sma(close, 6)[2]")], rules: [("long_entry", "cross_above(f, 0)", .boolean)])
        let series = LanguageFixtures.randomBars(count: 100, seed: 11)
        let batch = p.run(series: series)
        for _ in 0..<2 {
            p.reset()
            var streamed: [Double] = []
            for t in 0..<series.count {
                p.step(series[t])
                streamed.append(p.value(named: "long_entry")!)
            }
            #expect(LanguageFixtures.same(streamed, batch["long_entry"]!))
            #expect(p.barCount == 100)
        }
        #expect(p.outputNames == ["f", "long_entry"])
    }

    @Test func copiesStepIndependently() throws {
        var a = try program([("m", "sma(close, 3)"), ("l", "close[1]")])
        for c in [1.0, 2, 3] { a.step(open: c, high: c, low: c, close: c, volume: 1) }
        var b = a  // shares state until one of them steps
        b.step(open: 30, high: 30, low: 30, close: 30, volume: 1)
        a.step(open: 6, high: 6, low: 6, close: 6, volume: 1)
        #expect(a.value(named: "m") == (2 + 3 + 6) / 3.0)
        #expect(b.value(named: "m") == (2 + 3 + 30) / 3.0)
        #expect(a.value(named: "l") == 3 && b.value(named: "l") == 3)
        let c = b
        b.reset()
        #expect(b.barCount == 0 && b.value(named: "m")!.isNaN)
        #expect(c.barCount == 4 && c.value(named: "m") == (2 + 3 + 30) / 3.0)
    }
}
