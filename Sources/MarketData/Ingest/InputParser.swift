/// Turns the bytes of one input (a file or a downloaded payload) into bars: resolves
/// `--format auto` with `FormatDetector`, then hands the bytes to that format's parser.
public enum InputParser {
    public static func parse(_ bytes: [UInt8], format: IngestFormat, options: ParseOptions) throws(IngestError) -> ParsedFile {
        let resolved = format == .auto ? try FormatDetector.detect(bytes, fileName: options.fileName) : format
        switch resolved {
        case .auto, .ohlcv, .yahoo, .stooq:
            try rejectNonData(bytes, options: options)
            return try OHLCVParser.parse(bytes, format: resolved, options: options)
        case .panel:
            try rejectNonData(bytes, options: options)
            return try PanelParser.parse(bytes, options: options)
        case .ticks:
            try rejectNonData(bytes, options: options)
            return try TickFileParser.parse(bytes, options: options)
        case .alphavantage:
            // Alpha Vantage also serves CSV (`datatype=csv`): its header is plain OHLCV.
            if let first = firstNonBlankByte(bytes), first != UInt8(ascii: "{"), first != UInt8(ascii: "[") {
                try rejectNonData(bytes, options: options)
                var parsed = try OHLCVParser.parse(bytes, format: .alphavantage, options: options)
                parsed.format = .alphavantage
                return parsed
            }
            return try ProviderPayloadParser.parse(bytes, format: resolved, options: options)
        case .coingecko, .binance:
            return try ProviderPayloadParser.parse(bytes, format: resolved, options: options)
        }
    }

    /// With an explicit CSV format, an empty file, an HTML page or a JSON body still gets the
    /// message that says what it is.
    private static func rejectNonData(_ bytes: [UInt8], options: ParseOptions) throws(IngestError) {
        guard let first = firstNonBlankByte(bytes) else { throw .empty(file: options.fileName) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            _ = try FormatDetector.detect(bytes, fileName: options.fileName)
            throw .unrecognized(file: options.fileName, detail: "the body is JSON, not CSV (try --format auto)")
        }
        if first == UInt8(ascii: "<"), FormatDetector.looksLikeHTML(String(decoding: bytes.prefix(1_024), as: UTF8.self)) {
            _ = try FormatDetector.detect(bytes, fileName: options.fileName)
        }
        if bytes.prefix(16).starts(with: Array("No data".utf8)) {
            _ = try FormatDetector.detect(bytes, fileName: options.fileName)
        }
    }

    static func firstNonBlankByte(_ bytes: [UInt8]) -> UInt8? {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count {
            let b = bytes[i]
            if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { return b }
            i += 1
        }
        return nil
    }
}
