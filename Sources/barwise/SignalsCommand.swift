import ArgumentParser
import Foundation
import MarketData
import Signals

/// `barwise signals STRATEGY.toml --symbol SYM`: every named signal and rule per bar.
struct SignalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signals",
        abstract: "Print every named signal and rule of a strategy, bar by bar.",
        discussion: """
            Compiles the strategy's [signals] and [rules] into one program and steps it through \
            the symbol's bars, exactly as a backtest does. Values still warming up are empty; \
            booleans print as true/false (1/0 in CSV). Indicators warm up on the stored bars \
            before --from, so the first rows shown already carry values.

            Examples:
              barwise signals strategies/sma_cross.toml --symbol GOOG
              barwise signals strategies/sma_cross.toml --from 2010-01-01 --csv > s.csv
              barwise signals strategies/rsi_reversion.toml --set period=10
            """
    )

    @Argument(help: "The strategy file (TOML).")
    var strategy: String

    @Option(help: "The symbol (default: the strategy's first symbol).")
    var symbol: String?

    @Option(help: "First bar to include (a date or timestamp, UTC).")
    var from: String?

    @Option(help: "Last bar to include (a date or timestamp, UTC).")
    var to: String?

    @Option(help: "The bar interval (default: the strategy's interval).")
    var interval: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a param (fast=12) or a key (execution.commission=0.001); repeatable.", valueName: "key=value"))
    var overrides: [String] = []

    @Flag(help: "Print CSV: timestamp, then each signal and rule in file order; NaN as an empty field.")
    var csv = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        _ = try StrategyBars.interval(interval)
        _ = try DateText.range(from: from, to: to)
        if let symbol { try SymbolList.check([symbol], source: "--symbol") }
    }

    func run() throws {
        let spec: StrategySpec
        let program: SignalProgram
        let series: BarSeries
        do {
            spec = try StrategySpec.load(path: strategy, overrides: overrides)
            program = try spec.compile()
            guard let symbol = symbol ?? spec.symbols.first else {
                throw ValidationError("\(strategy): no symbols in the strategy; pass --symbol")
            }
            if self.symbol == nil { try SymbolList.check([symbol], source: "\(strategy): symbols") }
            series = try StrategyBars.load(
                store: try storeOptions.open(readOnly: true), symbol: symbol, interval: StrategyBars.interval(interval), strategyInterval: spec.interval,
                from: nil, to: to.flatMap(DateText.parse))
            try LagCheck.require(program, covers: [series], strategy: strategy)
        } catch let error as ValidationError {
            CommandFailure.printError(error.message)
            throw ExitCode(2)
        } catch {
            throw CommandFailure.exit(error)
        }
        // Indicators warm up on every stored bar before --from (only earlier bars, never later
        // ones); the output starts at --from.
        let columns = program.run(series: series)
        let firstShown = from.flatMap(DateText.parse).map { start in
            series.timestamps.firstIndex { $0 >= start } ?? series.count
        } ?? 0
        let shown = firstShown..<series.count
        guard !shown.isEmpty else {
            CommandFailure.printError("\(series.symbol) has no bars in the requested range")
            throw ExitCode(2)
        }
        let names = program.outputNames
        let types = program.outputs.map(\.type)
        if csv {
            var out = "timestamp," + names.map(SignalsCommand.csvField).joined(separator: ",") + "\n"
            out.reserveCapacity(shown.count * (names.count + 1) * 12)
            for t in shown {
                out += DateText.iso(series.timestamps[t])
                for name in names {
                    out += ","
                    out += SignalsCommand.csvNumber(columns[name]![t])
                }
                out += "\n"
                if out.utf8.count > 1 << 20 { FileHandle.standardOutput.write(Data(out.utf8)); out = "" }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
            return
        }
        print("\(spec.name) on \(series.symbol) \(series.interval): \(shown.count) bars, \(program.nodeCount) nodes")
        var table = TextTable(["timestamp"] + names, rightAligned: Set(1...max(1, names.count)))
        for t in shown {
            var row = [DateText.day(series.timestamps[t])]
            for (name, type) in zip(names, types) {
                let v = columns[name]![t]
                row.append(v.isNaN ? "" : type == .boolean ? (v == 1 ? "true" : "false") : SignalsCommand.tableNumber(v))
            }
            table.append(row)
        }
        print(table.render())
    }

    /// Shortest round-trip text; integral values without a fraction (booleans print as 1/0).
    static func csvNumber(_ v: Double) -> String {
        if v.isNaN { return "" }
        if v == v.rounded(), Swift.abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func tableNumber(_ v: Double) -> String {
        Swift.abs(v) >= 1e6 || v == v.rounded() ? csvNumber(v) : String(format: "%.4f", v)
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
