import Foundation

/// Parses the bodies that market data providers return (Alpha Vantage, CoinGecko, Binance),
/// whether saved to a file or just downloaded by `ProviderClient`, into a `ParsedFile`.
///
/// Row numbers in errors: for CSV bodies they are real 1-based line numbers. For JSON bodies
/// they are the 1-based index of the record in the payload's own order (the n-th date under
/// Alpha Vantage's time series, the n-th kline, the n-th `prices` point), because provider
/// JSON usually arrives on a single line.
///
/// Timestamps are UTC epoch seconds; millisecond and microsecond stamps are divided exactly
/// (floor). The interval is `options.interval` when given, else inferred from the timestamps,
/// else the one the payload names (Alpha Vantage's `Time Series (5min)`), else one day.
public enum ProviderPayloadParser {
    /// Parses `bytes` as a body of `format` (`.alphavantage`, `.coingecko` or `.binance`; JSON
    /// or, for Alpha Vantage and Binance, CSV). Error bodies (`{"Error Message": ...}`,
    /// `{"code":-1121,...}`, an HTML page, ...) throw `IngestError.notMarketData` quoting what
    /// was received.
    public static func parse(
        _ bytes: [UInt8], format: IngestFormat, options: ParseOptions
    ) throws(IngestError) -> ParsedFile {
        if let nonData = describeNonData(bytes) {
            throw .notMarketData(file: options.fileName, received: nonData)
        }
        switch format {
        case .alphavantage:
            if looksLikeJSON(bytes) { return try AlphaVantagePayload.parseJSON(try json(bytes, options), options: options) }
            return try AlphaVantagePayload.parseCSV(bytes, options: options)
        case .coingecko:
            return try CoinGeckoPayload.parse(try json(bytes, options), options: options)
        case .binance:
            if looksLikeJSON(bytes) { return try BinancePayload.parseJSON(try json(bytes, options), options: options) }
            return try BinancePayload.parseCSV(bytes, options: options)
        default:
            throw .badOption(
                file: options.fileName,
                detail: "'\(format.rawValue)' is not a provider format (alphavantage, coingecko, binance)")
        }
    }

    /// Which provider produced this body, for `--format auto`: a JSON body of Alpha Vantage,
    /// CoinGecko or Binance (data or one of their error bodies), an Alpha Vantage CSV
    /// (`timestamp,open,high,low,close,...` header) or a Binance kline CSV (headerless 12
    /// numeric columns, or the `open_time,...` header). Nil when it is none of these, including
    /// an empty JSON array (which any provider could have sent).
    public static func sniff(_ bytes: [UInt8]) -> IngestFormat? {
        if looksLikeJSON(bytes) {
            guard let v = try? JSONReader.parse(bytes) else { return nil }
            return sniff(json: v)
        }
        if AlphaVantagePayload.looksLikeCSV(bytes) { return .alphavantage }
        if BinancePayload.looksLikeCSV(bytes) { return .binance }
        return nil
    }

    /// A short description of a body that is not market data, or nil when it may be data:
    /// the JSON error bodies of any provider (`Alpha Vantage error: "Invalid API call..."`,
    /// `Binance error -1121: "Invalid symbol."`, `CoinGecko error: "coin not found"`), an
    /// HTML page (`an HTML page titled "..."`) or an empty body. The text fits after
    /// "received " in `IngestError.notMarketData`.
    public static func describeNonData(_ bytes: [UInt8]) -> String? {
        var k = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { k = 3 }
        while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x0A || bytes[k] == 0x0D || bytes[k] == 0x09 { k += 1 }
        if k == bytes.count { return "an empty body" }
        if bytes[k] == UInt8(ascii: "<") { return describeHTML(bytes) }
        guard bytes[k] == UInt8(ascii: "{"), let v = try? JSONReader.parse(bytes) else { return nil }
        return describeError(json: v)
    }

    // MARK: - Internals shared by the provider parsers

    static func sniff(json v: JSONValue) -> IngestFormat? {
        if let members = v.objectMembers {
            let keys = members.map(\.key)
            if keys.contains("Meta Data") || keys.contains(where: AlphaVantagePayload.isSeriesKey)
                || keys.contains("Error Message") || keys.contains("Note") || keys.contains("Information")
            {
                return .alphavantage
            }
            if keys.contains("prices") || keys.contains("error") || v["status"]?["error_code"] != nil {
                return .coingecko
            }
            if keys.contains("code") && keys.contains("msg") { return .binance }
            return nil
        }
        guard let rows = v.arrayElements, let first = rows.first?.arrayElements else { return nil }
        if first.count == 5, first.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
            return .coingecko
        }
        if first.count >= 11, case .number = first[0], case .string = first[1] { return .binance }
        return nil
    }

    static func describeError(json v: JSONValue) -> String? {
        if let m = v["Error Message"] { return "Alpha Vantage error: \(quoted(m.displayText))" }
        if let m = v["Note"] { return "Alpha Vantage note: \(quoted(m.displayText))" }
        if let m = v["Information"] { return "Alpha Vantage information: \(quoted(m.displayText))" }
        if let code = v["code"], let msg = v["msg"] {
            return "Binance error \(code.displayText): \(quoted(msg.displayText))"
        }
        if let status = v["status"], let code = status["error_code"] {
            let msg = status["error_message"]?.displayText ?? ""
            return "CoinGecko error \(code.displayText): \(quoted(msg))"
        }
        if let e = v["error"] {
            if let msg = e["message"] ?? e["error_message"] { return "CoinGecko error: \(quoted(msg.displayText))" }
            return "CoinGecko error: \(quoted(e.displayText))"
        }
        return nil
    }

    static func describeHTML(_ bytes: [UInt8]) -> String {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if let open = head.range(of: "<title", options: .caseInsensitive),
            let gt = head[open.upperBound...].firstIndex(of: ">"),
            let close = head[gt...].range(of: "</title>", options: .caseInsensitive)
        {
            let title = head[head.index(after: gt)..<close.lowerBound]
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !title.isEmpty { return "an HTML page titled \(quoted(title))" }
        }
        return "an HTML page"
    }

    /// `"text"`, cut to 500 characters (provider messages are shorter; HTML is not quoted).
    static func quoted(_ s: String) -> String {
        let t = s.count > 500 ? String(s.prefix(500)) + "..." : s
        return "\"\(t)\""
    }

    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        var k = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x0A || bytes[k] == 0x0D || bytes[k] == 0x09 { k += 1 }
        return k < bytes.count && (bytes[k] == UInt8(ascii: "{") || bytes[k] == UInt8(ascii: "["))
    }

    static func json(_ bytes: [UInt8], _ options: ParseOptions) throws(IngestError) -> JSONValue {
        do {
            return try JSONReader.parse(bytes)
        } catch {
            throw .unrecognized(
                file: options.fileName,
                detail: "invalid JSON at line \(error.line), column \(error.column): \(error.message)")
        }
    }

    /// The interval for a parsed series: the option, else inferred, else the payload's hint,
    /// else one day.
    static func interval(_ timestamps: [Int64], options: ParseOptions, hint: Interval?) -> Interval {
        if let i = options.interval { return i }
        var sorted = timestamps
        var ascending = true
        for k in sorted.indices.dropFirst() where sorted[k] < sorted[k - 1] {
            ascending = false
            break
        }
        if !ascending { sorted.sort() }
        return Interval.inferred(from: sorted) ?? hint ?? .daily
    }

    /// Epoch seconds from a count in seconds, milliseconds or microseconds, told apart by
    /// magnitude: seconds below 10^11 (year 5138), milliseconds below 10^14, microseconds below
    /// 10^17, nanoseconds above (Binance dumps switched from ms to µs in 2025). Floor division,
    /// so exact for whole seconds.
    static func epochSeconds(fromCount v: Int64) -> Int64 {
        let a = v.magnitude
        if a >= 100_000_000_000_000_000 { return floorDiv(v, 1_000_000_000) }
        if a >= 100_000_000_000_000 { return floorDiv(v, 1_000_000) }
        if a >= 100_000_000_000 { return floorDiv(v, 1_000) }
        return v
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// One series named `options.symbol` from bars collected by a provider parser.
    static func file(
        _ format: IngestFormat, _ series: BarSeries, rowsRead: Int, rejected: [RejectedRow],
        options: ParseOptions
    ) throws(IngestError) -> ParsedFile {
        if rowsRead == 0 { throw .empty(file: options.fileName) }
        return ParsedFile(format: format, series: [series], rowsRead: rowsRead, rejected: rejected)
    }
}
