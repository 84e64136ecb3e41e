import Dispatch
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP GET of a provider download, on a session of its own whose delegate decides on
/// redirects: a request that carries a credential (an API key header or an `apikey=` query) may
/// be redirected only within its origin (same scheme, host and port). A redirect to another
/// origin is not followed, so the key never reaches a server it was not meant for; the
/// download then fails with `ProviderError.redirectRefused`. Requests without credentials
/// follow redirects as usual.
final class ProviderFetch: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct Outcome {
        var data: Data
        var response: URLResponse?
        var error: (any Error)?
        /// The target of a redirect that was refused, if any.
        var refusedRedirect: URL?
    }

    private let authenticated: Bool
    private let origin: String
    private let lock = NSLock()
    private var data = Data()
    private var failure: (any Error)?
    private var response: URLResponse?
    private var refused: URL?
    private let done = DispatchSemaphore(value: 0)

    private init(request: URLRequest, authenticated: Bool) {
        self.authenticated = authenticated
        origin = request.url.map(Self.origin) ?? ""
    }

    /// Runs `request` to completion on a new session configured by `configuration`.
    static func run(_ request: URLRequest, authenticated: Bool, configuration: URLSessionConfiguration) -> Outcome {
        let fetch = ProviderFetch(request: request, authenticated: authenticated)
        let session = URLSession(configuration: configuration, delegate: fetch, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        fetch.done.wait()
        fetch.lock.lock()
        defer { fetch.lock.unlock() }
        return Outcome(data: fetch.data, response: fetch.response, error: fetch.failure, refusedRedirect: fetch.refused)
    }

    /// `scheme://host:port`, lower-cased, with the scheme's default port made explicit.
    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        guard authenticated, let target = request.url, Self.origin(target) != origin else {
            completionHandler(request)
            return
        }
        lock.lock()
        refused = target
        lock.unlock()
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        self.data.append(data)
        lock.unlock()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        failure = error
        response = task.response
        lock.unlock()
        done.signal()
    }
}
