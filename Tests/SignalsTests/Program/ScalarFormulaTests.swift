import Testing
@testable import Signals

/// `ScalarFormula`: an expression over named numbers, compiled by the strategy compiler, so its
/// value is the value a strategy rule of the same text has.
@Suite struct ScalarFormulaTests {
    static let texts = [
        "fast < slow", "slow >= 2 * fast and not (fast == 7)", "abs(fast - slow) > 3 or min(fast, slow) == 0",
        // 0 / 0 is NaN: comparisons with NaN are false, `!=` included; `not` of unknown stays unknown.
        "(fast - fast) / (slow - slow) != 1", "not ((fast - fast) / (slow - slow) == 1)", "max(fast, slow) / 0 > 1e300",
        "fast - slow", "-(fast) * 3",
    ]

    /// The same text as a rule of a compiled program, with the values as params.
    private func ruleValue(_ text: String, fast: Double, slow: Double) throws -> Double {
        let type = try ScalarFormula(parsing: text, constants: [:], variables: ["fast", "slow"]).type
        var program = try ExpressionCompiler(params: ["fast": fast, "slow": slow], signals: [(String, String)](), rules: [("r", text, type)]).compile()
        program.step(open: 1, high: 1, low: 1, close: 1, volume: 1)
        return try #require(program.value(named: "r"))
    }

    @Test(arguments: texts)
    func formulaHasTheValueOfTheSameRuleInAStrategy(text: String) throws {
        let formula = try ScalarFormula(parsing: text, constants: [:], variables: ["fast", "slow"])
        var evaluator = formula.evaluator()
        for (fast, slow) in [(5.0, 10.0), (7, 20), (10, 5), (0, 0), (3, 3), (-2, 4)] {
            let expected = try ruleValue(text, fast: fast, slow: slow)
            let got = evaluator.evaluate([fast, slow])
            #expect(got.bitPattern == expected.bitPattern || (got.isNaN && expected.isNaN), "\(text) at \(fast), \(slow): \(got) vs \(expected)")
        }
    }

    @Test func constantsAreFoldedAndVariablesReadOnEveryEvaluation() throws {
        let formula = try ScalarFormula(parsing: "slow > 2 * fast + stop", constants: ["stop": 1], variables: ["fast", "slow"])
        #expect(formula.type == .boolean && formula.variables == ["fast", "slow"])
        var e = formula.evaluator()
        #expect(e.evaluate([2, 6]) == 1 && e.evaluate([2, 5]) == 0 && e.evaluate([0, 2]) == 1)
    }

    @Test(arguments: [
        ("close > fast", "the price series 'close' needs bars"), ("sma(fast, 3) > 1", "'sma' needs bars"),
        ("fast[1] > 1", "a lag [n] needs bars"), ("cross_above(fast, slow)", "'cross_above' needs bars"),
        ("fats < slow", "unknown name 'fats'"), ("not fast", "operand of 'not' must be a boolean"),
        ("fast and slow", "left side of 'and' must be a boolean"), ("sqrt(fast) > 1", "unknown function 'sqrt'"),
    ])
    func whatNeedsBarsOrDoesNotTypeCheckIsAnError(text: String, message: String) {
        #expect {
            try ScalarFormula(parsing: text, constants: [:], variables: ["fast", "slow"])
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
