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

            Stored bars the file overlaps: identical ones are left alone; a file that would \
            change more than \(Ingester.maxReplacedBars) stored bars of a symbol is refused \
            (exit 2, nothing written) unless --replace (overwrite them) or --append (keep \
            them, add only new timestamps) is given.

            Examples:
              barwise ingest datasets/sample/GOOG_daily_2004-2013.csv
              barwise ingest prices.csv --symbol AAPL --interval 1d
              barwise ingest stock_prices.csv --format panel
              barwise ingest btc.csv --skip-bad-rows --store /tmp/research.sqlite
              barwise ingest BTCUSDT-aggTrades-2024-01-01.csv --ticks --interval 1m
              barwise ingest --provider binance --symbol BTCUSDT --from 2024-01-01
              barwise ingest --provider alphavantage --symbol IBM      (key: $ALPHAVANTAGE_API_KEY)
              barwise ingest --provider coingecko --symbol bitcoin --from 2024-01-01 --to 2024-06-30

            --ticks reads trade ticks instead of bars (a header naming time, price and size \
            columns, or Binance's aggTrades/trades dumps with or without header; epoch seconds, \
            milliseconds or microseconds, or ISO times) and stores the bars of --interval it \
            builds from them, each stamped at the start of its interval, as `barwise stream` does.

            Provider base URLs can be redirected with BARWISE_ALPHAVANTAGE_URL, BARWISE_COINGECKO_URL \
            and BARWISE_BINANCE_URL (a mirror or a local replay server).
            """
    )

    @Argument(help: "CSV or JSON files to ingest.")
    var files: [String] = []

    @Option(help: "Download from a provider instead of reading files: \(Provider.allCases.map(\.rawValue).joined(separator: "|")).")
    var provider: Provider?

    @Option(help: "With --provider: the first date to download (any date shape the ingest reads).")
    var from: String?

    @Option(help: "With --provider: the last date to download.")
    var to: String?

    @Option(help: "Input format: \(IngestFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var format: IngestFormat = .auto

    @Option(help: "The symbol (default: the file name up to its first '_' or '.'). With a panel, picks one column.")
    var symbol: String?

    @Option(help: "The bar interval, e.g. 1d, 1h, 5m, 1wk, 1mo (default: inferred from the timestamps).")
    var interval: String?

    @Flag(help: "The files hold trade ticks (time, price, size): store the bars of --interval built from them.")
    var ticks = false

    @Flag(help: "Skip malformed rows (recorded as bad_row findings) instead of failing the file.")
    var skipBadRows = false

    @Option(help: ArgumentHelp("How the files stamp their bars: open (the start of the interval, the store's convention) or close (moved back one interval). Default: the format's own (CoinGecko OHLC: close; the others: open).", valueName: "open|close"))
    var stamp: BarStamp?

    @Option(name: .customLong("tz"), help: ArgumentHelp("The files' intraday times are wall-clock times of this IANA zone (e.g. America/New_York); stored as UTC.", valueName: "zone"))
    var timeZone: String?

    @Flag(help: "Overwrite stored bars that the file changes, however many (default: refuse more than \(Ingester.maxReplacedBars) per symbol).")
    var replace = false

    @Flag(help: "Keep stored bars as they are and add only the file's new timestamps.")
    var append = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: PushgatewayOption.help("when the ingest ends (job barwise_ingest, instance the provider or files)"))
    var pushgateway: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if provider == nil {
            if files.isEmpty { throw ValidationError("give at least one FILE to ingest, or --provider with --symbol") }
            if from != nil || to != nil { throw ValidationError("--from and --to go with --provider") }
        } else {
            if !files.isEmpty { throw ValidationError("give either FILEs or --provider, not both") }
            if symbol == nil { throw ValidationError("--provider needs --symbol (e.g. --symbol BTCUSDT)") }
        }
        for (name, value) in [("--from", from), ("--to", to)] {
            guard let value else { continue }
            do throws(TimestampError) {
                _ = try CivilTime.timestamp(value)
            } catch {
                throw ValidationError("\(name) \(error)")
            }
        }
        if ticks || format == .ticks {
            if provider != nil { throw ValidationError("--ticks reads files; it does not go with --provider") }
            if format != .auto && format != .ticks { throw ValidationError("--ticks reads tick CSV files; leave out --format \(format.rawValue)") }
            guard let text = interval else {
                throw ValidationError("--ticks needs --interval, the length of the bars to build (e.g. --interval 1m)")
            }
            if let bars = Interval(text) {
                do throws(StreamInputError) {
                    _ = try TickAggregator(interval: bars)
                } catch {
                    throw ValidationError("--interval \(text): \(error.reason)")
                }
            }
        }
        if replace && append { throw ValidationError("give --replace or --append, not both") }
        if stamp != nil && (ticks || format == .ticks) { throw ValidationError("--stamp is for bars; tick times are instants") }
        if let timeZone {
            if provider != nil || ticks || format == .ticks { throw ValidationError("--tz is for bar files with wall-clock times (downloads and tick files are stamped in UTC)") }
            if WallClockZone(identifier: timeZone) == nil {
                throw ValidationError("--tz '\(timeZone)' is not a time zone name (use an IANA name such as America/New_York or Europe/London)")
            }
        }
        if let symbol {
            do throws(SymbolNameError) {
                try SymbolName.validate(symbol)
            } catch {
                throw ValidationError("--symbol: \(error)")
            }
        }
        if let interval, Interval(interval) == nil {
            throw ValidationError("--interval '\(interval)' is not an interval (use e.g. 1d, 1h, 5m, 1wk, 1mo)")
        }
        _ = try PushgatewayOption.client(pushgateway)
    }

    func run() throws {
        var push = (try? PushgatewayOption.client(pushgateway)).map { IngestPush(gateway: $0, source: provider?.rawValue ?? "files") }
        let store: DatasetStore
        do { store = try storeOptions.open() } catch {
            let code = CommandFailure.exit(error)
            push?.send(succeeded: false)
            throw code
        }
        let ingester = Ingester(store: store)
        var options = IngestOptions(
            format: ticks ? .ticks : format, symbol: symbol, interval: interval.flatMap(Interval.init), skipBadRows: skipBadRows, overlap: overlap)
        options.timeZone = timeZone.flatMap(WallClockZone.init(identifier:))
        options.stamp = stamp
        var failed = 0
        var reports: [Any] = []
        if let provider {
            do {
                let report = try download(provider, into: ingester)
                push?.add(report)
                if json { try JSONOutput.print([IngestSummary.json(report)]) } else { print(IngestSummary.text(report)) }
                push?.send(succeeded: true)
                return
            } catch {
                let code = CommandFailure.exit(error)
                push?.send(succeeded: false)
                throw code
            }
        }
        for file in files {
            announce(file)
            do {
                let report = try ingester.ingest(file: file, options: options)
                push?.add(report)
                if json { reports.append(IngestSummary.json(report)) } else { print(IngestSummary.text(report)) }
            } catch {
                failed += 1
                _ = CommandFailure.exit(error)
            }
        }
        if json { try JSONOutput.print(reports) }
        push?.send(succeeded: failed == 0)
        if failed > 0 { throw ExitCode(2) }
    }

    private var overlap: OverlapPolicy { replace ? .replace : append ? .append : .guarded }

    /// A progress line for large files (over a second of work), only when stderr is a terminal.
    private func announce(_ file: String) {
        guard isatty(STDERR_FILENO) != 0,
              let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? Int,
              size > 16 << 20
        else { return }
        CommandFailure.notice("ingesting \(file) (\(size >> 20) MB)…")
    }

    /// Downloads from `provider` over HTTP and stores the bars in one transaction.
    private func download(_ provider: Provider, into ingester: Ingester) throws -> IngestReport {
        let request = ProviderRequest(
            provider: provider, symbol: symbol ?? "", from: from.flatMap(CivilTime.parseTimestamp), to: to.flatMap(CivilTime.parseTimestamp),
            interval: interval.flatMap(Interval.init), skipBadRows: skipBadRows)
        let download = try ProviderClient().downloadSync(request)
        let fingerprint = SHA256.hex(download.bodies.flatMap { $0 })
        return try ingester.write(
            download.parsed, path: download.urls.first ?? download.sourceName, sha256: fingerprint, source: download.sourceName,
            skipBadRows: skipBadRows, overlap: overlap)
    }
}

extension IngestFormat: ExpressibleByArgument {}
extension BarStamp: ExpressibleByArgument {}
extension Provider: ExpressibleByArgument {}
