/// Why an ingest failed. Each message names the file (and, for row errors, the line and the
/// field) so that a user can find and fix the input. Echoed input is capped at 200 characters
/// (`EchoText`).
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A row that cannot be read: `GOOG.csv:118: field 'High': 'abc' is not a number`.
    case badRow(file: String, line: Int, field: String, value: String, reason: String)
    /// A required column is absent from the header.
    case missingColumn(file: String, column: String, header: String)
    /// A header column that cannot name a symbol (empty, repeated, or outside the character
    /// set of `SymbolName`); `column` is 1-based.
    case badColumn(file: String, column: Int, name: String, reason: String)
    /// The body is empty or holds no data rows.
    case empty(file: String)
    /// The body is not market data at all: an HTML page, an API error, Stooq's `No data`.
    case notMarketData(file: String, received: String)
    /// The format could not be recognised, or the body does not fit the format asked for.
    case unrecognized(file: String, detail: String)
    /// The file cannot be read; `reason` is the system's (`is a directory`, `Permission denied`).
    case unreadable(file: String, reason: String)
    /// An option does not fit this input (e.g. `--symbol` with a multi-symbol panel).
    case badOption(file: String, detail: String)
    /// The timestamps do not show one interval and `--interval` was not given.
    case unknownInterval(file: String, detail: String)
    /// Two rows with one timestamp and different values (identical repeats are collapsed).
    case conflictingDuplicate(file: String, line: Int, firstLine: Int, symbol: String, timestamp: Int64)
    /// A symbol (from `--symbol` or the file name) outside `SymbolName`'s rules.
    case badSymbol(file: String, symbol: String, origin: String, reason: String)
    /// The file would change more stored bars than `Ingester.maxReplacedBars` without
    /// `--replace`; nothing was written.
    case wouldReplace(file: String, symbol: String, interval: Interval, changed: Int, overlapping: Int)

    public var description: String {
        switch self {
        case let .badRow(file, line, field, value, reason):
            return "\(file):\(line): field '\(EchoText.capped(field))': '\(EchoText.capped(value))' \(reason)"
        case let .missingColumn(file, column, header):
            return "\(file):1: no '\(column)' column in the header (\(EchoText.capped(header)))"
        case let .badColumn(file, column, name, reason):
            return "\(file):1: column \(column) ('\(EchoText.capped(name))') \(reason)"
        case let .empty(file):
            return "\(file): no data rows (the file is empty)"
        case let .notMarketData(file, received):
            return "\(file): not market data: received \(EchoText.capped(received, limit: 300))"
        case let .unrecognized(file, detail):
            return "\(file): \(EchoText.capped(detail, limit: 300))"
        case let .unreadable(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .badOption(file, detail):
            return "\(file): \(EchoText.capped(detail, limit: 300))"
        case let .unknownInterval(file, detail):
            return "\(file): cannot infer the bar interval: \(detail); pass --interval (e.g. 1d, 1h, 5m, 1wk, 1mo)"
        case let .conflictingDuplicate(file, line, firstLine, symbol, timestamp):
            let stamp = timestamp % 86_400 == 0 ? CivilTime.isoDate(timestamp) : CivilTime.iso8601(timestamp)
            return "\(file):\(line): \(symbol) at \(stamp) repeats line \(firstLine) with different values"
                + " (remove one of the two rows; identical repeats are collapsed)"
        case let .badSymbol(file, symbol, origin, reason):
            return "\(file): the symbol '\(EchoText.capped(symbol))' (\(origin)) \(reason)"
        case let .wouldReplace(file, symbol, interval, changed, overlapping):
            return "\(file): would replace \(changed) of the \(overlapping) stored \(symbol) \(interval) bars it overlaps"
                + " with different values (another instrument's data?); nothing written."
                + " Pass --replace to overwrite them, or --append to add only new timestamps"
        }
    }
}
