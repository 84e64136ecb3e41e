/// Why a provider download failed. Each message names the URL (API key redacted) and says what
/// to do next.
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request cannot be made: an unsupported interval, a malformed base URL override.
    case invalidRequest(provider: Provider, detail: String)
    /// No connection: refused, host not found, TLS failure, network down.
    case connectionFailed(provider: Provider, url: String, reason: String)
    /// No response within the timeout.
    case timedOut(provider: Provider, url: String, seconds: Double)
    /// A non-2xx status; `body` holds the first 200 characters of the response body.
    case http(provider: Provider, url: String, status: Int, body: String)
    /// The response arrived but is not usable market data (an API error body such as Alpha
    /// Vantage's rate-limit `Note`, an unknown shape, a malformed value).
    case payload(provider: Provider, url: String, error: IngestError)
    /// A request carrying an API key was redirected to another origin (scheme, host, port);
    /// the redirect was not followed, so the key was not sent there.
    case redirectRefused(provider: Provider, url: String, target: String)

    public var provider: Provider {
        switch self {
        case let .invalidRequest(p, _), let .connectionFailed(p, _, _), let .timedOut(p, _, _),
            let .http(p, _, _, _), let .payload(p, _, _), let .redirectRefused(p, _, _):
            return p
        }
    }

    public var description: String {
        switch self {
        case let .invalidRequest(p, detail):
            return "\(p.displayName): \(detail)"
        case let .connectionFailed(p, url, reason):
            return "\(p.displayName): cannot connect to \(url): \(reason). Check the network connection"
                + " (and \(p.baseURLVariable) if it is set)."
        case let .timedOut(p, url, seconds):
            return "\(p.displayName): no response from \(url) within \(Self.seconds(seconds)) s."
                + " The service may be slow or down; try again later."
        case let .http(p, url, status, body):
            let shown = body.isEmpty ? "" : ": \(body)"
            return "\(p.displayName): HTTP \(status) from \(url)\(shown). \(Self.advice(p, status))"
        case let .payload(p, url, error):
            var text = "\(error) (from \(url))"
            if case .notMarketData = error, p == .alphavantage {
                text += ". Alpha Vantage's free key allows a few requests a minute; set ALPHAVANTAGE_API_KEY"
                    + " to your own key (https://www.alphavantage.co/support/#api-key)."
            }
            return text
        case let .redirectRefused(p, url, target):
            return "\(p.displayName): \(url) redirected to another server (\(EchoText.capped(target))); not followed, since the"
                + " request carries an API key. Point \(p.baseURLVariable) at the server that answers directly."
        }
    }

    private static func advice(_ p: Provider, _ status: Int) -> String {
        switch status {
        case 429: return "Rate limited: wait a minute before retrying."
        case 418: return "The IP address is banned for ignoring rate limits; wait before retrying."
        case 401, 403:
            switch p {
            case .alphavantage: return "Check ALPHAVANTAGE_API_KEY."
            case .coingecko: return "Access denied; set COINGECKO_API_KEY to a CoinGecko demo key if the API needs one."
            case .binance: return "Access denied; Binance blocks some regions (try \(p.baseURLVariable)=https://data-api.binance.vision)."
            }
        case 400: return "The provider rejected the request: check the symbol and the interval."
        case 404:
            switch p {
            case .coingecko: return "Not found: check the symbol (CoinGecko needs the coin id, e.g. 'bitcoin')."
            case .binance: return "Not found: check the symbol (a Binance pair such as BTCUSDT) and \(p.baseURLVariable)."
            case .alphavantage: return "Not found: check the symbol (a ticker such as IBM) and \(p.baseURLVariable)."
            }
        case 500...599: return "The provider had an internal error; try again later."
        default: return "Check the symbol and the options."
        }
    }

    private static func seconds(_ s: Double) -> String {
        s == s.rounded() && abs(s) < 1e15 ? String(Int(s)) : String(s)
    }
}
