import Foundation

/// Binance kline bodies.
///
/// JSON from `GET /api/v3/klines`
/// (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints):
/// `[[openTimeMs, "open", "high", "low", "close", "volume", closeTimeMs, "quoteVolume", trades,
/// "takerBuyBase", "takerBuyQuote", "ignore"], ...]`. Record numbers in errors are 1-based
/// indices into that array.
///
/// CSV from the public dumps (https://data.binance.vision, documented at
/// https://github.com/binance/binance-public-data): the same 12 columns without a header (newer
/// futures dumps add an `open_time,open,...` header, which is skipped). Open times are in
/// milliseconds, and in microseconds for spot files from 2025 on; each stamp's unit is told by
/// its magnitude. Bars are stamped with their open time.
enum BinancePayload {
    static let fieldNames = ["open_time", "open", "high", "low", "close", "volume", "close_time"]

    static func parseJSON(_ root: JSONValue, options: ParseOptions) throws(IngestError) -> ParsedFile {
        guard let rows = root.arrayElements else {
            let keys = root.objectMembers.map { $0.map(\.key).joined(separator: ", ") } ?? ""
            throw .unrecognized(file: options.fileName, detail: "not a Binance kline array (found an object: \(keys))")
        }
        var series = BarSeries(symbol: options.symbol, interval: .daily)
        series.reserveCapacity(rows.count)
        var rejected: [RejectedRow] = []
        var lines: [Int] = []
        var hint: Interval?
        rows: for (index, row) in rows.enumerated() {
            let line = index + 1
            guard let cells = row.arrayElements, cells.count >= 6 else {
                try options.reject(
                    line: line, field: "kline", value: row.displayText, reason: "is not a kline array of 12 values",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            guard let open = cells[0].int64Value else {
                try options.reject(
                    line: line, field: "open_time", value: cells[0].displayText, reason: "is not an epoch time",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            var v: (Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0)
            for k in 1...5 {
                guard let x = cells[k].doubleValue else {
                    try options.reject(
                        line: line, field: fieldNames[k], value: cells[k].displayText, reason: "is not a number",
                        symbol: options.symbol, into: &rejected)
                    continue rows
                }
                switch k {
                case 1: v.0 = x
                case 2: v.1 = x
                case 3: v.2 = x
                case 4: v.3 = x
                default: v.4 = x
                }
            }
            guard try ProviderPayloadParser.inBounds([v.0, v.1, v.2, v.3, v.4], names: Array(fieldNames[1...5]), lastIsVolume: true, line: line, options: options, rejected: &rejected) else { continue }
            if hint == nil, cells.count > 6, let close = cells[6].int64Value {
                hint = intervalHint(openTime: open, closeTime: close)
            }
            series.append(
                Bar(
                    timestamp: ProviderPayloadParser.epochSeconds(fromCount: open), open: v.0, high: v.1, low: v.2,
                    close: v.3, volume: v.4))
            lines.append(line)
        }
        series.interval = try ProviderPayloadParser.interval(series.timestamps, options: options, hint: hint)
        return try ProviderPayloadParser.file(.binance, series, rowsRead: rows.count, rejected: rejected, options: options, lines: lines)
    }

    /// The kline length that open and close time show (close time is the last millisecond or
    /// microsecond of the kline), or nil for calendar months and odd lengths.
    static func intervalHint(openTime: Int64, closeTime: Int64) -> Interval? {
        let perSecond: Int64 = openTime.magnitude >= 100_000_000_000_000 ? 1_000_000 : 1_000
        // Any two Int64 may arrive: checked arithmetic, an overflow is no hint.
        let (difference, o1) = closeTime.subtractingReportingOverflow(openTime)
        let (span, o2) = difference.addingReportingOverflow(1)
        guard !o1, !o2, span > 0, span % perSecond == 0 else { return nil }
        let s = span / perSecond
        if s == 604_800 { return .weekly }
        guard s <= Int64(Interval.maxCount) * 60 else { return nil }
        if s % 86_400 == 0, s / 86_400 < 28 { return Interval(count: Int(s / 86_400), unit: .day) }
        if s % 86_400 == 0 { return .monthly }
        if s % 3_600 == 0 { return Interval(count: Int(s / 3_600), unit: .hour) }
        if s % 60 == 0 { return Interval(count: Int(s / 60), unit: .minute) }
        return s <= Int64(Interval.maxCount) ? Interval(count: Int(s), unit: .second) : nil
    }

    /// Whether the first line is a Binance kline row (12 columns, the first an epoch count in
    /// milliseconds or microseconds) or the dumps' `open_time,open,...` header.
    static func looksLikeCSV(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(400)
        let firstLine = head.prefix { $0 != 0x0A && $0 != 0x0D }
        let text = String(decoding: firstLine, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "")
        if text.lowercased().hasPrefix("open_time,open,high,low,close,volume,close_time") { return true }
        let cells = text.split(separator: ",", omittingEmptySubsequences: false)
        guard cells.count == 12, cells[0].count >= 12, cells[0].allSatisfy(\.isASCIIDigit),
            cells[6].allSatisfy(\.isASCIIDigit), Double(cells[1]) != nil
        else { return false }
        return true
    }

    static func parseCSV(_ bytes: [UInt8], options: ParseOptions) throws(IngestError) -> ParsedFile {
        try ByteBuffer.with(bytes) { buf throws(IngestError) in try parseCSV(buf, options: options) }
    }

    private static func parseCSV(_ buf: UnsafeBufferPointer<UInt8>, options: ParseOptions) throws(IngestError) -> ParsedFile {
        var scanner = CSVScanner(buf)
        var fields: [CSVScanner.Field] = []
        fields.reserveCapacity(12)
        var series = BarSeries(symbol: options.symbol, interval: .daily)
        var rejected: [RejectedRow] = []
        var lines: [Int] = []
        var rows = 0
        var hint: Interval?
        var first = true
        rows: while scanner.nextRow(into: &fields) {
            if first {
                first = false
                if let f = fields.first, scanner.text(f).lowercased() == "open_time" { continue }
            }
            rows += 1
            let line = scanner.line
            guard fields.count >= 6 else {
                try options.reject(
                    line: line, field: fieldNames[fields.count], value: "", reason: "is missing (a kline row has 12 columns)",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            guard let open = parseInteger(buf, fields[0].start, fields[0].end) else {
                try options.reject(
                    line: line, field: "open_time", value: scanner.text(fields[0]), reason: "is not an epoch time",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            var v: (Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0)
            for k in 1...5 {
                guard let x = DecimalParser.parse(buf, fields[k].start, fields[k].end) else {
                    try options.reject(
                        line: line, field: fieldNames[k], value: scanner.text(fields[k]), reason: "is not a number",
                        symbol: options.symbol, into: &rejected)
                    continue rows
                }
                switch k {
                case 1: v.0 = x
                case 2: v.1 = x
                case 3: v.2 = x
                case 4: v.3 = x
                default: v.4 = x
                }
            }
            guard try ProviderPayloadParser.inBounds([v.0, v.1, v.2, v.3, v.4], names: Array(fieldNames[1...5]), lastIsVolume: true, line: line, options: options, rejected: &rejected) else { continue }
            if hint == nil, fields.count > 6, let close = parseInteger(buf, fields[6].start, fields[6].end) {
                hint = intervalHint(openTime: open, closeTime: close)
            }
            series.append(
                Bar(
                    timestamp: ProviderPayloadParser.epochSeconds(fromCount: open), open: v.0, high: v.1, low: v.2,
                    close: v.3, volume: v.4))
            lines.append(line)
        }
        series.interval = try ProviderPayloadParser.interval(series.timestamps, options: options, hint: hint)
        return try ProviderPayloadParser.file(.binance, series, rowsRead: rows, rejected: rejected, options: options, lines: lines)
    }

    /// A non-negative decimal integer of at most 18 digits, or nil.
    static func parseInteger(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var s = start
        var e = end
        while s < e, b[s] == 0x20 { s += 1 }
        while e > s, b[e - 1] == 0x20 { e -= 1 }
        guard s < e, e - s <= 18 else { return nil }
        var v: Int64 = 0
        for k in s..<e {
            let d = b[k] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int64(d)
        }
        return v
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
