import Dispatch
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Downloads bars from Alpha Vantage, CoinGecko or Binance over HTTPS (Foundation's
/// `URLSession`; libcurl on Linux) and parses them with `ProviderPayloadParser`.
///
/// Configuration comes from `environment` (the process environment by default; tests pass
/// their own): `ALPHAVANTAGE_API_KEY` (default `demo`), `COINGECKO_API_KEY` (optional, sent as
/// `x-cg-demo-api-key`), and base URL overrides `BARWISE_ALPHAVANTAGE_URL`,
/// `BARWISE_COINGECKO_URL`, `BARWISE_BINANCE_URL`.
///
/// Binance is paginated: requests of `binancePageLimit` klines, each starting 1 ms after the
/// last kline received, until a page comes back shorter than the limit or past the range.
/// Every provider's bars are then limited to the request's `from...to` (Alpha Vantage cannot
/// filter on the server).
public struct ProviderClient: Sendable {
    public var environment: [String: String]
    /// Seconds to wait for a response before `ProviderError.timedOut`.
    public var timeout: Double
    /// Klines per Binance request (the API's maximum is 1000).
    public var binancePageLimit: Int
    /// A safety stop for Binance pagination.
    public var maxPages: Int

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Double = 30,
        binancePageLimit: Int = 1000, maxPages: Int = 10_000
    ) {
        self.environment = environment
        self.timeout = timeout
        self.binancePageLimit = binancePageLimit
        self.maxPages = maxPages
    }

    /// Downloads and parses `request`. Errors: network and HTTP failures, and payloads that
    /// are not market data (wrapped as `ProviderError.payload`). The blocking work runs on a
    /// Dispatch thread, never on the Swift concurrency pool.
    public func download(_ request: ProviderRequest) async throws(ProviderError) -> ProviderDownload {
        let client = self
        let result: Result<ProviderDownload, ProviderError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(ProviderError) {
                    continuation.resume(returning: .success(try client.downloadSync(request)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// `download` for synchronous callers such as the CLI: blocks the calling thread until the
    /// download finishes (responses are delivered on URLSession's own queue, so this is safe
    /// from any thread).
    ///
    /// Every configured secret (`SecretRedactor`) is removed from the error messages, the URLs
    /// and the rejected rows this returns; a request with a key never follows a redirect to
    /// another origin (`ProviderFetch`).
    public func downloadSync(_ request: ProviderRequest) throws(ProviderError) -> ProviderDownload {
        let redactor = SecretRedactor(environment: environment)
        do throws(ProviderError) {
            var download = try unredactedDownload(request)
            download.urls = download.urls.map(redactor.redact)
            download.parsed.rejected = download.parsed.rejected.map { $0.redacted(by: redactor) }
            return download
        } catch {
            throw error.redacted(by: redactor)
        }
    }

    private func unredactedDownload(_ request: ProviderRequest) throws(ProviderError) -> ProviderDownload {
        do throws(SymbolNameError) {
            try SymbolName.validate(request.symbol)
        } catch {
            throw .invalidRequest(provider: request.provider, detail: error.description)
        }
        let session = makeConfiguration()
        switch request.provider {
        case .alphavantage:
            let url = try ProviderEndpoints.alphaVantage(request, environment: environment)
            return try single(request, url: url, session: session)
        case .coingecko:
            let now = Int64(Date().timeIntervalSince1970)
            let url = try ProviderEndpoints.coinGecko(request, environment: environment, now: now)
            return try single(request, url: url, session: session)
        case .binance:
            return try binance(request, session: session)
        }
    }

    // MARK: - Internals

    private func makeConfiguration() -> URLSessionConfiguration {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = max(timeout * 10, 300)
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.httpAdditionalHeaders = ["User-Agent": "barwise", "Accept": "application/json, text/csv"]
        return config
    }

    private func options(_ request: ProviderRequest, page: Int) -> ParseOptions {
        ParseOptions(
            fileName: page <= 1 ? request.sourceName : "\(request.sourceName) page \(page)", symbol: request.symbol,
            symbolIsExplicit: true, skipBadRows: request.skipBadRows, interval: request.interval)
    }

    private func single(
        _ request: ProviderRequest, url: String, session: URLSessionConfiguration
    ) throws(ProviderError) -> ProviderDownload {
        let body = try fetch(url, provider: request.provider, session: session)
        let parsed = try parse(body, request: request, page: 1, url: url)
        return ProviderDownload(
            request: request, urls: [ProviderEndpoints.redacted(url)], bodies: [body],
            parsed: Self.limited(parsed, to: request))
    }

    private func binance(_ request: ProviderRequest, session: URLSessionConfiguration) throws(ProviderError) -> ProviderDownload {
        let limit = max(1, binancePageLimit)
        let (startProduct, startOverflow) = (request.from ?? 0).multipliedReportingOverflow(by: 1_000)
        let endMs = try request.to.map { (to: Int64) throws(ProviderError) -> Int64 in
            let (ms, overflow) = to.multipliedReportingOverflow(by: 1_000)
            if overflow { throw .invalidRequest(provider: .binance, detail: "the end time \(to) is out of range") }
            return ms
        }
        if startOverflow { throw .invalidRequest(provider: .binance, detail: "the start time \(request.from ?? 0) is out of range") }
        var startMs = startProduct
        var urls: [String] = []
        var bodies: [[UInt8]] = []
        var merged: ParsedFile?
        for page in 1...max(1, maxPages) {
            let url = try ProviderEndpoints.binance(request, startMs: startMs, limit: limit, environment: environment)
            let body = try fetch(url, provider: .binance, session: session)
            urls.append(ProviderEndpoints.redacted(url))
            bodies.append(body)
            let parsed: ParsedFile
            if page > 1, Self.isEmptyArray(body) {
                break  // the previous page ended exactly at the last kline
            }
            parsed = try parse(body, request: request, page: page, url: url)
            if var m = merged {
                let offset = m.rowsRead
                m.series[0].appendBars(of: parsed.series[0])
                if !m.lines.isEmpty { m.lines[0] += parsed.lines.first.map { $0.map { $0 + offset } } ?? [] }
                m.rowsRead += parsed.rowsRead
                m.rejected += parsed.rejected
                merged = m
            } else {
                merged = parsed
            }
            guard parsed.rowsRead >= limit, let last = parsed.series[0].timestamps.max() else { break }
            // Parsed stamps are within ±10^11 s, so this cannot overflow.
            let next = last * 1_000 + 1
            guard next > startMs else { break }
            if let endMs, next > endMs { break }
            startMs = next
        }
        guard let result = merged else {
            throw .payload(provider: .binance, url: urls.last ?? "", error: .empty(file: request.sourceName))
        }
        return ProviderDownload(request: request, urls: urls, bodies: bodies, parsed: Self.limited(result, to: request))
    }

    private func parse(_ body: [UInt8], request: ProviderRequest, page: Int, url: String) throws(ProviderError) -> ParsedFile {
        do {
            return try ProviderPayloadParser.parse(body, format: request.provider.format, options: options(request, page: page))
        } catch {
            throw .payload(provider: request.provider, url: ProviderEndpoints.redacted(url), error: error)
        }
    }

    private func fetch(_ url: String, provider: Provider, session: URLSessionConfiguration) throws(ProviderError) -> [UInt8] {
        let shown = ProviderEndpoints.redacted(url)
        guard let u = URL(string: url) else {
            throw .invalidRequest(provider: provider, detail: "cannot form a URL from \(shown)")
        }
        var req = URLRequest(url: u, timeoutInterval: timeout)
        var authenticated = shown != url  // a key in the query
        if provider == .coingecko, let key = environment["COINGECKO_API_KEY"], !key.isEmpty {
            req.setValue(key, forHTTPHeaderField: "x-cg-demo-api-key")
            authenticated = true
        }
        let outcome = ProviderFetch.run(req, authenticated: authenticated, configuration: session)
        if let target = outcome.refusedRedirect {
            throw .redirectRefused(provider: provider, url: shown, target: ProviderEndpoints.redacted(target.absoluteString))
        }
        if let failure = outcome.error {
            if let e = failure as? URLError, e.code == .timedOut {
                throw .timedOut(provider: provider, url: shown, seconds: timeout)
            }
            let reason = (failure as? URLError).map { Self.reason($0) } ?? "\(failure)"
            throw .connectionFailed(provider: provider, url: shown, reason: reason)
        }
        guard let response = outcome.response else {
            throw .connectionFailed(provider: provider, url: shown, reason: "no response")
        }
        let data = outcome.data
        let body = [UInt8](data)
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            let text = String(decoding: body.prefix(800), as: UTF8.self)
                .split(whereSeparator: \.isNewline).joined(separator: " ")
            throw .http(provider: provider, url: shown, status: http.statusCode, body: String(text.prefix(200)))
        }
        return body
    }

    private static func reason(_ e: URLError) -> String {
        switch e.code {
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .notConnectedToInternet: return "no network connection"
        case .networkConnectionLost: return "the connection was lost"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate:
            return "TLS handshake failed"
        default: return e.localizedDescription
        }
    }

    private static func isEmptyArray(_ body: [UInt8]) -> Bool {
        body.filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } == Array("[]".utf8)
    }

    /// The parsed file with bars outside `from...to` dropped.
    static func limited(_ file: ParsedFile, to r: ProviderRequest) -> ParsedFile {
        guard r.from != nil || r.to != nil else { return file }
        let lo = r.from ?? .min
        let hi = r.to ?? .max
        var out = file
        for (k, s) in file.series.enumerated() {
            let keep = s.timestamps.indices.filter { s.timestamps[$0] >= lo && s.timestamps[$0] <= hi }
            guard keep.count != s.count else { continue }
            out.series[k] = s.permuted(by: keep)
            if k < file.lines.count, file.lines[k].count == s.count { out.lines[k] = keep.map { file.lines[k][$0] } }
        }
        return out
    }
}

extension BarSeries {
    /// Appends every bar of `other` (its symbol and interval are ignored).
    fileprivate mutating func appendBars(of other: BarSeries) {
        timestamps += other.timestamps
        open += other.open
        high += other.high
        low += other.low
        close += other.close
        volume += other.volume
        adjClose += other.adjClose
    }
}
