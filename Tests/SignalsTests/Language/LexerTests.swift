import Testing
@testable import Signals

@Suite struct LexerTests {
    @Test func tokensCarryOneBasedColumns() throws {
        let tokens = try Lexer("sma(close, 20) >= 1.5e2").tokenize()
        #expect(tokens.map(\.column) == [1, 4, 5, 10, 12, 14, 16, 19, 24])
        #expect(tokens[0].kind == .identifier("sma"))
        #expect(tokens[4].kind == .number(20))
        #expect(tokens[6].kind == .greaterEqual)
        #expect(tokens[7].kind == .number(150))
        #expect(tokens.last?.kind == .end)
    }

    @Test func keywordsAndSymbolicSpellings() throws {
        let words = try Lexer("a and b or not c").tokenize().map(\.kind)
        let symbols = try Lexer("a && b || !c").tokenize().map(\.kind)
        #expect(words == symbols)
        #expect(words.contains(.and) && words.contains(.or) && words.contains(.not))
    }

    @Test func leadingDotNumber() throws {
        #expect(try Lexer(".5").tokenize().first?.kind == .number(0.5))
    }

    @Test func unexpectedCharacterReportsItsColumn() {
        #expect(throws: LanguageError(.unexpectedCharacter("$"), column: 7)) { try Lexer("close $ 3").tokenize() }
    }

    @Test func singleEqualsSuggestsDoubleEquals() {
        #expect(throws: LanguageError(.singleEquals, column: 3)) { try Lexer("a = b").tokenize() }
    }

    @Test func numberGluedToLettersIsInvalid() {
        #expect(throws: LanguageError(.invalidNumber("20d"), column: 12)) { try Lexer("sma(close, 20d)").tokenize() }
    }
}
