import Foundation

/// Builds the request URLs of each provider's API from a `ProviderRequest` and the environment
/// (base URL overrides, API keys).
enum ProviderEndpoints {
    /// The base URL (no trailing slash): the `BARWISE_*_URL` override or the default.
    static func baseURL(_ p: Provider, environment: [String: String]) throws(ProviderError) -> String {
        var base = environment[p.baseURLVariable].flatMap { $0.isEmpty ? nil : $0 } ?? p.defaultBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else {
            throw .invalidRequest(provider: p, detail: "\(p.baseURLVariable)='\(EchoText.capped(base))' is not an http(s) URL")
        }
        return base
    }

    /// Alpha Vantage: the whole history in one request (`outputsize=full`); the range is
    /// applied to the bars afterwards. Daily by default; 1/5/15/30/60-minute intervals use
    /// `TIME_SERIES_INTRADAY`, 1wk and 1mo the weekly and monthly series.
    static func alphaVantage(_ r: ProviderRequest, environment: [String: String]) throws(ProviderError) -> String {
        let base = try baseURL(.alphavantage, environment: environment)
        let key = environment["ALPHAVANTAGE_API_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? "demo"
        var function = "TIME_SERIES_DAILY"
        var extra = ""
        if let i = r.interval, i != .daily {
            switch (i.unit, i.count) {
            case (.minute, 1), (.minute, 5), (.minute, 15), (.minute, 30), (.minute, 60):
                function = "TIME_SERIES_INTRADAY"
                extra = "&interval=\(i.count)min"
            case (.hour, 1):
                function = "TIME_SERIES_INTRADAY"
                extra = "&interval=60min"
            case (.week, 1): function = "TIME_SERIES_WEEKLY"
            case (.month, 1): function = "TIME_SERIES_MONTHLY"
            default:
                throw .invalidRequest(
                    provider: .alphavantage,
                    detail: "interval \(i) is not offered (use 1m, 5m, 15m, 30m, 1h, 1d, 1wk or 1mo)")
            }
        }
        return "\(base)/query?function=\(function)&symbol=\(encode(r.symbol))\(extra)&outputsize=full"
            + "&datatype=json&apikey=\(encode(key))"
    }

    /// CoinGecko: `market_chart/range` when a range is given (a missing end is now, a missing
    /// start is the epoch), else `ohlc?days=max`. The coin id is lowercased.
    static func coinGecko(_ r: ProviderRequest, environment: [String: String], now: Int64) throws(ProviderError) -> String {
        let base = try baseURL(.coingecko, environment: environment)
        let id = encode(r.symbol.lowercased())
        if r.from == nil && r.to == nil {
            return "\(base)/coins/\(id)/ohlc?vs_currency=usd&days=max"
        }
        return "\(base)/coins/\(id)/market_chart/range?vs_currency=usd&from=\(r.from ?? 0)&to=\(r.to ?? now)"
    }

    /// Binance: one page of klines from `startMs` (inclusive); the symbol is uppercased.
    static func binance(
        _ r: ProviderRequest, startMs: Int64, limit: Int, environment: [String: String]
    ) throws(ProviderError) -> String {
        let base = try baseURL(.binance, environment: environment)
        var url = "\(base)/api/v3/klines?symbol=\(encode(r.symbol.uppercased()))&interval=\(try binanceInterval(r.interval))"
        url += "&startTime=\(startMs)"
        if let to = r.to { url += "&endTime=\(binanceEndMs(to))" }
        url += "&limit=\(limit)"
        return url
    }

    /// The last millisecond a kline may open at to be included for an inclusive `to` in seconds.
    static func binanceEndMs(_ to: Int64) -> Int64 { to * 1_000 }

    /// Binance's interval code (`1m`...`12h`, `1d`, `3d`, `1w`, `1M`); daily when nil.
    static func binanceInterval(_ i: Interval?) throws(ProviderError) -> String {
        guard let i else { return "1d" }
        let allowed: [(Interval.Unit, [Int], String)] = [
            (.second, [1], "s"), (.minute, [1, 3, 5, 15, 30], "m"), (.hour, [1, 2, 4, 6, 8, 12], "h"),
            (.day, [1, 3], "d"), (.week, [1], "w"), (.month, [1], "M"),
        ]
        for (unit, counts, code) in allowed where unit == i.unit && counts.contains(i.count) {
            return "\(i.count)\(code)"
        }
        throw .invalidRequest(
            provider: .binance,
            detail: "interval \(i) is not a Binance kline interval (1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h,"
                + " 12h, 1d, 3d, 1wk, 1mo)")
    }

    /// Percent-encodes a path segment or query value (RFC 3986 unreserved characters kept).
    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// The URL with the values of `apikey` and similar query parameters replaced by `REDACTED`.
    static func redacted(_ url: String) -> String {
        guard let q = url.firstIndex(of: "?") else { return url }
        let params = url[url.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false).map { p -> String in
            guard let eq = p.firstIndex(of: "=") else { return String(p) }
            let name = p[..<eq].lowercased()
            if name.contains("key") || name.contains("token") || name.contains("secret") {
                return "\(p[..<eq])=REDACTED"
            }
            return String(p)
        }
        return url[...q] + params.joined(separator: "&")
    }
}
