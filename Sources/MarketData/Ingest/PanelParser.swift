/// Parses a wide close panel: a date column, then one column of closes per symbol (as
/// PyPortfolioOpt's `stock_prices.csv`). Each column becomes a close-only series (open, high
/// and low equal the close, volume missing); empty cells are skipped, since a symbol that is
/// not yet listed has no bar.
///
/// `--symbol` picks one column by name; a one-column panel takes `--symbol`, or else the file
/// name, as its symbol. Every other column name must be a symbol (`SymbolName`), and no two
/// may be equal ignoring case: an empty, repeated or malformed name fails the file with its
/// column number, since its values would otherwise land under the wrong symbol.
enum PanelParser {
    static func parse(_ bytes: [UInt8], options: ParseOptions) throws(IngestError) -> ParsedFile {
        try ByteBuffer.with(bytes) { buf throws(IngestError) in try parse(buffer: buf, options: options) }
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, options: ParseOptions) throws(IngestError) -> ParsedFile {
        var scanner = CSVScanner(buffer)
        var fields: [CSVScanner.Field] = []
        guard scanner.nextRow(into: &fields) else { throw .empty(file: options.fileName) }
        let names = fields.map { scanner.text($0).trimmingCharacters(in: .whitespaces) }
        let header = CSVHeader(names: names)
        guard let dateColumn = header.index(of: .date) else {
            throw .missingColumn(file: options.fileName, column: "Date", header: header.text)
        }
        // Every other column holds one symbol's closes.
        var columns: [(index: Int, symbol: String)] = []
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() where i != dateColumn {
            if name.isEmpty { throw .badColumn(file: options.fileName, column: i + 1, name: name, reason: "has no name (each panel column names its symbol)") }
            if let first = seen[name.uppercased()] {
                throw .badColumn(file: options.fileName, column: i + 1, name: name, reason: "repeats the name of column \(first + 1)")
            }
            seen[name.uppercased()] = i
            columns.append((i, name))
        }
        if options.symbolIsExplicit {
            if let picked = columns.first(where: { $0.symbol.caseInsensitiveCompare(options.symbol) == .orderedSame }) {
                columns = [(picked.index, options.symbol)]
            } else if columns.count == 1 {
                columns = [(columns[0].index, options.symbol)]
            } else {
                throw .badOption(file: options.fileName, detail: "--symbol \(options.symbol) names none of the panel's \(columns.count) columns (\(columns.map(\.symbol).joined(separator: ", ")))")
            }
        } else if columns.count == 1 {
            // A one-column panel (`Date,vix`, `date,SPY`) is one instrument, named like any
            // single-instrument file: after the file name.
            columns = [(columns[0].index, options.symbol)]
        }
        guard !columns.isEmpty else {
            throw .missingColumn(file: options.fileName, column: "a symbol", header: header.text)
        }
        for column in columns where column.symbol == names[column.index] {
            do throws(SymbolNameError) {
                try SymbolName.validate(column.symbol)
            } catch {
                throw .badColumn(file: options.fileName, column: column.index + 1, name: column.symbol, reason: "is not a symbol: it \(error.reason) (\(SymbolNameError.rule))")
            }
        }
        var series = columns.map { BarSeries(symbol: $0.symbol, interval: options.interval ?? .daily) }
        var lines = columns.map { _ in [Int]() }
        var rejected: [RejectedRow] = []
        var rowsRead = 0
        let b = scanner.bytes
        while scanner.nextRow(into: &fields) {
            rowsRead += 1
            let line = scanner.line + options.lineOffset
            guard dateColumn < fields.count else {
                try options.reject(line: line, field: names[dateColumn], value: "", reason: "is missing (the row has \(fields.count) of \(names.count) fields)", into: &rejected)
                continue
            }
            let dateField = fields[dateColumn]
            guard let ts = TimestampParser.parse(b, dateField.start, dateField.end) else {
                let reason = scanner.isMissing(dateField) ? "is missing" : "is not a date or time"
                try options.reject(line: line, field: names[dateColumn], value: scanner.text(dateField), reason: reason, into: &rejected)
                continue
            }
            for (k, column) in columns.enumerated() {
                guard column.index < fields.count else { continue }
                let f = fields[column.index]
                if scanner.isMissing(f) { continue }
                guard let v = DecimalParser.parse(b, f.start, f.end) else {
                    try options.reject(line: line, field: names[column.index], value: scanner.text(f), reason: "is not a number", symbol: column.symbol, into: &rejected)
                    continue
                }
                if let problem = BarValueBounds.priceProblem(v) {
                    try options.reject(line: line, field: names[column.index], value: scanner.text(f), reason: problem, symbol: column.symbol, into: &rejected)
                    continue
                }
                series[k].append(.closeOnly(timestamp: ts, close: v))
                lines[k].append(line)
            }
        }
        guard rowsRead > 0 else { throw .empty(file: options.fileName) }
        for k in series.indices where !series[k].isEmpty {
            do throws(IngestError) {
                series[k].interval = try options.resolveInterval(series[k].timestamps)
            } catch let .unknownInterval(file, detail) {
                throw .unknownInterval(file: file, detail: "column \(columns[k].index + 1) (\(series[k].symbol)): \(detail)")
            }
        }
        let kept = series.indices.filter { !series[$0].isEmpty }
        return ParsedFile(format: .panel, series: kept.map { series[$0] }, rowsRead: rowsRead, rejected: rejected, lines: kept.map { lines[$0] })
    }
}
