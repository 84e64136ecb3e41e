import ArgumentParser
import Foundation
import MarketData
import Risk

/// `--symbols`, `--from`, `--to`: the returns panel shared by `risk` and `optimize`, read from
/// the store (adjusted closes, the symbols' only interval).
struct PanelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated symbols, e.g. AAPL,MSFT,XOM.", valueName: "A,B,C"))
    var symbols: String

    @Option(help: ArgumentHelp("First date (inclusive), e.g. 2015-01-01.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last date (inclusive).", valueName: "date"))
    var to: String?

    var symbolList: [String] {
        symbols.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        let list = symbolList
        if list.isEmpty { throw ValidationError("--symbols needs at least one symbol, e.g. --symbols AAPL,XOM") }
        if Set(list).count != list.count { throw ValidationError("--symbols lists a symbol twice") }
        if let from, DateText.parse(from) == nil { throw ValidationError("--from '\(from)' is not a date (use YYYY-MM-DD)") }
        if let to, DateText.parse(to) == nil { throw ValidationError("--to '\(to)' is not a date (use YYYY-MM-DD)") }
    }

    /// Loads every symbol and aligns the returns.
    func load(_ storeOptions: StoreOptions, alignment: ReturnsPanel.Alignment = .completeRows) throws -> ReturnsPanel {
        let store = try storeOptions.open(readOnly: true)
        let start = from.flatMap(DateText.parse)
        // --to is a date: include the whole day.
        let end = to.flatMap(DateText.parse).map { $0 % 86_400 == 0 ? $0 + 86_399 : $0 }
        let series = try symbolList.map { symbol throws -> BarSeries in
            let s = try store.load(symbol: symbol, from: start, to: end, adjusted: true)
            if s.isEmpty { throw StoreError.noBars(symbol: symbol, interval: s.interval) }
            return s
        }
        return try ReturnsPanel(series: series, alignment: alignment)
    }
}

/// Small formatting helpers for the risk tables.
enum Percent {
    static func text(_ x: Double, digits: Int = 4) -> String {
        x.isFinite ? String(format: "%.\(digits)f%%", x * 100) : "n/a"
    }
}

/// Writes `files` (name → contents) into `directory`, creating it.
enum OutputDirectory {
    static func write(_ files: [String: Data], to directory: String) throws {
        let url = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: url.appendingPathComponent(name)) }
    }
}
