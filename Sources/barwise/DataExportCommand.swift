import ArgumentParser
import Foundation
import MarketData

/// `barwise data export SYM`: a symbol's stored bars on standard output, as the CSV that
/// `ingest` reads back or as the NDJSON bars that `stream` reads.
struct DataExportCommand: ParsableCommand {
    /// The two output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, ndjson
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a symbol's bars to standard output as CSV or NDJSON.",
        discussion: """
            CSV has the header timestamp,open,high,low,close,volume,adj_close (what `barwise ingest` \
            reads as a generic OHLCV file); NDJSON has one bar a line, \
            {"symbol","time","open","high","low","close","volume"} (what `barwise stream` reads). \
            Times are ISO 8601 in UTC, stamped at the start of the bar's interval; numbers are \
            written in their shortest form that reads back to the same double; a missing value \
            is an empty CSV cell or a JSON null.

            Examples:
              barwise data export GOOG > goog.csv
              barwise data export GOOG --from 2010-01-01 --format ndjson | barwise stream strategies/sma_cross.toml
              barwise data export EURUSD --interval 1h --to 2017-06-30 --format ndjson > eurusd.ndjson
            """
    )

    @Argument(help: "The symbol.")
    var symbol: String

    @Option(help: "The interval, when the symbol has several.")
    var interval: String?

    @Option(help: "First bar to include (a date or timestamp, UTC).")
    var from: String?

    @Option(help: "Last bar to include (a date or timestamp, UTC).")
    var to: String?

    @Option(help: "csv or ndjson.")
    var format: Format = .csv

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        _ = try StrategyBars.interval(interval)
        _ = try DateText.range(from: from, to: to)
    }

    func run() throws {
        let series: BarSeries
        do {
            let range = try DateText.range(from: from, to: to)
            series = try storeOptions.open(readOnly: true).load(symbol: symbol, interval: interval.flatMap(Interval.init), from: range.from, to: range.to)
        } catch { throw CommandFailure.exit(error) }
        var out = TextBytes(capacity: 1 << 16)
        if format == .csv { out.append("timestamp,open,high,low,close,volume,adj_close\n") }
        for i in 0..<series.count {
            switch format {
            case .csv: Self.csvRow(&out, series, i)
            case .ndjson: Self.ndjsonLine(&out, series, i)
            }
            if out.count >= 1 << 16 { try Self.write(&out) }
        }
        try Self.write(&out)
    }

    /// One CSV row: missing values are empty cells.
    static func csvRow(_ out: inout TextBytes, _ s: BarSeries, _ i: Int) {
        out.append(iso: s.timestamps[i])
        for v in [s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i], s.adjClose[i]] {
            out.append(",")
            if v.isFinite { out.append(v.description) }
        }
        out.append("\n")
    }

    /// One NDJSON bar: a missing volume is `null`.
    static func ndjsonLine(_ out: inout TextBytes, _ s: BarSeries, _ i: Int) {
        out.append("{\"symbol\":")
        out.append(StreamEventWriter.string(s.symbol))
        out.append(",\"time\":\"")
        out.append(iso: s.timestamps[i])
        out.append("\",\"open\":")
        out.append(s.open[i].description)
        out.append(",\"high\":")
        out.append(s.high[i].description)
        out.append(",\"low\":")
        out.append(s.low[i].description)
        out.append(",\"close\":")
        out.append(s.close[i].description)
        out.append(",\"volume\":")
        if s.volume[i].isFinite { out.append(s.volume[i].description) } else { out.append("null") }
        out.append("}\n")
    }

    /// Writes and empties `out`. A reader that goes away (`| head`) ends the command by SIGPIPE, as
    /// it ends `cat`; with SIGPIPE ignored, quietly.
    private static func write(_ out: inout TextBytes) throws {
        var offset = 0
        while offset < out.bytes.count {
            let n = out.bytes.withUnsafeBytes { Foundation.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw ExitCode.success }
                CommandFailure.printError("cannot write to standard output: \(String(cString: strerror(errno)))")
                throw CommandFailure.ioFailure
            }
            offset += n
        }
        out.removeAll()
    }
}
