import ArgumentParser
import Foundation
import MarketData

/// `barwise ingest`: files (or a provider download) into the dataset store.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load bars from CSV files or provider payloads into the dataset store.",
        discussion: """
            Each file is ingested in one transaction: a file that fails leaves the store as it \
            was. Re-ingesting a file changes nothing. Data-quality checks run on every file and \
            are summarised; `barwise data check` shows them in full.

            Examples:
              barwise ingest datasets/sample/GOOG_daily_2004-2013.csv
              barwise ingest prices.csv --symbol AAPL --interval 1d
              barwise ingest stock_prices.csv --format panel
              barwise ingest btc.csv --skip-bad-rows --store /tmp/research.sqlite
            """
    )

    @Argument(help: "CSV or JSON files to ingest.")
    var files: [String] = []

    @Option(help: "Input format: \(IngestFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var format: IngestFormat = .auto

    @Option(help: "The symbol (default: the file name up to its first '_' or '.'). With a panel, picks one column.")
    var symbol: String?

    @Option(help: "The bar interval, e.g. 1d, 1h, 5m, 1wk, 1mo (default: inferred from the timestamps).")
    var interval: String?

    @Flag(help: "Skip malformed rows (recorded as bad_row findings) instead of failing the file.")
    var skipBadRows = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE to ingest") }
        if let interval, Interval(interval) == nil {
            throw ValidationError("--interval '\(interval)' is not an interval (use e.g. 1d, 1h, 5m, 1wk, 1mo)")
        }
    }

    func run() throws {
        let store: DatasetStore
        do { store = try storeOptions.open() } catch { throw CommandFailure.exit(error) }
        let ingester = Ingester(store: store)
        let options = IngestOptions(format: format, symbol: symbol, interval: interval.flatMap(Interval.init), skipBadRows: skipBadRows)
        var failed = 0
        var reports: [Any] = []
        for file in files {
            do {
                let report = try ingester.ingest(file: file, options: options)
                if json { reports.append(IngestSummary.json(report)) } else { print(IngestSummary.text(report)) }
            } catch {
                failed += 1
                _ = CommandFailure.exit(error)
            }
        }
        if json { try JSONOutput.print(reports) }
        if failed > 0 { throw ExitCode(2) }
    }
}

extension IngestFormat: ExpressibleByArgument {}
