/// Parses OHLCV CSV: generic files, Yahoo (`Date,Open,High,Low,Close,Adj Close,Volume`), Stooq,
/// backtrader, pandas dumps (unnamed first column) and Alpha Vantage's CSV.
///
/// Columns are found by name (`CSVHeader`); a separate `Time` column is added to the `Date`.
/// Dates take every shape `TimestampParser` knows. `null`, `.`, `NaN` and empty cells are
/// missing: a row with no price at all (Yahoo's holiday rows) is skipped and reported as
/// rejected; a missing open, high, low or volume is stored as missing (NaN). A missing close
/// needs `Adj Close` to stand in, else the row is bad. A value that is not a number fails the
/// file with its line and field, unless `skipBadRows`. O(n) in the file size, no allocation
/// per row.
enum OHLCVParser {
    static func parse(_ bytes: [UInt8], format: IngestFormat, options: ParseOptions) throws(IngestError) -> ParsedFile {
        try ByteBuffer.with(bytes) { buf throws(IngestError) in try parse(buffer: buf, format: format, options: options) }
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, format: IngestFormat, options: ParseOptions) throws(IngestError) -> ParsedFile {
        var scanner = CSVScanner(buffer)
        var fields: [CSVScanner.Field] = []
        fields.reserveCapacity(16)
        guard scanner.nextRow(into: &fields) else { throw .empty(file: options.fileName) }
        let header = CSVHeader(names: fields.map { scanner.text($0).trimmingCharacters(in: .whitespaces) })
        guard let dateColumn = header.index(of: .date) else {
            throw .missingColumn(file: options.fileName, column: "Date", header: header.text)
        }
        let closeColumn = header.index(of: .close) ?? header.index(of: .adjClose)
        guard let closeColumn else {
            throw .missingColumn(file: options.fileName, column: "Close", header: header.text)
        }
        let columns = Columns(
            date: dateColumn, time: header.roles.contains(.time) ? header.index(of: .time) : nil,
            open: header.index(of: .open), high: header.index(of: .high), low: header.index(of: .low),
            close: closeColumn, adjClose: header.index(of: .adjClose), volume: header.index(of: .volume),
            names: header.names)

        var series = BarSeries(symbol: options.symbol, interval: options.interval ?? .daily)
        series.reserveCapacity(buffer.count / 48)
        var lines: [Int] = []
        lines.reserveCapacity(buffer.count / 48)
        var rejected: [RejectedRow] = []
        var rowsRead = 0
        while scanner.nextRow(into: &fields) {
            rowsRead += 1
            try readRow(fields, scanner: scanner, columns: columns, options: options, into: &series, lines: &lines, rejected: &rejected)
        }
        guard rowsRead > 0 else { throw .empty(file: options.fileName) }
        series.interval = try options.resolveInterval(series.timestamps)
        return ParsedFile(
            format: format, series: series.isEmpty ? [] : [series], rowsRead: rowsRead, rejected: rejected,
            lines: series.isEmpty ? [] : [lines])
    }

    private struct Columns {
        let date: Int
        let time: Int?
        let open: Int?
        let high: Int?
        let low: Int?
        let close: Int
        let adjClose: Int?
        let volume: Int?
        let names: [String]
    }

    /// The number in `column`: NaN when the column is absent or the cell is a missing marker;
    /// a cell that is not a number sets `bad` (the first such column) and reads as NaN.
    @inline(__always)
    private static func number(
        _ column: Int?, _ fields: [CSVScanner.Field], _ b: UnsafeBufferPointer<UInt8>, _ scanner: CSVScanner, _ bad: inout Int?
    ) -> Double {
        guard let column else { return .nan }
        let f = fields[column]
        if let v = DecimalParser.parse(b, f.start, f.end) { return v }
        if !scanner.isMissing(f), bad == nil { bad = column }
        return .nan
    }

    /// A missing price, or one `BarValueBounds` accepts.
    @inline(__always)
    private static func storable(_ price: Double) -> Bool { price.isNaN || (price >= BarValueBounds.minPrice && price <= BarValueBounds.maxPrice) }

    @inline(__always)
    private static func readRow(
        _ fields: [CSVScanner.Field], scanner: CSVScanner, columns c: Columns, options: ParseOptions,
        into series: inout BarSeries, lines: inout [Int], rejected: inout [RejectedRow]
    ) throws(IngestError) {
        let line = scanner.line + options.lineOffset
        // A short row is malformed as a whole.
        let needed = max(c.date, c.time ?? 0, c.open ?? 0, c.high ?? 0, c.low ?? 0, c.close, c.adjClose ?? 0, c.volume ?? 0)
        guard fields.count > needed else {
            let missingName = c.names[min(fields.count, c.names.count - 1)]
            try options.reject(line: line, field: missingName, value: "", reason: "is missing (the row has \(fields.count) of \(c.names.count) fields)", into: &rejected)
            return
        }
        let b = scanner.bytes
        let dateField = fields[c.date]
        guard var ts = TimestampParser.parse(b, dateField.start, dateField.end) else {
            let reason = scanner.isMissing(dateField) ? "is missing" : "is not a date or time"
            try options.reject(line: line, field: c.names[c.date], value: scanner.text(dateField), reason: reason, into: &rejected)
            return
        }
        if let t = c.time {
            guard let seconds = TimestampParser.parseTimeOfDay(b, fields[t].start, fields[t].end) else {
                try options.reject(line: line, field: c.names[t], value: scanner.text(fields[t]), reason: "is not a time of day", into: &rejected)
                return
            }
            ts += seconds
        }
        var values = (open: Double.nan, high: Double.nan, low: Double.nan, close: Double.nan, adj: Double.nan, volume: Double.nan)
        var bad: Int? = nil
        values.open = number(c.open, fields, b, scanner, &bad)
        values.high = number(c.high, fields, b, scanner, &bad)
        values.low = number(c.low, fields, b, scanner, &bad)
        values.close = number(c.close, fields, b, scanner, &bad)
        values.adj = number(c.adjClose, fields, b, scanner, &bad)
        values.volume = number(c.volume, fields, b, scanner, &bad)
        if let bad {
            try options.reject(line: line, field: c.names[bad], value: scanner.text(fields[bad]), reason: "is not a number", into: &rejected)
            return
        }
        let anyPrice = !(values.open.isNaN && values.high.isNaN && values.low.isNaN && values.close.isNaN && values.adj.isNaN)
        guard anyPrice else {
            // Yahoo writes holidays as rows of nulls: not an error, but not a bar either.
            rejected.append(RejectedRow(line: line, field: c.names[c.close], value: scanner.text(fields[c.close]), reason: "has no prices (every price is missing)"))
            return
        }
        if values.close.isNaN {
            guard !values.adj.isNaN, c.adjClose != c.close else {
                try options.reject(line: line, field: c.names[c.close], value: scanner.text(fields[c.close]), reason: "is missing", into: &rejected)
                return
            }
            values.close = values.adj
        }
        // Range (`BarValueBounds`): every present price in [1e-15, 1e15], a present volume in
        // [0, 1e18]. The common all-in-range row costs six comparisons and no allocation.
        if !(Self.storable(values.open) && Self.storable(values.high) && Self.storable(values.low)
            && Self.storable(values.close) && Self.storable(values.adj)
            && (values.volume.isNaN || BarValueBounds.volumeProblem(values.volume) == nil))
        {
            let prices = [(c.open, values.open), (c.high, values.high), (c.low, values.low), (c.adjClose, values.adj), (c.close, values.close)]
            for case let (column?, price) in prices where !price.isNaN {
                if let problem = BarValueBounds.priceProblem(price) {
                    try options.reject(line: line, field: c.names[column], value: scanner.text(fields[column]), reason: problem, into: &rejected)
                    return
                }
            }
            if let column = c.volume, !values.volume.isNaN, let problem = BarValueBounds.volumeProblem(values.volume) {
                try options.reject(line: line, field: c.names[column], value: scanner.text(fields[column]), reason: problem, into: &rejected)
                return
            }
        }
        lines.append(line)
        series.timestamps.append(ts)
        series.open.append(values.open)
        series.high.append(values.high)
        series.low.append(values.low)
        series.close.append(values.close)
        series.volume.append(values.volume)
        series.adjClose.append(values.adj.isNaN ? values.close : values.adj)
    }
}
