import Dispatch
import FlyingFox
import FlyingSocks
import Foundation

/// What can go wrong starting `--metrics`.
public enum MetricsEndpointError: Error, CustomStringConvertible, Equatable {
    case badAddress(String)
    case cannotListen(String, reason: String)

    public var description: String {
        switch self {
        case .badAddress(let text):
            return "--metrics: '\(text)' is not HOST:PORT or PORT (HOST an IPv4 address or localhost, PORT 0-65535)"
        case .cannotListen(let address, let reason):
            return "--metrics: cannot listen on \(address): \(reason) (is another process using the port? pick another with --metrics HOST:PORT)"
        }
    }
}

/// The `stream --metrics` listener: `GET /metrics` (Prometheus text exposition 0.0.4) and
/// `GET /healthz` (200 `ok`, or 503 with the reason), nothing else (404).
///
/// FlyingFox serves it on Swift concurrency's threads, so the stream's loop never waits for a
/// scrape. `start` returns once the socket listens, or throws if it cannot.
public final class MetricsEndpoint: Sendable {
    /// The address and port actually bound (the port the system chose for port 0).
    public let host: String
    public let port: UInt16
    private let server: HTTPServer
    private let task: Task<Void, Never>

    /// `HOST:PORT` or `PORT` (then 127.0.0.1): where to listen. Loopback unless an address is given.
    public static func parse(_ text: String) throws(MetricsEndpointError) -> (host: String, port: UInt16) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let portText = parts.last, let port = UInt16(portText) else { throw .badAddress(text) }
        var host = parts.count == 2 ? String(parts[0]) : "127.0.0.1"
        if host == "localhost" { host = "127.0.0.1" }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { throw .badAddress(text) }
        return (host, port)
    }

    /// Binds `address` and serves `metrics` until `stop`; returns once the socket listens.
    public static func start(_ address: String, metrics: StreamMetrics) async throws(MetricsEndpointError) -> MetricsEndpoint {
        let (host, port) = try parse(address)
        let socketAddress: sockaddr_in
        do { socketAddress = try .inet(ip4: host, port: port) } catch { throw .badAddress(address) }
        let server = HTTPServer(address: socketAddress, timeout: 5, logger: .disabled)
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: Data(metrics.exposition()))
        }
        await server.appendRoute("GET /healthz") { _ in
            let (healthy, reason) = metrics.health()
            return HTTPResponse(statusCode: healthy ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: Data((reason + "\n").utf8))
        }
        await server.appendRoute("*") { _ in HTTPResponse(statusCode: .notFound) }
        let outcome = StartOutcome()
        let task = Task {
            do { try await server.run() } catch { outcome.finish(.failure(error)) }
        }
        let waiter = Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                if case .ip4(_, let bound) = await server.listeningAddress { outcome.finish(.success(bound)) }
            } catch {
                outcome.finish(.failure(error))
            }
        }
        let result = await outcome.value()
        waiter.cancel()
        switch result {
        case .success(let bound):
            return MetricsEndpoint(host: host, port: bound, server: server, task: task)
        case .failure(let error):
            task.cancel()
            throw .cannotListen("\(host):\(port)", reason: "\(error)")
        }
    }

    /// `start` for synchronous callers that are not on Swift concurrency's threads (the CLI's
    /// main thread): blocks until the socket listens or cannot.
    public static func startBlocking(_ address: String, metrics: StreamMetrics) throws(MetricsEndpointError) -> MetricsEndpoint {
        let box = BlockingResult()
        Task {
            do throws(MetricsEndpointError) { box.set(.success(try await start(address, metrics: metrics))) } catch { box.set(.failure(error)) }
        }
        return try box.wait().get()
    }

    private init(host: String, port: UInt16, server: HTTPServer, task: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.server = server
        self.task = task
    }

    /// Closes the socket and waits (at most a second) for open scrapes to finish.
    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }

    /// `stop` for synchronous callers off Swift concurrency's threads.
    public func stopBlocking() {
        let done = DispatchSemaphore(value: 0)
        Task {
            await stop()
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
    }
}

/// The first of "listening on port P" and "run failed", handed from the listener's tasks to
/// `MetricsEndpoint.start`.
private final class StartOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<UInt16, any Error>?
    private var waiter: CheckedContinuation<Result<UInt16, any Error>, Never>?

    func finish(_ value: Result<UInt16, any Error>) {
        lock.lock()
        guard result == nil else { lock.unlock(); return }
        result = value
        let w = waiter
        waiter = nil
        lock.unlock()
        w?.resume(returning: value)
    }

    func value() async -> Result<UInt16, any Error> {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(returning: result)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}

/// A result handed from a task to a blocked thread.
private final class BlockingResult: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var result: Result<MetricsEndpoint, MetricsEndpointError>?

    func set(_ value: Result<MetricsEndpoint, MetricsEndpointError>) {
        result = value
        ready.signal()
    }

    func wait() -> Result<MetricsEndpoint, MetricsEndpointError> {
        ready.wait()
        return result ?? .failure(.cannotListen("?", reason: "the listener gave no answer"))
    }
}
