/// What a format parser makes of one file or API payload: one series per instrument (bars in
/// the order the file gives them; the ingester sorts them), plus the rows it skipped.
public struct ParsedFile: Sendable {
    public var format: IngestFormat
    public var series: [BarSeries]
    /// Data rows seen in the input (header and comment lines excluded).
    public var rowsRead: Int
    /// Rows skipped because `skipBadRows` was set; empty otherwise (a bad row throws).
    public var rejected: [RejectedRow]

    public init(format: IngestFormat, series: [BarSeries], rowsRead: Int, rejected: [RejectedRow] = []) {
        self.format = format
        self.series = series
        self.rowsRead = rowsRead
        self.rejected = rejected
    }
}

/// A row that was skipped, with the same details a hard failure would report.
public struct RejectedRow: Sendable, Equatable {
    public var line: Int
    public var field: String
    public var value: String
    public var reason: String
    /// The symbol the row belonged to, when known.
    public var symbol: String?

    public init(line: Int, field: String, value: String, reason: String, symbol: String? = nil) {
        self.line = line
        self.field = field
        self.value = value
        self.reason = reason
        self.symbol = symbol
    }
}

/// Options every parser receives.
public struct ParseOptions: Sendable {
    /// The file name used in error messages (as the user typed it).
    public var fileName: String
    /// The symbol for single-instrument inputs; nil means "derive from the file name".
    public var symbol: String
    /// Whether `--symbol` was given explicitly.
    public var symbolIsExplicit: Bool
    /// Skip (and report) malformed rows instead of failing the whole file.
    public var skipBadRows: Bool
    /// The interval given by `--interval`, or nil to infer it from the timestamps.
    public var interval: Interval?
    /// Added to the parser's line numbers when the bytes are a chunk of a larger file (the
    /// chunk's header copy excluded), so that messages name the line of the whole file.
    public var lineOffset = 0

    public init(
        fileName: String, symbol: String, symbolIsExplicit: Bool = false,
        skipBadRows: Bool = false, interval: Interval? = nil
    ) {
        self.fileName = fileName
        self.symbol = symbol
        self.symbolIsExplicit = symbolIsExplicit
        self.skipBadRows = skipBadRows
        self.interval = interval
    }

    /// Records a bad row: throws unless `skipBadRows`, in which case it is appended to `rejected`.
    func reject(
        line: Int, field: String, value: String, reason: String, symbol: String? = nil,
        into rejected: inout [RejectedRow]
    ) throws(IngestError) {
        guard skipBadRows else {
            throw .badRow(file: fileName, line: line, field: field, value: value, reason: reason)
        }
        rejected.append(RejectedRow(line: line, field: field, value: value, reason: reason, symbol: symbol))
    }
}
