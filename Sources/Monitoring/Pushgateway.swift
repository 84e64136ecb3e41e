import Dispatch
import Foundation
import Prometheus

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A client that pushes a registry's text exposition to a Prometheus Pushgateway, the standard
/// way for batch jobs (sweeps, ingests) that end before Prometheus could scrape them.
///
/// Each push is one blocking HTTP `POST` to `<base URL>/metrics/job/<job>{/<label>/<value>}`
/// with a short timeout: the gateway replaces, in that group, only the metrics named in the
/// body and keeps the others (so an ingest that failed leaves the last success time in place).
/// Call it from a thread that may wait (never from a worker whose speed matters).
public struct Pushgateway: Sendable {
    /// The gateway's base URL as given, without a trailing `/` (it may carry a path prefix).
    public let baseURL: String
    /// Seconds a push may take in all (connect, send, answer) before it counts as unreachable.
    public var timeoutSeconds: Double

    /// - Throws: `PushgatewayError.notHTTP` unless `url` is `http://` or `https://` with a host.
    public init(url: String, timeoutSeconds: Double = 5) throws(PushgatewayError) {
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parsed.host, !host.isEmpty, parsed.query == nil, parsed.fragment == nil
        else { throw .notHTTP(url) }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        self.timeoutSeconds = timeoutSeconds
    }

    /// The URL a push of `grouping` goes to.
    public func url(for grouping: PushgatewayGrouping) -> String { baseURL + grouping.path }

    /// Pushes `registry`'s current values into `grouping`'s group.
    public func push(_ registry: PrometheusCollectorRegistry, grouping: PushgatewayGrouping) throws(PushgatewayError) {
        try push(exposition: registry.emitToBuffer(), grouping: grouping)
    }

    /// Pushes a text exposition (format 0.0.4) into `grouping`'s group with `POST`.
    public func push(exposition: [UInt8], grouping: PushgatewayGrouping) throws(PushgatewayError) {
        let target = url(for: grouping)
        guard let url = URL(string: target) else { throw .notHTTP(baseURL) }
        var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.httpBody = Data(exposition)
        request.setValue("text/plain; version=0.0.4; charset=utf-8", forHTTPHeaderField: "Content-Type")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let exchange = Exchange()
        session.dataTask(with: request) { data, response, error in exchange.finish(data, response, error) }.resume()
        let answer = exchange.wait()
        if let error = answer.error { throw .unreachable(url: target, reason: Self.reason(error, timeout: timeoutSeconds)) }
        guard let http = answer.response as? HTTPURLResponse else {
            throw .unreachable(url: target, reason: "the answer is not HTTP")
        }
        guard (200..<300).contains(http.statusCode) else {
            throw .rejected(url: target, status: http.statusCode, body: Self.oneLine(answer.data))
        }
    }

    /// A short reason for a transport failure (Linux's localized descriptions say little).
    static func reason(_ error: any Error, timeout: Double) -> String {
        guard let error = error as? URLError else { return "\(error)" }
        switch error.code {
        case .cannotConnectToHost: return "connection refused"
        case .timedOut: return "no answer within \(String(format: "%g", timeout)) s"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .networkConnectionLost: return "the connection closed before the answer"
        case .notConnectedToInternet: return "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot:
            return "TLS failed (\(error.code.rawValue))"
        default: return "URL error \(error.code.rawValue)"
        }
    }

    /// The gateway's body as one line of at most 300 characters.
    static func oneLine(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    /// One request's answer, handed from URLSession's queue to the pushing thread.
    private final class Exchange: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var answer: (data: Data, response: URLResponse?, error: (any Error)?) = (Data(), nil, nil)

        func finish(_ data: Data?, _ response: URLResponse?, _ error: (any Error)?) {
            lock.lock()
            answer = (data ?? Data(), response, error)
            lock.unlock()
            done.signal()
        }

        func wait() -> (data: Data, response: URLResponse?, error: (any Error)?) {
            done.wait()
            lock.lock()
            defer { lock.unlock() }
            return answer
        }
    }
}
