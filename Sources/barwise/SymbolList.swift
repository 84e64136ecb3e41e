import Engine
import Signals
import ArgumentParser
import MarketData

/// Symbols as the CLI accepts them (`--symbols`, `--symbol`, `--benchmark`, a strategy's
/// `symbols`): each must follow MarketData's `SymbolName` rules (1 to 32 characters, ASCII
/// letters and digits and `. _ - ^ = :`), the same rules ingest applies, since symbols name CSV
/// columns and report files; a list may not repeat a symbol.
enum SymbolList {
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

    /// Why `symbol` is not a valid symbol (`SymbolName`'s reason and rule), or nil.
    static func problem(_ symbol: String) -> String? {
        do {
            try SymbolName.validate(symbol)
            return nil
        } catch {
            return "it \(error.reason) (\(SymbolNameError.rule))"
        }
    }

    /// The symbols a strategy runs on: `--symbols` when given, else the strategy file's, each a
    /// valid symbol (`run` and `stream`).
    static func resolve(_ option: String?, spec: StrategySpec, strategy: String) throws -> [String] {
        if let option { return try parse(option, source: "--symbols") }
        guard !spec.symbols.isEmpty else { throw EngineError.noSymbols }
        try check(spec.symbols, source: "\(strategy): symbols")
        return spec.symbols
    }
}
