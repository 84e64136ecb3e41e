/// The rules for an instrument's symbol, checked wherever one enters Barwise (`ingest
/// --symbol`, a symbol taken from a file name, a panel's column names, provider downloads),
/// since symbols become file names, report folders and identifiers downstream.
///
/// A symbol is 1 to 32 characters from the ASCII letters and digits and `. _ - ^ = :`
/// (enough for `BRK.B`, `BRK-B`, `^GSPC`, `EURUSD=X`, `ES=F`, `BTC-USD`, `NYSE:IBM`), with at
/// least one letter or digit and no `..`. Everything else is rejected: the empty string,
/// `/` and `\`, spaces, control characters and line breaks, other Unicode.
public enum SymbolName {
    public static let maxLength = 32
    /// The punctuation allowed besides ASCII letters and digits.
    public static let punctuation: Set<Character> = [".", "_", "-", "^", "=", ":"]

    /// Throws when `symbol` breaks the rules; the error says which.
    public static func validate(_ symbol: String) throws(SymbolNameError) {
        if symbol.isEmpty { throw .empty }
        var count = 0
        var alphanumeric = false
        for ch in symbol {
            count += 1
            if count > maxLength { throw SymbolNameError(symbol: symbol, reason: "is longer than \(maxLength) characters") }
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                alphanumeric = true
            } else if !punctuation.contains(ch) {
                throw SymbolNameError(symbol: symbol, reason: "contains \(describe(ch)), which a symbol may not")
            }
        }
        if symbol.contains("..") { throw SymbolNameError(symbol: symbol, reason: "contains '..', which a symbol may not") }
        if !alphanumeric { throw SymbolNameError(symbol: symbol, reason: "has no letter or digit") }
    }

    /// Whether `symbol` follows the rules.
    public static func isValid(_ symbol: String) -> Bool {
        do {
            try validate(symbol)
            return true
        } catch {
            return false
        }
    }

    private static func describe(_ ch: Character) -> String {
        if ch == " " { return "a space" }
        if ch == "\n" || ch == "\r" { return "a line break" }
        if ch.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "a control character" }
        if ch == "/" || ch == "\\" { return "'\(ch)' (a path separator)" }
        return "'\(ch)'"
    }
}
