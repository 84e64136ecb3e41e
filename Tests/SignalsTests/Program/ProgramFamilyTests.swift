import MarketData
import Testing
@testable import Signals

/// A sweep's block of param sets compiled as one `ProgramFamily`: shared nodes once, and every
/// member's rules exactly what its own program computes.
@Suite struct ProgramFamilyTests {
    /// Rules of every kind: crossings over shared and unshared indicators, a multi-output
    /// indicator (Bollinger), a bar indicator (ATR), lags, `and`/`not`, price rules.
    static func spec(period: Int, width: Double, fast: Int) throws -> StrategySpec {
        var spec = StrategySpec(name: "family")
        spec.params = ["period": Double(period), "width": width, "fast": Double(fast)]
        spec.paramNames = ["period", "width", "fast"]
        spec.signals = [
            .init(name: "upper", expression: "bb_upper(close, period, width)"),
            .init(name: "middle", expression: "bb_middle(close, period, width)"),
            .init(name: "trend", expression: "ema(close, fast) > sma(close, 50)"),
        ]
        spec.rules = [
            .init(key: .longEntry, expression: "cross_above(close, upper) and trend and not (close[1] > close[2])"),
            .init(key: .longExit, expression: "cross_below(close, middle) or min(close, open) < lowest(low, period)[1]"),
            .init(key: .stopLoss, expression: "2 * atr(14)"),
            .init(key: .takeProfit, expression: "width * stddev(close, period)"),
        ]
        return spec
    }

    static let members: [(Int, Double, Int)] = [(20, 2, 10), (20, 2.5, 10), (30, 2, 10), (20, 2, 12), (30, 2.5, 12)]

    @Test func everyMemberRecordsExactlyItsOwnProgramsRules() throws {
        let goog = try LanguageFixtures.goog()
        let specs = try Self.members.map { try Self.spec(period: $0.0, width: $0.1, fast: $0.2) }
        let family = try ProgramFamily(specs: specs)
        let columns = family.columns(for: goog)
        for (m, spec) in specs.enumerated() {
            let own = try spec.compile()
            var program = own
            var recorded = family.signals(m, reading: columns)
            var fired = 0
            for t in 0..<goog.count {
                program.step(goog[t])
                recorded.step(open: .nan, high: .nan, low: .nan, close: .nan, volume: .nan)
                for key in ["long_entry", "long_exit"] {
                    let p = try #require(recorded.outputPosition(named: key))
                    let expected: Double = program.value(named: key) == 1 ? 1 : 0
                    #expect(recorded.value(at: p) == expected, "member \(m) bar \(t) \(key)")
                    if expected == 1 { fired += 1 }
                }
                for key in ["stop_loss", "take_profit"] {
                    let p = try #require(recorded.outputPosition(named: key))
                    let mine = recorded.value(at: p), theirs = program.value(named: key)!
                    #expect(mine.bitPattern == theirs.bitPattern || (mine.isNaN && theirs.isNaN), "member \(m) bar \(t) \(key)")
                }
            }
            #expect(fired > 10, "member \(m): the rules fire on GOOG, so the comparison means something")
        }
    }

    @Test func sharedIndicatorsAreComputedOnce() throws {
        let specs = try Self.members.map { try Self.spec(period: $0.0, width: $0.1, fast: $0.2) }
        let family = try ProgramFamily(specs: specs)
        let separately = try specs.reduce(0) { $0 + (try $1.compile().nodeCount) }
        // atr(14), sma(close, 50), the lags of close and lowest(low, 20/30) are one node each
        // for all five members; Bollinger(20, 2) serves three of them.
        #expect(family.count == 5)
        #expect(family.nodeCount < separately * 2 / 3, "\(family.nodeCount) nodes vs \(separately) compiled one by one")
    }

    @Test func signalsAreNotRecordedAndReadNaN() throws {
        let goog = try LanguageFixtures.goog()
        let family = try ProgramFamily(specs: [try Self.spec(period: 20, width: 2, fast: 10)])
        var recorded = family.signals(0, reading: family.columns(for: goog))
        for _ in 0..<100 { recorded.step(open: 0, high: 0, low: 0, close: 0, volume: 0) }
        #expect(recorded.value(at: try #require(recorded.outputPosition(named: "upper"))).isNaN)
        #expect(!recorded.value(at: try #require(recorded.outputPosition(named: "stop_loss"))).isNaN)
    }

    @Test func membersWithZeroAndNegativeZeroParamsEachReadTheirOwnConstant() throws {
        // close / (close · z) is −inf for z = −0 and +inf for z = 0: one shared constant slot
        // for both would flip the second member's rule.
        func spec(_ z: Double) -> StrategySpec {
            var spec = StrategySpec(name: "zero")
            spec.params = ["z": z]
            spec.paramNames = ["z"]
            spec.rules = [.init(key: .longEntry, expression: "close / (close * z) < 0")]
            return spec
        }
        let goog = try LanguageFixtures.goog()
        let specs = [spec(-0.0), spec(0.0)]
        let family = try ProgramFamily(specs: specs)
        let columns = family.columns(for: goog)
        for m in 0..<2 {
            var own = try specs[m].compile()
            var recorded = family.signals(m, reading: columns)
            for t in 0..<10 {
                own.step(goog[t])
                recorded.step(open: 0, high: 0, low: 0, close: 0, volume: 0)
                let p = try #require(recorded.outputPosition(named: "long_entry"))
                #expect(recorded.value(at: p) == (own.value(named: "long_entry") == 1 ? 1 : 0), "member \(m) bar \(t)")
            }
            #expect(own.value(named: "long_entry") == (m == 0 ? 1 : 0))
        }
    }

    @Test func aMemberThatDoesNotCompileIsNamedByPosition() throws {
        var bad = try Self.spec(period: 20, width: 2, fast: 10)
        bad.params["period"] = 0
        #expect {
            try ProgramFamily(specs: [try Self.spec(period: 20, width: 2, fast: 10), bad])
        } throws: { error in
            (error as? ProgramFamily.MemberError<StrategyError>)?.member == 1
        }
    }
}
