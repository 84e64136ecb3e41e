/// A market data provider Barwise can download from.
public enum Provider: String, Sendable, CaseIterable {
    case alphavantage, coingecko, binance

    /// The ingest format of this provider's bodies.
    public var format: IngestFormat {
        switch self {
        case .alphavantage: .alphavantage
        case .coingecko: .coingecko
        case .binance: .binance
        }
    }

    /// The environment variable that overrides this provider's base URL (tests point it at
    /// 127.0.0.1).
    public var baseURLVariable: String {
        switch self {
        case .alphavantage: "BARWISE_ALPHAVANTAGE_URL"
        case .coingecko: "BARWISE_COINGECKO_URL"
        case .binance: "BARWISE_BINANCE_URL"
        }
    }

    /// The base URL used when `baseURLVariable` is not set.
    public var defaultBaseURL: String {
        switch self {
        case .alphavantage: "https://www.alphavantage.co"
        case .coingecko: "https://api.coingecko.com/api/v3"
        case .binance: "https://api.binance.com"
        }
    }

    /// The name used in messages: `Alpha Vantage`, `CoinGecko`, `Binance`.
    public var displayName: String {
        switch self {
        case .alphavantage: "Alpha Vantage"
        case .coingecko: "CoinGecko"
        case .binance: "Binance"
        }
    }
}

/// What to download: one symbol from one provider, optionally limited to a time range.
///
/// `symbol` is the provider's identifier (Alpha Vantage ticker `IBM`, CoinGecko coin id
/// `bitcoin`, Binance pair `BTCUSDT`) and also the symbol the bars are stored under.
/// `from` and `to` are UTC epoch seconds, both inclusive, compared with bar timestamps.
/// `interval` nil means daily for the request and "infer from the timestamps" for the bars.
public struct ProviderRequest: Sendable, Equatable {
    public var provider: Provider
    public var symbol: String
    public var from: Int64?
    public var to: Int64?
    public var interval: Interval?
    /// Skip (and report) malformed records instead of failing, as `--skip-bad-rows`.
    public var skipBadRows: Bool

    public init(
        provider: Provider, symbol: String, from: Int64? = nil, to: Int64? = nil, interval: Interval? = nil,
        skipBadRows: Bool = false
    ) {
        self.provider = provider
        self.symbol = symbol
        self.from = from
        self.to = to
        self.interval = interval
        self.skipBadRows = skipBadRows
    }

    /// The source name used in messages and ingest records, e.g. `alphavantage:GOOG`.
    public var sourceName: String { "\(provider.rawValue):\(symbol)" }
}

/// The result of a download: the parsed bars (one series, already limited to the request's
/// range) and, for the ingest record, the URLs fetched (API key redacted) and the raw bodies.
public struct ProviderDownload: Sendable {
    public var request: ProviderRequest
    /// `provider:symbol`, as the ingest record's source.
    public var sourceName: String
    /// Every URL fetched, in order (several for Binance pagination), with API keys redacted.
    public var urls: [String]
    /// The body of each response, in the order of `urls`.
    public var bodies: [[UInt8]]
    /// The bars: `rowsRead` counts every record received, including those outside the range;
    /// `rejected` lists skipped records (with `skipBadRows`).
    public var parsed: ParsedFile

    public init(request: ProviderRequest, urls: [String], bodies: [[UInt8]], parsed: ParsedFile) {
        self.request = request
        self.sourceName = request.sourceName
        self.urls = urls
        self.bodies = bodies
        self.parsed = parsed
    }
}
