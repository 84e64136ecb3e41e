import Testing
@testable import Signals

@Suite struct CompilerErrorTests {
    func compile(_ signals: [(String, String)], params: [String: Double] = [:], rules: [(String, String, ValueType)] = []) throws(CompileError) -> SignalProgram {
        try ExpressionCompiler(params: params, signals: signals, rules: rules).compile()
    }

    func error(_ signals: [(String, String)], params: [String: Double] = [:], rules: [(String, String, ValueType)] = []) -> CompileError? {
        do {
            _ = try compile(signals, params: params, rules: rules)
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownFunctionSuggestsTheClosest() {
        let e = error([("fast_ma", "smaa(close, 10)")])
        #expect(e == CompileError(key: "signals.fast_ma", error: LanguageError(.unknownFunction("smaa", suggestion: "sma"), column: 1)))
        #expect(e?.description == "signals.fast_ma: column 1: unknown function 'smaa' (did you mean 'sma'?)")
    }

    @Test func unknownNameSuggestsSeriesParamsAndSignals() {
        #expect(error([("x", "clsoe + 1")])?.error.kind == .unknownName("clsoe", suggestion: "close"))
        #expect(error([("x", "sma(close, fats)")], params: ["fast": 10])?.error == LanguageError(.unknownName("fats", suggestion: "fast"), column: 12))
        #expect(error([("trend", "close"), ("x", "trnd > 1")])?.error.kind == .unknownName("trnd", suggestion: "trend"))
        #expect(error([("x", "zzzzzz")])?.error.kind == .unknownName("zzzzzz", suggestion: nil))
    }

    @Test func wrongArityNamesTheSignature() {
        let e = error([("x", "sma(close)")])
        #expect(e?.error.kind == .wrongArity("sma", signature: "sma(x, n)", got: 1))
        #expect(e?.error.message == "'sma' takes 2 arguments: sma(x, n), got 1")
        #expect(error([("x", "obv(14)")])?.error.kind == .wrongArity("obv", signature: "obv()", got: 1))
    }

    @Test func functionUsedWithoutCall() {
        #expect(error([("x", "sma + 1")])?.error.kind == .missingCall("sma", signature: "sma(x, n)"))
    }

    @Test func seriesUsedAsFunction() {
        #expect(error([("x", "close(3)")])?.error.kind == .notAFunction("close"))
    }

    @Test func booleanInArithmeticIsATypeError() {
        let e = error([("x", "close + (close > open)")])
        #expect(e?.error == LanguageError(.typeMismatch(expected: .number, found: .boolean, context: "right side of '+'"), column: 10))
    }

    @Test func numberInLogicIsATypeError() {
        #expect(error([("x", "close > 1 and close")])?.error == LanguageError(
            .typeMismatch(expected: .boolean, found: .number, context: "right side of 'and'"), column: 15))
        #expect(error([("x", "not close")])?.error.kind == .typeMismatch(expected: .boolean, found: .number, context: "operand of 'not'"))
    }

    @Test func entryRuleMustBeBoolean() {
        let e = error([("m", "sma(close, 5)")], rules: [("long_entry", "m", .boolean)])
        #expect(e?.key == "rules.long_entry")
        #expect(e?.error.kind == .typeMismatch(expected: .boolean, found: .number, context: "rule 'long_entry'"))
    }

    @Test func stopRuleMustBeNumeric() {
        #expect(error([], rules: [("stop_loss", "close > 1", .number)])?.error.kind
            == .typeMismatch(expected: .number, found: .boolean, context: "rule 'stop_loss'"))
    }

    @Test func periodsMustBePositiveIntegers() {
        #expect(error([("x", "sma(close, 0)")])?.error == LanguageError(.invalidPeriod(function: "sma", value: 0), column: 12))
        #expect(error([("x", "sma(close, 2.5)")])?.error.kind == .invalidPeriod(function: "sma", value: 2.5))
        #expect(error([("x", "sma(close, n)")], params: ["n": -3])?.error.kind == .invalidPeriod(function: "sma", value: -3))
        #expect(error([("x", "atr(n)")], params: ["n": 1.5])?.error.kind == .invalidPeriod(function: "atr", value: 1.5))
    }

    @Test func periodsMustBeKnownAtCompileTime() {
        #expect(error([("x", "sma(close, close)")])?.error == LanguageError(.notConstant(context: "argument 'n' of 'sma'"), column: 12))
    }

    @Test func lagMustBeANonNegativeInteger() {
        #expect(error([("x", "close[0.5]")])?.error == LanguageError(.invalidLag(0.5), column: 7))
        #expect(error([("x", "close[-1]")])?.error.kind == .invalidLag(-1))
        #expect(error([("x", "close[open]")])?.error.kind == .notConstant(context: "lag"))
    }

    @Test func cyclesAreReportedWithThePath() {
        let e = error([("a", "b + 1"), ("b", "c * 2"), ("c", "a")])
        #expect(e?.key == "signals.c")
        #expect(e?.error.kind == .cycle(["a", "b", "c", "a"]))
    }

    @Test func selfReferenceIsACycle() {
        #expect(error([("a", "a[1] + 1")])?.error.kind == .cycle(["a", "a"]))
    }

    @Test func errorsInsideAReferencedSignalNameThatSignal() {
        let e = error([("entry", "broken > 1"), ("broken", "sma(close 3)")])
        #expect(e?.key == "signals.broken")
        #expect(e?.error.column == 11)
    }

    @Test func namesMayNotShadowBuiltinsParamsOrRules() {
        #expect(error([("close", "open")])?.error.kind == .nameClash("close", with: "a built-in name"))
        #expect(error([("sma", "open")])?.error.kind == .nameClash("sma", with: "a built-in name"))
        #expect(error([("fast", "open")], params: ["fast": 3])?.error.kind == .nameClash("fast", with: "a param"))
        #expect(error([("long_entry", "open > 1")], rules: [("long_entry", "open > 2", .boolean)])?.error.kind
            == .nameClash("long_entry", with: "a rule"))
    }

    @Test func bandWidthMustBeFinite() {
        #expect(error([("x", "bb_upper(close, 20, 1 / 0)")])?.error
            == LanguageError(.invalidConstant(context: "argument 'k' of 'bb_upper'", value: .infinity), column: 21))
    }
}
