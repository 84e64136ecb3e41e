import Testing
@testable import Signals

/// Lags and periods are bounded when compiled, before their ring buffers are allocated.
@Suite struct LookbackLimitTests {
    func compileError(_ expression: String, params: [String: Double] = [:]) -> CompileError? {
        do {
            _ = try ExpressionCompiler(params: params, signals: [("x", expression)]).compile()
            return nil
        } catch {
            return error
        }
    }

    @Test func lagAboveTheMaximumIsRejectedWithTheLimitInTheMessage() {
        let e = compileError("close[999999999]")
        #expect(e?.error == LanguageError(.invalidLag(999_999_999), column: 7))
        #expect(e?.description == "signals.x: column 7: a lag [n] must be a whole number from 0 to 1000000 bars, got 999999999")
        #expect(compileError("close[n]", params: ["n": 1_000_001])?.error.kind == .invalidLag(1_000_001))
    }

    @Test func lagAtTheMaximumCompiles() {
        #expect(compileError("close[1000000]") == nil)
    }

    @Test func periodAboveTheMaximumNamesTheRange() {
        let e = compileError("sma(close, 99999999)")
        #expect(e?.error.kind == .invalidPeriod(function: "sma", value: 99_999_999))
        #expect(e?.error.message == "period of 'sma' must be a whole number from 1 to 10000000, got 99999999")
    }

    @Test func longestLagIsTheLargestLagOfAnySignal() throws {
        let program = try ExpressionCompiler(signals: [("a", "close[3]"), ("b", "sma(close, 5)[40] + open[7]")]).compile()
        #expect(program.longestLag == 40)
        #expect(try ExpressionCompiler(signals: [("a", "sma(close, 50)")]).compile().longestLag == 0)
    }
}
