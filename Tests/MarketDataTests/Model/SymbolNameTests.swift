import Testing

@testable import MarketData

/// The symbol character set (`SymbolName`): what names pass, and why the others fail.
@Suite struct SymbolNameTests {
    @Test(arguments: ["GOOG", "BRK.B", "BRK-B", "^GSPC", "EURUSD=X", "ES=F", "BTC-USD", "NYSE:IBM", "bitcoin", "A_1", String(repeating: "A", count: 32)])
    func everydaySymbolsAreValid(symbol: String) throws {
        try SymbolName.validate(symbol)
    }

    @Test(arguments: [
        ("", "is empty"), ("../x", "'/' (a path separator)"), ("..", "contains '..'"), ("a..b", "contains '..'"),
        ("A\nB", "a line break"), ("A B", "a space"), ("A\u{0}", "a control character"), ("BTC/USD", "'/'"),
        ("A\\B", "'\\'"), ("ÄPFEL", "'Ä'"), ("---", "no letter or digit"), (String(repeating: "A", count: 33), "longer than 32"),
    ])
    func symbolsOutsideTheCharacterSetAreRejectedSayingWhy(symbol: String, reason: String) {
        let error = #expect(throws: SymbolNameError.self) { try SymbolName.validate(symbol) }
        #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains(SymbolNameError.rule) == true)
    }
}
