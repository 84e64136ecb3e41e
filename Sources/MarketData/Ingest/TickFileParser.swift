/// Parses a CSV file of trade ticks and builds bars of `ParseOptions.interval` from them with
/// `TickAggregator` (the code `barwise stream` aggregates ticks with), for
/// `barwise ingest --ticks`.
///
/// Layouts (`TickFileLayout`): a header naming a time, a price and a size column in any order
/// (other columns ignored), or Binance's aggTrades and trades dumps with or without their
/// header. Times are epoch numbers whose unit follows from their magnitude (seconds,
/// milliseconds, or the microseconds Binance writes since 2025; `EpochMillis`) or ISO 8601
/// texts. Ticks must come in time order: a tick earlier than the bar in progress is a bad row.
/// A bad row (a cell that is not a time or a number, a price outside `BarValueBounds`, a
/// negative size, a tick out of order) fails the file with its line and field, or with
/// `skipBadRows` is skipped and reported. Each bar records the line of its first tick.
enum TickFileParser {
    static func parse(_ bytes: [UInt8], options: ParseOptions) throws(IngestError) -> ParsedFile {
        guard let interval = options.interval else {
            throw .badOption(file: options.fileName, detail: "a tick file needs --interval, the length of the bars to build from the ticks (e.g. --interval 1m)")
        }
        let aggregator: TickAggregator
        do throws(StreamInputError) {
            aggregator = try TickAggregator(interval: interval)
        } catch {
            throw .badOption(file: options.fileName, detail: error.reason)
        }
        return try ByteBuffer.with(bytes) { buf throws(IngestError) in
            try parse(buffer: buf, aggregator: aggregator, options: options)
        }
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, aggregator: TickAggregator, options: ParseOptions) throws(IngestError) -> ParsedFile {
        var scanner = CSVScanner(buffer)
        var fields: [CSVScanner.Field] = []
        fields.reserveCapacity(16)
        guard scanner.nextRow(into: &fields) else { throw .empty(file: options.fileName) }
        let layout = try TickFileLayout(firstRow: fields, scanner: scanner, fileName: options.fileName)
        var state = State(aggregator: aggregator, symbol: options.symbol, interval: aggregator.interval)
        state.series.reserveCapacity(1_024)
        var rowsRead = 0
        if !layout.hasHeader {
            rowsRead += 1
            try read(fields, scanner: scanner, layout: layout, options: options, into: &state)
        }
        while scanner.nextRow(into: &fields) {
            rowsRead += 1
            try read(fields, scanner: scanner, layout: layout, options: options, into: &state)
        }
        guard rowsRead > 0 else { throw .empty(file: options.fileName) }
        if let bar = state.aggregator.flush() { state.append(bar) }
        let series = state.series
        return ParsedFile(
            format: .ticks, series: series.isEmpty ? [] : [series], rowsRead: rowsRead, rejected: state.rejected,
            lines: series.isEmpty ? [] : [state.lines])
    }

    /// The bars built so far and the aggregator's bar in progress.
    private struct State {
        var aggregator: TickAggregator
        var series: BarSeries
        var lines: [Int] = []
        var rejected: [RejectedRow] = []
        /// The line of the first tick of the bar in progress.
        var barLine = 0

        init(aggregator: TickAggregator, symbol: String, interval: Interval) {
            self.aggregator = aggregator
            series = BarSeries(symbol: symbol, interval: interval)
        }

        mutating func append(_ bar: Bar) {
            series.append(bar)
            lines.append(barLine)
        }
    }

    @inline(__always)
    private static func read(
        _ fields: [CSVScanner.Field], scanner: CSVScanner, layout: TickFileLayout, options: ParseOptions, into state: inout State
    ) throws(IngestError) {
        let line = scanner.line + options.lineOffset
        guard fields.count > layout.lastColumn else {
            let missing = layout.names[min(fields.count, layout.names.count - 1)]
            try options.reject(
                line: line, field: missing, value: "", reason: "is missing (the row has \(fields.count) of \(layout.names.count) fields)",
                into: &state.rejected)
            return
        }
        let b = scanner.bytes
        let timeField = fields[layout.time]
        let t: Int64
        do throws(EpochMillis.Failure) {
            t = try time(b, timeField.start, timeField.end).millis
        } catch {
            let reason = error == .outOfRange
                ? "is out of range (a time lies in the years 1 to 9999)"
                : "is not a time (epoch seconds, milliseconds or microseconds, or ISO 8601 such as 2024-01-31T09:30:00.250Z)"
            try options.reject(line: line, field: layout.names[layout.time], value: scanner.text(timeField), reason: reason, into: &state.rejected)
            return
        }
        let priceField = fields[layout.price]
        guard let price = DecimalParser.parse(b, priceField.start, priceField.end) else {
            try options.reject(line: line, field: layout.names[layout.price], value: scanner.text(priceField), reason: "is not a number", into: &state.rejected)
            return
        }
        if let problem = BarValueBounds.priceProblem(price) {
            try options.reject(line: line, field: layout.names[layout.price], value: scanner.text(priceField), reason: problem, into: &state.rejected)
            return
        }
        let sizeField = fields[layout.size]
        guard let size = DecimalParser.parse(b, sizeField.start, sizeField.end) else {
            try options.reject(line: line, field: layout.names[layout.size], value: scanner.text(sizeField), reason: "is not a number", into: &state.rejected)
            return
        }
        if let problem = BarValueBounds.volumeProblem(size) {
            try options.reject(line: line, field: layout.names[layout.size], value: scanner.text(sizeField), reason: problem, into: &state.rejected)
            return
        }
        if let start = state.aggregator.openBarStart, t < start {
            try options.reject(
                line: line, field: layout.names[layout.time], value: scanner.text(timeField),
                reason: "is earlier than the bar in progress (from \(CivilTime.iso8601Millis(start))): ticks must be in time order",
                into: &state.rejected)
            return
        }
        let startsBar = state.aggregator.openBarEnd.map { t >= $0 } ?? true
        do throws(StreamInputError) {
            if let bar = try state.aggregator.add(timeMillis: t, price: price, size: size) { state.append(bar) }
        } catch {
            let column = error.field == "price" ? layout.price : error.field == "size" ? layout.size : layout.time
            try options.reject(line: line, field: layout.names[column], value: scanner.text(fields[column]), reason: error.reason, into: &state.rejected)
            return
        }
        if startsBar { state.barLine = line }
    }

    /// A time cell: ISO 8601 when it starts `YYYY-`, else an epoch number (blanks trimmed).
    @inline(__always)
    private static func time(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(EpochMillis.Failure) -> EpochMillis.Reading {
        var s = start
        var e = end
        while s < e, b[s] == 0x20 { s += 1 }
        while e > s, b[e - 1] == 0x20 { e -= 1 }
        if e - s >= 10, b[s + 4] == UInt8(ascii: "-") { return try EpochMillis.isoText(b, s, e) }
        return try EpochMillis.number(b, s, e)
    }
}
