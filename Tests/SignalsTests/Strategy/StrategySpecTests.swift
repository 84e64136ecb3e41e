import Foundation
import MarketData
import Testing
@testable import Signals

@Suite struct StrategySpecTests {
    static let shipped = ["sma_cross", "sma_cross_long", "rsi_reversion", "macd_trend", "bollinger_breakout", "donchian_breakout"]

    func parse(_ text: String, overrides: [String] = []) throws(StrategyError) -> StrategySpec {
        try StrategySpec.parse(toml: text, path: "strategies/x.toml", overrides: overrides)
    }

    func error(_ text: String, overrides: [String] = []) -> StrategyError? {
        do {
            _ = try parse(text, overrides: overrides).compile()
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: shipped)
    func everyShippedStrategyCompilesAndRuns(name: String) throws {
        let spec = try StrategySpec.load(path: LanguageFixtures.path("strategies/\(name).toml"))
        #expect(spec.name == name)
        #expect(!spec.description.isEmpty)
        #expect(spec.symbols == ["GOOG"])
        let program = try spec.compile()
        #expect(program.outputNames == spec.signals.map(\.name) + spec.rules.map(\.key.rawValue))
        let out = program.run(series: try LanguageFixtures.goog())
        #expect(out.values.allSatisfy { $0.count == 2148 })
        let entries = out["long_entry"]!.filter { $0 == 1 }.count
        #expect(entries > 0, "\(name) never enters on GOOG")
    }

    @Test func readmeStrategyDecodesToTheReadmeSettings() throws {
        let spec = try StrategySpec.load(path: LanguageFixtures.path("strategies/sma_cross.toml"))
        #expect(spec.params == ["fast": 10, "slow": 20])
        #expect(spec.paramNames == ["fast", "slow"])
        #expect(spec.signals.map(\.name) == ["fast_ma", "slow_ma"])
        #expect(spec.rules.map(\.key) == [.longEntry, .shortEntry])
        #expect(spec.execution.commission == 0.002)
        #expect(spec.execution.exclusive)
        #expect(spec.execution.fill == .nextOpen)
        #expect(spec.sizing.mode == .all)
        #expect(spec.portfolio.cash == 10_000)
        #expect(spec.interval == .daily)
        #expect(spec.allocation == nil)
        #expect(try spec.compile().nodeCount == 3)  // two SMAs, one node for both crossings
    }

    @Test func signalsKeepFileOrderNotAlphabetical() throws {
        let spec = try parse("""
            [signals]
            zeta = "close"
            alpha = "zeta * 2"
            mid = "alpha + 1"
            [rules]
            short_entry = "mid < 0"
            long_entry = "mid > 0"
            """)
        #expect(spec.signals.map(\.name) == ["zeta", "alpha", "mid"])
        #expect(try spec.compile().outputNames == ["zeta", "alpha", "mid", "short_entry", "long_entry"])
    }

    @Test func defaultsWhenTablesAreAbsent() throws {
        let spec = try parse("[signals]\nx = \"close\"")
        #expect(spec.name == "x")  // from the file name
        #expect(spec.sizing == SizingSpec())
        #expect(spec.execution.fill == .nextOpen && spec.execution.commission == 0 && !spec.execution.exclusive)
        #expect(spec.execution.pyramiding == 1 && spec.execution.goodFor == 1)
        #expect(spec.portfolio.cash == 10_000)
    }

    @Test func compileErrorNamesFileKeyAndColumn() {
        let e = error("""
            [signals]
            fast_ma = "1 + smaa(close, 10)"
            """)
        #expect(e?.description == "strategies/x.toml: signals.fast_ma: column 5: unknown function 'smaa' (did you mean 'sma'?)")
    }

    @Test func ruleErrorNamesTheRuleKey() {
        let e = error("[rules]\nlong_entry = \"close + 1\"")
        #expect(e?.description == "strategies/x.toml: rules.long_entry: column 1: rule 'long_entry' must be a boolean, found a number")
    }

    @Test func unknownTopLevelKeyIsRejected() {
        let e = error("nmae = \"x\"")
        #expect(e == StrategyError(file: "strategies/x.toml", key: "nmae", .unknownKey(suggestion: "name")))
        #expect(e?.description == "strategies/x.toml: nmae: unknown key (did you mean 'name'?)")
    }

    @Test func unknownKeysInsideTablesAreRejected() {
        #expect(error("[execution]\ncomission = 0.002")?.key == "execution.comission")
        #expect(error("[execution]\ncomission = 0.002")?.kind == .unknownKey(suggestion: "commission"))
        #expect(error("[sizing]\nmode = \"all\"\nleverage = 2")?.key == "sizing.leverage")
        #expect(error("[portfolio]\ncash = 1\nbenchmark = \"SPY\"")?.key == "portfolio.benchmark")
        #expect(error("[allocation]\nmethod = \"hrp\"\nevery = \"month\"")?.key == "allocation.every")
        #expect(error("[rules]\nlong_entri = \"close > 1\"")?.kind == .unknownKey(suggestion: "long_entry"))
    }

    @Test func aSignalNamedAfterARuleIsRejected() {
        // Without a [rules] long_exit, a signal of that name would act as the rule in some runs.
        let e = error("[signals]\nlong_exit = \"close < sma(close, 5)\"\n[rules]\nlong_entry = \"close > 1\"")
        #expect(e?.key == "signals.long_exit")
        #expect(e?.description.contains("rule name") == true, "\(String(describing: e))")
    }

    @Test func wrongTypesAndValuesAreRejected() {
        #expect(error("[portfolio]\ncash = \"lots\"")?.kind == .wrongType(expected: "a number", found: "a string"))
        #expect(error("[portfolio]\ncash = -5")?.key == "portfolio.cash")
        #expect(error("[execution]\nfill = \"next_bar\"")?.description
            == "strategies/x.toml: execution.fill: 'next_bar' is not one of next_open, close (did you mean 'next_open'?)")
        #expect(error("[signals]\nx = 3")?.kind == .wrongType(expected: "a string", found: "an integer"))
        #expect(error("[params]\nfast = \"ten\"")?.kind == .wrongType(expected: "a number", found: "a string"))
        #expect(error("interval = \"fortnightly\"")?.key == "interval")
        #expect(error("[execution]\npyramiding = 0")?.key == "execution.pyramiding")
    }

    @Test func allocationWithRulesIsRejectedAndAllocationAloneIsAStrategy() throws {
        let both = error("[rules]\nlong_entry = \"close > 1\"\n[allocation]\nmethod = \"equal\"")
        #expect(both?.key == "allocation")
        #expect(both?.description.contains("cannot also have [rules]") == true)
        let shipped = try StrategySpec.load(path: LanguageFixtures.path("strategies/min_variance_monthly.toml"))
        #expect(shipped.rules.isEmpty && shipped.symbols.count == 19 && !shipped.description.isEmpty)
        #expect(shipped.allocation?.method == .minVariance && shipped.allocation?.rebalance == .month && shipped.allocation?.lookback == 252)
        #expect(try shipped.compile().outputNames.isEmpty)
    }

    @Test func tomlSyntaxErrorsCarryLineAndColumn() {
        guard case .syntax(let line, _, _)? = error("name = \"x\"\n[signals\nfoo = 1")?.kind else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(line == 2)
    }

    @Test func sectionsDecodeIntoTypedStructs() throws {
        let spec = try parse("""
            [sizing]
            mode = "fraction"
            fraction = 0.5
            fractional = true
            [execution]
            fill = "close"
            commission_per_unit = 0.01
            commission_fixed = 1
            commission_min = 2
            slippage_bps = 5
            pyramiding = 3
            good_for = 2
            [allocation]
            method = "risk_parity"
            rebalance = "quarter"
            lookback = 126
            """)
        #expect(spec.sizing.mode == .fraction && spec.sizing.fraction == 0.5 && spec.sizing.fractional)
        #expect(spec.execution.fill == .close && spec.execution.commissionPerUnit == 0.01)
        #expect(spec.execution.commissionFixed == 1 && spec.execution.commissionMin == 2 && spec.execution.slippageBps == 5)
        #expect(spec.execution.pyramiding == 3 && spec.execution.goodFor == 2)
        #expect(spec.allocation?.method == .riskParity && spec.allocation?.rebalance == .quarter && spec.allocation?.lookback == 126)
    }
}

@Suite struct StrategyOverrideTests {
    let text = """
        [params]
        fast = 10
        slow = 20
        [signals]
        fast_ma = "sma(close, fast)"
        slow_ma = "sma(close, slow)"
        [rules]
        long_entry = "cross_above(fast_ma, slow_ma)"
        """

    @Test func paramOverrideChangesTheCompiledPeriod() throws {
        let spec = try StrategySpec.parse(toml: text, overrides: ["fast=12", "slow = 30.0"])
        #expect(spec.params == ["fast": 12, "slow": 30])
        #expect(spec.paramNames == ["fast", "slow"])
        let program = try spec.compile()
        #expect(program.bank.sma.map(\.period) == [12, 30])
    }

    @Test func overridesApplyBeforeCompilation() {
        #expect(throws: StrategyError(key: "signals.fast_ma", .expression(LanguageError(.invalidPeriod(function: "sma", value: 0), column: 12)))) {
            try StrategySpec.parse(toml: text, overrides: ["fast=0"]).compile()
        }
    }

    @Test func unknownParamIsRejectedWithSuggestion() {
        #expect(throws: StrategyError(key: "params.fats", .unknownKey(suggestion: "params.fast"))) {
            try StrategySpec.parse(toml: text, overrides: ["fats=12"])
        }
    }

    @Test func paramOverrideMustBeANumber() {
        #expect(throws: StrategyError(key: "params.fast", .wrongType(expected: "a number", found: "a string"))) {
            try StrategySpec.parse(toml: text, overrides: ["fast=ten"])
        }
    }

    @Test func dottedOverridesReachOtherTablesAndAreValidated() throws {
        let spec = try StrategySpec.parse(toml: text, overrides: [
            "execution.commission=0.001", "sizing.mode=fraction", "execution.exclusive=true",
            "signals.fast_ma=\"ema(close, fast)\"", "portfolio.cash=5e4",
        ])
        #expect(spec.execution.commission == 0.001 && spec.execution.exclusive)
        #expect(spec.sizing.mode == .fraction)
        #expect(spec.portfolio.cash == 50_000)
        #expect(spec.signals.first?.expression == "ema(close, fast)")
        #expect(throws: StrategyError(key: "execution.comission", .unknownKey(suggestion: "commission"))) {
            try StrategySpec.parse(toml: text, overrides: ["execution.comission=0.001"])
        }
        #expect(throws: StrategyError(key: "bogus", .unknownKey(suggestion: nil))) {
            try StrategySpec.parse(toml: text, overrides: ["bogus.x=1"])
        }
    }

    @Test func malformedOverride() {
        #expect(throws: StrategyError(.malformedOverride("fast"))) { try StrategySpec.parse(toml: text, overrides: ["fast"]) }
        #expect(throws: StrategyError(.malformedOverride("=3"))) { try StrategySpec.parse(toml: text, overrides: ["=3"]) }
    }
}
