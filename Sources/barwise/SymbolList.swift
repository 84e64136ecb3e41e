import ArgumentParser

/// Symbols as the CLI accepts them (`--symbols`, `--symbol`, `--benchmark`, a strategy's
/// `symbols`): 1 to 32 characters, each an ASCII letter or digit or one of `. _ - ^ = :`
/// (`BRK.B`, `^GSPC`, `EURUSD=X`). Symbols name CSV columns and report files, so nothing
/// that could be a path, a separator or a line break gets through.
///
/// A local rule of the command line until MarketData validates symbols at ingest.
enum SymbolList {
    static let maxLength = 32
    static let punctuation: Set<Character> = [".", "_", "-", "^", "=", ":"]

    /// The symbols of a comma-separated list, trimmed; empty items between commas are an error,
    /// as are duplicates and invalid symbols.
    /// - Parameter source: what the list came from, for the message (`--symbols`).
    static func parse(_ text: String, source: String) throws -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if items.allSatisfy(\.isEmpty) { throw ValidationError("\(source) needs at least one symbol, e.g. \(source) AAPL,XOM") }
        if items.contains(where: \.isEmpty) { throw ValidationError("\(source) \(InputEcho.quoted(text)) has an empty item between commas") }
        try check(items, source: source)
        return items
    }

    /// Checks every symbol and that none repeats.
    static func check(_ symbols: [String], source: String) throws {
        var seen = Set<String>()
        for symbol in symbols {
            if let problem = problem(symbol) { throw ValidationError("\(source): \(InputEcho.quoted(symbol)) is not a symbol: \(problem)") }
            if !seen.insert(symbol).inserted { throw ValidationError("\(source) lists \(symbol) twice") }
        }
    }

    /// Why `symbol` is not a valid symbol, or nil.
    static func problem(_ symbol: String) -> String? {
        if symbol.isEmpty { return "it is empty" }
        if symbol.count > maxLength { return "it has \(symbol.count) characters, at most \(maxLength) are allowed" }
        if let bad = symbol.first(where: { !(($0.isASCII && ($0.isLetter || $0.isNumber)) || punctuation.contains($0)) }) {
            return "\(InputEcho.quoted(String(bad))) is not allowed (use letters, digits and . _ - ^ = :)"
        }
        return nil
    }
}
