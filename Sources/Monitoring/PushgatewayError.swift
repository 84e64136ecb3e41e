/// Why a push to a Prometheus Pushgateway did not happen, with what to check.
public enum PushgatewayError: Error, Equatable, CustomStringConvertible {
    /// The `--pushgateway` value is not an `http://` or `https://` URL with a host.
    case notHTTP(String)
    /// No HTTP answer: refused, host unknown, timed out, TLS failure (`reason` says which).
    case unreachable(url: String, reason: String)
    /// The gateway answered with a status other than 2xx; `body` is its explanation (one line).
    case rejected(url: String, status: Int, body: String)

    public var description: String {
        switch self {
        case .notHTTP(let text):
            "--pushgateway '\(text)' is not an http:// or https:// URL with a host (e.g. http://127.0.0.1:9091)"
        case .unreachable(let url, let reason):
            "cannot reach the Pushgateway at \(url): \(reason); check the URL and that the Pushgateway is running"
        case .rejected(let url, let status, let body):
            "the Pushgateway at \(url) refused the push with HTTP \(status)\(body.isEmpty ? "" : ": \(body)")"
        }
    }
}
