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
        if let nonData = describeNonData(bytes, expected: Provider.allCases.first { $0.format == format }) {
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
    ///
    /// With `expected` (the provider a download or `--format` asked for), an error body is
    /// named after that provider whatever its keys look like: a CoinGecko body is never called
    /// an Alpha Vantage error.
    public static func describeNonData(_ bytes: [UInt8], expected: Provider? = nil) -> String? {
        var k = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { k = 3 }
        while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x0A || bytes[k] == 0x0D || bytes[k] == 0x09 { k += 1 }
        if k == bytes.count { return "an empty body" }
        if bytes[k] == UInt8(ascii: "<") { return describeHTML(bytes) }
        guard bytes[k] == UInt8(ascii: "{"), let v = try? JSONReader.parse(bytes) else { return nil }
        return describeError(json: v, expected: expected)
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

    static func describeError(json v: JSONValue, expected: Provider? = nil) -> String? {
        guard let (detected, kind, message) = errorParts(v) else { return nil }
        let who = expected ?? detected
        return "\(who.displayName) \(who == detected ? kind : "error"): \(quoted(message))"
    }

    /// The provider whose error shape `v` has, the kind of message (`error`, `note`,
    /// `error -1121`) and its text; nil when `v` is not an error body.
    private static func errorParts(_ v: JSONValue) -> (Provider, String, String)? {
        if let m = v["Error Message"] { return (.alphavantage, "error", m.displayText) }
        if let m = v["Note"] { return (.alphavantage, "note", m.displayText) }
        if let m = v["Information"] { return (.alphavantage, "information", m.displayText) }
        if let code = v["code"], let msg = v["msg"] { return (.binance, "error \(code.displayText)", msg.displayText) }
        if let status = v["status"], let code = status["error_code"] {
            return (.coingecko, "error \(code.displayText)", status["error_message"]?.displayText ?? "")
        }
        if let e = v["error"] {
            return (.coingecko, "error", (e["message"] ?? e["error_message"])?.displayText ?? e.displayText)
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

    /// `"text"`, cut to 200 characters (`EchoText`; HTML is not quoted).
    static func quoted(_ s: String) -> String {
        "\"\(EchoText.capped(s))\""
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

    /// The interval for a parsed series: the option, else the payload's hint, else the one the
    /// timestamps show; `IngestError.unknownInterval` when they show none.
    static func interval(_ timestamps: [Int64], options: ParseOptions, hint: Interval?) throws(IngestError) -> Interval {
        try options.resolveInterval(timestamps, hint: hint)
    }

    /// Checks the prices and volume of one record against `BarValueBounds`, rejecting the
    /// record (by `options`) on the first value out of range; returns whether it may be stored.
    /// `names` are the field names of `values` in order; the volume, when present, is last and
    /// flagged by `lastIsVolume`.
    static func inBounds(
        _ values: [Double], names: [String], lastIsVolume: Bool, line: Int, options: ParseOptions,
        rejected: inout [RejectedRow]
    ) throws(IngestError) -> Bool {
        for (k, v) in values.enumerated() where !v.isNaN {
            let problem = lastIsVolume && k == values.count - 1 ? BarValueBounds.volumeProblem(v) : BarValueBounds.priceProblem(v)
            if let problem {
                try options.reject(line: line, field: names[k], value: "\(v)", reason: problem, symbol: options.symbol, into: &rejected)
                return false
            }
        }
        return true
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
        options: ParseOptions, lines: [Int] = []
    ) throws(IngestError) -> ParsedFile {
        if rowsRead == 0 { throw .empty(file: options.fileName) }
        return ParsedFile(format: format, series: [series], rowsRead: rowsRead, rejected: rejected, lines: [lines])
    }
}
