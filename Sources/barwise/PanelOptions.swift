import ArgumentParser
import Foundation
import MarketData
import Risk

/// `--symbols`, `--from`, `--to`, `--interval`: the returns panel shared by `risk` and
/// `optimize`, read from the store (adjusted closes at one interval, daily by default).
struct PanelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated symbols, e.g. AAPL,AMZN,XOM.", valueName: "A,B,C"))
    var symbols: String

    @Option(help: ArgumentHelp("First date (inclusive), e.g. 2015-01-01.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last date (inclusive).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("The bar interval of the returns (default: 1d); every symbol needs bars at it.", valueName: "interval"))
    var interval: String?

    /// The symbols (valid after `validate()`).
    var symbolList: [String] { (try? SymbolList.parse(symbols, source: "--symbols")) ?? [] }

    /// The interval (valid after `validate()`).
    var barInterval: Interval { ((try? StrategyBars.interval(interval)) ?? nil) ?? .daily }

    func validate() throws {
        _ = try SymbolList.parse(symbols, source: "--symbols")
        _ = try StrategyBars.interval(interval)
        _ = try DateText.range(from: from, to: to)
    }

    /// Loads every symbol at `--interval` and aligns the returns.
    func load(_ storeOptions: StoreOptions, alignment: ReturnsPanel.Alignment = .completeRows) throws -> ReturnsPanel {
        let store = try storeOptions.open(readOnly: true)
        let start = from.flatMap(DateText.parse)
        // --to is a date: include the whole day.
        let end = to.flatMap(DateText.parse).map { $0 % 86_400 == 0 ? $0 + 86_399 : $0 }
        let series = try symbolList.map { symbol throws -> BarSeries in
            let s = try StrategyBars.load(store: store, symbol: symbol, interval: barInterval, strategyInterval: barInterval,
                                          from: start, to: end, adjusted: true, requestedBy: interval == nil ? "the default --interval" : "--interval")
            if s.isEmpty { throw StoreError.noBars(symbol: symbol, interval: s.interval) }
            return s
        }
        return try ReturnsPanel(series: series, alignment: alignment)
    }

    /// "daily", "hourly", "weekly", "monthly", else the interval's text: how the returns are named.
    var returnsLabel: String {
        switch barInterval {
        case .daily: "daily"
        case .hourly: "hourly"
        case .weekly: "weekly"
        case .monthly: "monthly"
        default: barInterval.description
        }
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

    /// Runs `write` (the files of `--out`); a failure prints `cannot write to DIR: reason` and
    /// exits 74, as every I/O failure does.
    static func writing(to directory: String, _ write: () throws -> Void) throws {
        do {
            try write()
        } catch {
            CommandFailure.printError("cannot write to \(directory): \(CommandFailure.message(for: error))")
            throw CommandFailure.ioFailure
        }
    }
}
