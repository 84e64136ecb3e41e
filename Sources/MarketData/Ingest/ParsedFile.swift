/// What a format parser makes of one file or API payload: one series per instrument (bars in
/// the order the file gives them; the ingester sorts them), plus the rows it skipped.
public struct ParsedFile: Sendable {
    public var format: IngestFormat
    public var series: [BarSeries]
    /// Data rows seen in the input (header and comment lines excluded).
    public var rowsRead: Int
    /// Rows skipped because `skipBadRows` was set; empty otherwise (a bad row throws).
    public var rejected: [RejectedRow]
    /// For each series, the input line (or record number) of each bar, in the series' order;
    /// empty when the parser did not record them (messages then give record numbers).
    public var lines: [[Int]]
    /// How the input stamps its bars by its format's convention (CoinGecko's OHLC candles: at
    /// their close); `ingest --stamp` overrides it.
    public var stamp: BarStamp = .open

    public init(format: IngestFormat, series: [BarSeries], rowsRead: Int, rejected: [RejectedRow] = [], lines: [[Int]] = []) {
        self.format = format
        self.series = series
        self.rowsRead = rowsRead
        self.rejected = rejected
        self.lines = lines
    }

    /// The line of bar `i` of series `k`: the recorded one, else the 1-based record number.
    public func line(series k: Int, bar i: Int) -> Int {
        k < lines.count && i < lines[k].count ? lines[k][i] : i + 1
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
        let shown = EchoText.capped(value)
        guard skipBadRows else {
            throw .badRow(file: fileName, line: line, field: EchoText.capped(field), value: shown, reason: reason)
        }
        rejected.append(RejectedRow(line: line, field: EchoText.capped(field), value: shown, reason: reason, symbol: symbol))
    }
}

extension ParseOptions {
    /// The bar interval of a parsed series: `--interval` when given, else the one the payload
    /// names (`hint`: Alpha Vantage's series key, Binance's kline length), else the one the
    /// timestamps show (`Interval.infer(from:)`). Throws `IngestError.unknownInterval` when the
    /// spacing is not consistent.
    func resolveInterval(_ timestamps: [Int64], hint: Interval? = nil) throws(IngestError) -> Interval {
        if let interval { return interval }
        if let hint { return hint }
        switch Interval.infer(from: timestamps) {
        case let .interval(i): return i
        case let other: throw .unknownInterval(file: fileName, detail: other.problem ?? "")
        }
    }
}
