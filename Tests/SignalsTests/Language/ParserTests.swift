import Testing
@testable import Signals

@Suite struct ParserTests {
    func render(_ s: String) throws -> String { try Parser.parse(s).description }

    @Test func arithmeticPrecedence() throws {
        #expect(try render("a + b * c - d / e") == "((a + (b * c)) - (d / e))")
        #expect(try render("(a + b) * c") == "((a + b) * c)")
    }

    @Test func logicBindsLooserThanComparison() throws {
        #expect(try render("not a > b and c < d or e") == "(((not (a > b)) and (c < d)) or e)")
    }

    @Test func lagIsPostfixAndBindsTighterThanMinus() throws {
        #expect(try render("-close[1]") == "(-close[1])")
        #expect(try render("sma(close, 3)[2]") == "sma(close, 3)[2]")
        #expect(try render("close[1][2]") == "close[1][2]")
    }

    @Test func negativeLiteralFolds() throws {
        #expect(try Parser.parse("-3").node == .number(-3))
    }

    @Test func callsWithNoArguments() throws {
        #expect(try Parser.parse("obv()").node == .call("obv", []))
    }

    @Test func columnsPointAtSubexpressions() throws {
        let e = try Parser.parse("close > sma(close, 20)")
        guard case .binary(_, let lhs, let rhs) = e.node else { Issue.record("not binary"); return }
        #expect(lhs.column == 1)
        #expect(rhs.column == 9)
    }

    @Test func unclosedCallReportsEndColumn() {
        #expect(throws: LanguageError(.unexpectedToken(found: "end of expression", expected: "',' or ')'"), column: 14)) {
            try Parser.parse("sma(close, 20")
        }
    }

    @Test func danglingOperator() {
        #expect(throws: LanguageError(.unexpectedEnd(expected: "a number, a name or '('"), column: 8)) {
            try Parser.parse("close +")
        }
    }

    @Test func twoValuesInARow() {
        #expect(throws: LanguageError(.unexpectedToken(found: "number 2", expected: "an operator or the end"), column: 3)) {
            try Parser.parse("1 2")
        }
    }

    @Test func chainedComparisonIsRejected() {
        #expect(throws: LanguageError(.chainedComparison, column: 7)) { try Parser.parse("a < b < c") }
    }

    @Test func emptyExpression() {
        #expect(throws: LanguageError(.emptyExpression, column: 3)) { try Parser.parse("  ") }
    }

    @Test func unclosedLag() {
        #expect(throws: LanguageError(.unexpectedToken(found: "end of expression", expected: "']'"), column: 8)) {
            try Parser.parse("close[1")
        }
    }

    @Test func longOperatorChainIsAnErrorNotACrash() {
        let chain = Array(repeating: "close", count: 1_000).joined(separator: " + ")
        #expect { try Parser.parse(chain) } throws: { ($0 as? LanguageError)?.kind == .tooDeep }
        let huge = Array(repeating: "close", count: 100_000).joined(separator: " + ")
        #expect(throws: LanguageError(.tooLong(tokens: 200_000, limit: 4_000), column: 16_001)) { try Parser.parse(huge) }
        let fine = Array(repeating: "close", count: 100).joined(separator: " + ")
        #expect(throws: Never.self) { try Parser.parse(fine) }
    }

    @Test func absurdNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000)
        #expect(throws: LanguageError.self) { try Parser.parse(deep) }
    }
}
