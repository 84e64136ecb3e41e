/// Why an ingest failed. Each message names the file (and, for row errors, the line and the
/// field) so that a user can find and fix the input.
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A row that cannot be read: `GOOG.csv:118: field 'High': 'abc' is not a number`.
    case badRow(file: String, line: Int, field: String, value: String, reason: String)
    /// A required column is absent from the header.
    case missingColumn(file: String, column: String, header: String)
    /// The body is empty or holds no data rows.
    case empty(file: String)
    /// The body is not market data at all: an HTML page, an API error, Stooq's `No data`.
    case notMarketData(file: String, received: String)
    /// The format could not be recognised, or the body does not fit the format asked for.
    case unrecognized(file: String, detail: String)
    /// The file cannot be read.
    case unreadable(file: String, reason: String)
    /// An option does not fit this input (e.g. `--symbol` with a multi-symbol panel).
    case badOption(file: String, detail: String)

    public var description: String {
        switch self {
        case let .badRow(file, line, field, value, reason):
            return "\(file):\(line): field '\(field)': '\(value)' \(reason)"
        case let .missingColumn(file, column, header):
            return "\(file):1: no '\(column)' column in the header (\(header))"
        case let .empty(file):
            return "\(file): no data rows (the file is empty)"
        case let .notMarketData(file, received):
            return "\(file): not market data: received \(received)"
        case let .unrecognized(file, detail):
            return "\(file): \(detail)"
        case let .unreadable(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .badOption(file, detail):
            return "\(file): \(detail)"
        }
    }
}
