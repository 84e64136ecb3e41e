/// Removes configured secrets from text before it reaches a message, a log line, a manifest or
/// a store field.
///
/// Secrets are the values of the environment variables whose names end in `API_KEY`, `_TOKEN`
/// or `_SECRET` (`ALPHAVANTAGE_API_KEY`, `COINGECKO_API_KEY`, …), except Alpha Vantage's public
/// `demo` key and values shorter than 4 characters (which would mangle ordinary words). Each
/// occurrence becomes `REDACTED`. Independently of the environment, the value of any
/// `…key=`, `…token=` or `…secret=` query parameter in the text is redacted too (a body that
/// echoes the request URL).
public struct SecretRedactor: Sendable {
    public let secrets: [String]

    public init(environment: [String: String]) {
        secrets = environment.compactMap { name, value in
            let upper = name.uppercased()
            guard upper.hasSuffix("API_KEY") || upper.hasSuffix("_TOKEN") || upper.hasSuffix("_SECRET") else { return nil }
            return value.count >= 4 && value != "demo" ? value : nil
        }.sorted { $0.count > $1.count }
    }

    /// `text` with every secret and every key-like query value replaced by `REDACTED`.
    public func redact(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "REDACTED")
        }
        return Self.redactQueryValues(out)
    }

    /// Replaces the value after `key=`, `apikey=`, `api_key=`, `token=`, `secret=` (any case)
    /// up to the next `&`, quote, blank or end.
    static func redactQueryValues(_ text: String) -> String {
        let lower = Array(text.lowercased().utf8)
        let bytes = Array(text.utf8)
        guard lower.count == bytes.count, text.contains("=") else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let names = ["key=", "token=", "secret="].map { Array($0.utf8) }
        while i < bytes.count {
            if let name = names.first(where: { lower[i...].starts(with: $0) }) {
                out += bytes[i..<(i + name.count)]
                i += name.count
                let start = i
                while i < bytes.count, !Self.ends(bytes[i]) { i += 1 }
                if i > start { out += Array("REDACTED".utf8) }
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func ends(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == 0x20 || b == 0x0A
            || b == 0x0D || b == 0x09 || b == UInt8(ascii: "#") || b == UInt8(ascii: ",") || b == UInt8(ascii: "}")
    }
}

extension ProviderError {
    /// The error with every text it carries passed through `redactor`.
    func redacted(by redactor: SecretRedactor) -> ProviderError {
        let r = redactor.redact
        switch self {
        case let .invalidRequest(p, detail): return .invalidRequest(provider: p, detail: r(detail))
        case let .connectionFailed(p, url, reason): return .connectionFailed(provider: p, url: r(url), reason: r(reason))
        case let .timedOut(p, url, seconds): return .timedOut(provider: p, url: r(url), seconds: seconds)
        case let .http(p, url, status, body): return .http(provider: p, url: r(url), status: status, body: r(body))
        case let .payload(p, url, error): return .payload(provider: p, url: r(url), error: error.redacted(by: redactor))
        case let .redirectRefused(p, url, target): return .redirectRefused(provider: p, url: r(url), target: r(target))
        }
    }
}

extension IngestError {
    /// The error with every text it carries passed through `redactor`.
    func redacted(by redactor: SecretRedactor) -> IngestError {
        let r = redactor.redact
        switch self {
        case let .badRow(file, line, field, value, reason):
            return .badRow(file: r(file), line: line, field: r(field), value: r(value), reason: r(reason))
        case let .missingColumn(file, column, header): return .missingColumn(file: r(file), column: r(column), header: r(header))
        case let .badColumn(file, column, name, reason): return .badColumn(file: r(file), column: column, name: r(name), reason: r(reason))
        case let .empty(file): return .empty(file: r(file))
        case let .notMarketData(file, received): return .notMarketData(file: r(file), received: r(received))
        case let .unrecognized(file, detail): return .unrecognized(file: r(file), detail: r(detail))
        case let .unreadable(file, reason): return .unreadable(file: r(file), reason: r(reason))
        case let .badOption(file, detail): return .badOption(file: r(file), detail: r(detail))
        case let .unknownInterval(file, detail): return .unknownInterval(file: r(file), detail: r(detail))
        case let .conflictingDuplicate(file, line, firstLine, symbol, timestamp):
            return .conflictingDuplicate(file: r(file), line: line, firstLine: firstLine, symbol: symbol, timestamp: timestamp)
        case let .badSymbol(file, symbol, origin, reason): return .badSymbol(file: r(file), symbol: r(symbol), origin: origin, reason: reason)
        case .wouldReplace: return self
        }
    }
}

extension RejectedRow {
    func redacted(by redactor: SecretRedactor) -> RejectedRow {
        var row = self
        row.field = redactor.redact(field)
        row.value = redactor.redact(value)
        row.reason = redactor.redact(reason)
        return row
    }
}
