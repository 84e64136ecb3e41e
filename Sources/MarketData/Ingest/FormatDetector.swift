/// Recognises what a file holds for `--format auto`, and rejects bodies that are not market
/// data (an empty file, an HTML page, a JSON error, Stooq's `No data`) with a message saying
/// what was received. Looks at the first few kilobytes only.
enum FormatDetector {
    static func detect(_ bytes: [UInt8], fileName: String) throws(IngestError) -> IngestFormat {
        let head = Array(bytes.prefix(4_096))
        let text = String(decoding: head, as: UTF8.self)
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        guard let first = trimmed.first else { throw .empty(file: fileName) }
        if first == "<" && looksLikeHTML(String(trimmed)) {
            throw .notMarketData(file: fileName, received: describeHTML(String(trimmed)))
        }
        if first == "{" || first == "[" {
            if let description = ProviderPayloadParser.describeNonData(bytes) {
                throw .notMarketData(file: fileName, received: description)
            }
            if let format = ProviderPayloadParser.sniff(bytes) { return format }
            throw .unrecognized(file: fileName, detail: "JSON that is not a known provider payload (starts with \(quoted(String(trimmed.prefix(60)))))")
        }
        if trimmed.lowercased().hasPrefix("no data") {
            throw .notMarketData(file: fileName, received: "Stooq's 'No data' reply (an unknown symbol or an empty date range)")
        }
        // Binance's headerless kline dumps and Alpha Vantage's CSV header.
        if let provider = ProviderPayloadParser.sniff(bytes) { return provider }
        // The header is the first line that is not blank and not a `#` comment.
        let firstLine = trimmed.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init).first { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        let header = CSVHeader(names: firstLine.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) })
        if looksLikeTrades(header) {
            throw .unrecognized(
                file: fileName,
                detail: "the header \(quoted(String(firstLine.prefix(80)))) names a price and a trade size: a file of trades? Pass --ticks --interval 1m to build bars from it (or --format ohlcv to read each row as a bar)")
        }
        if header.hasPriceColumns && header.index(of: .date) != nil { return .ohlcv }
        if header.index(of: .date) != nil && header.names.count >= 2 { return .panel }
        throw .unrecognized(file: fileName, detail: "cannot tell the format from the first line \(quoted(String(firstLine.prefix(80)))): expected a header with a date column and OHLCV or symbol columns (or pass --format; for a file of trades, --ticks --interval 1m)")
    }

    /// A header with a price and a trade-size column (`size`, `qty`, `quantity`) and no open,
    /// high or low: trades, which `--ticks` reads, not bars.
    static func looksLikeTrades(_ header: CSVHeader) -> Bool {
        let keys = Set(header.names.map(CSVHeader.normalized))
        return keys.contains("price") && !keys.isDisjoint(with: ["size", "qty", "quantity"])
            && header.index(of: .open) == nil && header.index(of: .high) == nil && header.index(of: .low) == nil
    }

    /// An HTML or XML page, as opposed to a CSV header such as Stooq's `<TICKER>,<PER>,<DATE>,...`.
    static func looksLikeHTML(_ text: String) -> Bool {
        let lower = text.prefix(1_024).lowercased()
        return lower.hasPrefix("<!") || lower.hasPrefix("<?xml") || lower.contains("<html") || lower.contains("<head")
            || lower.contains("<body") || lower.contains("<title")
    }

    private static func describeHTML(_ text: String) -> String {
        let lower = text.lowercased()
        if let open = lower.range(of: "<title>"), let close = lower.range(of: "</title>", range: open.upperBound..<lower.endIndex) {
            let title = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            return "an HTML page titled \(quoted(String(title.prefix(80))))"
        }
        return "an HTML page (\(quoted(String(text.prefix(40)))))"
    }

    static func quoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\n", with: " ") + "'"
    }
}

import Foundation
