import Foundation

/// Alpha Vantage time series bodies (https://www.alphavantage.co/documentation/).
///
/// JSON: `{"Meta Data": {...}, "Time Series (Daily)": {"2024-01-05": {"1. open": "187.15", ...}}}`
/// (newest first, numbers as strings). Also accepted: `TIME_SERIES_DAILY_ADJUSTED`
/// (`"5. adjusted close"`, `"6. volume"`), intraday `"Time Series (5min)"`, `"Weekly Time
/// Series"`, `"Monthly Adjusted Time Series"`. Fields are matched by name after the `"N. "`
/// prefix; open, high, low and close are required, volume and adjusted close optional.
/// Intraday stamps are kept as Alpha Vantage writes them (its `Time Zone`, US/Eastern, is not
/// converted on its own): a saved payload ingested with `--tz America/New_York` is stored in UTC.
///
/// CSV (`datatype=csv`): `timestamp,open,high,low,close,volume`, or the adjusted
/// `timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient`.
enum AlphaVantagePayload {
    static func isSeriesKey(_ key: String) -> Bool { key.contains("Time Series") }

    /// The interval a series key names: `Time Series (5min)` → 5m, `(Daily)` → 1d, weekly, monthly.
    static func intervalHint(_ key: String) -> Interval? {
        if key.hasPrefix("Weekly") { return .weekly }
        if key.hasPrefix("Monthly") { return .monthly }
        if key.contains("Daily") { return .daily }
        if let open = key.firstIndex(of: "("), let close = key.firstIndex(of: ")"), open < close {
            let inner = key[key.index(after: open)..<close]
            if inner.hasSuffix("min"), let n = Int(inner.dropLast(3)), n > 0 { return Interval(count: n, unit: .minute) }
        }
        return nil
    }

    /// `"1. open"` → `"open"`, `"5. adjusted close"` → `"adjusted close"`.
    static func fieldName(_ key: String) -> Substring {
        guard let dot = key.firstIndex(of: "."), key[..<dot].allSatisfy(\.isNumber) else { return Substring(key) }
        return key[key.index(after: dot)...].drop { $0 == " " }
    }

    static func parseJSON(_ root: JSONValue, options: ParseOptions) throws(IngestError) -> ParsedFile {
        guard let members = root.objectMembers,
            let entry = members.first(where: { isSeriesKey($0.key) })
        else {
            let keys = root.objectMembers.map { $0.map(\.key).joined(separator: ", ") } ?? "not an object"
            throw .unrecognized(
                file: options.fileName,
                detail: "not an Alpha Vantage time series: no \"Time Series (...)\" key (found: \(keys))")
        }
        guard let records = entry.value.objectMembers else {
            throw .unrecognized(file: options.fileName, detail: "\"\(entry.key)\" is not an object of dates")
        }
        var series = BarSeries(symbol: options.symbol, interval: .daily)
        series.reserveCapacity(records.count)
        var rejected: [RejectedRow] = []
        var lines: [Int] = []
        records: for (index, record) in records.enumerated() {
            let line = index + 1
            guard let t = TimestampParser.parse(record.key) else {
                try options.reject(
                    line: line, field: "date", value: record.key, reason: "is not a date", symbol: options.symbol,
                    into: &rejected)
                continue
            }
            guard let fields = record.value.objectMembers else {
                try options.reject(
                    line: line, field: record.key, value: record.value.displayText, reason: "is not an object of prices",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            var values: [Double] = [.nan, .nan, .nan, .nan, .nan, .nan]  // o h l c v adj
            var seen: [Bool] = [false, false, false, false, false, false]
            for f in fields {
                let slot: Int
                switch fieldName(f.key) {
                case "open": slot = 0
                case "high": slot = 1
                case "low": slot = 2
                case "close": slot = 3
                case "volume": slot = 4
                case "adjusted close": slot = 5
                default: continue
                }
                guard let v = f.value.doubleValue else {
                    try options.reject(
                        line: line, field: f.key, value: f.value.displayText, reason: "is not a number",
                        symbol: options.symbol, into: &rejected)
                    continue records
                }
                values[slot] = v
                seen[slot] = true
            }
            for (slot, name) in ["1. open", "2. high", "3. low", "4. close"].enumerated() where !seen[slot] {
                try options.reject(
                    line: line, field: name, value: "", reason: "is missing", symbol: options.symbol, into: &rejected)
                continue records
            }
            guard try ProviderPayloadParser.inBounds(
                [values[0], values[1], values[2], values[3], values[5], values[4]],
                names: ["1. open", "2. high", "3. low", "4. close", "adjusted close", "volume"], lastIsVolume: true,
                line: line, options: options, rejected: &rejected)
            else { continue }
            series.append(
                Bar(
                    timestamp: t, open: values[0], high: values[1], low: values[2], close: values[3],
                    volume: values[4], adjClose: seen[5] ? values[5] : nil))
            lines.append(line)
        }
        series.interval = try ProviderPayloadParser.interval(series.timestamps, options: options, hint: intervalHint(entry.key))
        return try ProviderPayloadParser.file(
            .alphavantage, series, rowsRead: records.count, rejected: rejected, options: options, lines: lines)
    }

    /// Whether the first line is Alpha Vantage's CSV header.
    static func looksLikeCSV(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        let first = head.prefix { !$0.isNewline }.lowercased()
        return first == "timestamp,open,high,low,close,volume"
            || first.hasPrefix("timestamp,open,high,low,close,adjusted_close,volume")
    }

    static func parseCSV(_ bytes: [UInt8], options: ParseOptions) throws(IngestError) -> ParsedFile {
        try ByteBuffer.with(bytes) { buf throws(IngestError) in try parseCSV(buf, options: options) }
    }

    private static func parseCSV(_ buf: UnsafeBufferPointer<UInt8>, options: ParseOptions) throws(IngestError) -> ParsedFile {
        var scanner = CSVScanner(buf)
        var fields: [CSVScanner.Field] = []
        guard scanner.nextRow(into: &fields) else { throw .empty(file: options.fileName) }
        let header = fields.map { scanner.text($0).trimmingCharacters(in: .whitespaces).lowercased() }
        let headerText = header.joined(separator: ",")
        func column(_ name: String) throws(IngestError) -> Int {
            guard let k = header.firstIndex(of: name) else {
                throw .missingColumn(file: options.fileName, column: name, header: headerText)
            }
            return k
        }
        let names = ["timestamp", "open", "high", "low", "close"]
        var required: [Int] = []
        for name in names { required.append(try column(name)) }
        let volume = header.firstIndex(of: "volume")
        let adjusted = header.firstIndex(of: "adjusted_close")
        var series = BarSeries(symbol: options.symbol, interval: .daily)
        var rejected: [RejectedRow] = []
        var lines: [Int] = []
        var rows = 0
        rows: while scanner.nextRow(into: &fields) {
            rows += 1
            let line = scanner.line
            var v: [Double] = [0, 0, 0, 0]
            var t: Int64 = 0
            for (k, col) in required.enumerated() {
                guard col < fields.count else {
                    try options.reject(
                        line: line, field: names[k], value: "", reason: "is missing", symbol: options.symbol,
                        into: &rejected)
                    continue rows
                }
                let f = fields[col]
                if k == 0 {
                    guard let ts = TimestampParser.parse(buf, f.start, f.end) else {
                        try options.reject(
                            line: line, field: names[k], value: scanner.text(f), reason: "is not a date",
                            symbol: options.symbol, into: &rejected)
                        continue rows
                    }
                    t = ts
                } else {
                    guard let x = DecimalParser.parse(buf, f.start, f.end) else {
                        try options.reject(
                            line: line, field: names[k], value: scanner.text(f), reason: "is not a number",
                            symbol: options.symbol, into: &rejected)
                        continue rows
                    }
                    v[k - 1] = x
                }
            }
            var optional: [Double] = [.nan, .nan]
            for (k, col) in [volume, adjusted].enumerated() {
                guard let col, col < fields.count, !scanner.isMissing(fields[col]) else { continue }
                guard let x = DecimalParser.parse(buf, fields[col].start, fields[col].end) else {
                    try options.reject(
                        line: line, field: k == 0 ? "volume" : "adjusted_close", value: scanner.text(fields[col]),
                        reason: "is not a number", symbol: options.symbol, into: &rejected)
                    continue rows
                }
                optional[k] = x
            }
            guard try ProviderPayloadParser.inBounds(
                [v[0], v[1], v[2], v[3], optional[1], optional[0]],
                names: ["open", "high", "low", "close", "adjusted_close", "volume"], lastIsVolume: true, line: line,
                options: options, rejected: &rejected)
            else { continue }
            series.append(
                Bar(
                    timestamp: t, open: v[0], high: v[1], low: v[2], close: v[3], volume: optional[0],
                    adjClose: optional[1].isNaN ? nil : optional[1]))
            lines.append(line)
        }
        series.interval = try ProviderPayloadParser.interval(series.timestamps, options: options, hint: nil)
        return try ProviderPayloadParser.file(.alphavantage, series, rowsRead: rows, rejected: rejected, options: options, lines: lines)
    }
}
