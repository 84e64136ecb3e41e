import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 (POSIX sockets, one thread per connection) that
/// answers each request with what `handler` returns for its target (path and query) and
/// records the targets in order. Used to replay recorded provider bodies to the real
/// `URLSession` client; `Connection: close` on every response.
public final class ReplayServer: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
        public var contentType = "application/json"
        /// Seconds to wait before answering (to provoke client timeouts).
        public var delay: Double = 0
        /// Extra response headers (e.g. `Location` for a redirect).
        public var headers: [(String, String)] = []

        public init(
            status: Int, body: [UInt8], contentType: String = "application/json", delay: Double = 0,
            headers: [(String, String)] = []
        ) {
            self.status = status
            self.body = body
            self.contentType = contentType
            self.delay = delay
            self.headers = headers
        }

        /// A `302 Found` to `location`.
        public static func redirect(to location: String) -> Response {
            Response(status: 302, body: [], headers: [("Location", location)])
        }

        public static func ok(_ body: [UInt8], contentType: String = "application/json") -> Response {
            Response(status: 200, body: body, contentType: contentType)
        }

        public static func status(_ code: Int, _ text: String) -> Response {
            Response(status: code, body: Array(text.utf8))
        }
    }

    public enum SetupError: Error { case socket(String) }

    public let port: UInt16
    private let listenFD: Int32
    private let handler: @Sendable (String) -> Response
    private let lock = NSLock()
    private var targets: [String] = []
    private var heads: [String] = []
    private var stopped = false

    /// The request heads received so far (request line and headers, as text), in arrival order.
    public var requestHeads: [String] {
        lock.lock()
        defer { lock.unlock() }
        return heads
    }

    /// The request targets received so far (`/api/v3/klines?symbol=...`), in arrival order.
    public var requestTargets: [String] {
        lock.lock()
        defer { lock.unlock() }
        return targets
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init(handler: @escaping @Sendable (String) -> Response) throws {
        self.handler = handler
        #if os(Linux)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SetupError.socket("socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw SetupError.socket("bind/listen failed: errno \(errno)")
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        listenFD = fd
        port = UInt16(bigEndian: addr.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting connections and closes the listening socket.
    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        shutdown(listenFD, Int32(SHUT_RDWR))
        close(listenFD)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func acceptLoop() {
        while !isStopped {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if isStopped || (errno != EINTR && errno != ECONNABORTED) { return }
                continue
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        #if !os(Linux)
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65_536 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            request += buffer[0..<n]
            if containsEnd(request) { break }
        }
        let firstLine = String(decoding: request.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = firstLine.split(separator: " ")
        guard parts.count >= 2 else { return }
        let target = String(parts[1])
        let head = String(decoding: request, as: UTF8.self)
        lock.lock()
        targets.append(target)
        heads.append(head)
        lock.unlock()
        let response = handler(target)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var reply = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        reply += "Content-Type: \(response.contentType)\r\n"
        for (name, value) in response.headers { reply += "\(name): \(value)\r\n" }
        reply += "Content-Length: \(response.body.count)\r\n"
        reply += "Connection: close\r\n\r\n"
        sendAll(fd, Array(reply.utf8) + response.body)
    }

    private func containsEnd(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for i in 0...(bytes.count - 4)
        where bytes[i] == 0x0D && bytes[i + 1] == 0x0A && bytes[i + 2] == 0x0D && bytes[i + 3] == 0x0A {
            return true
        }
        return false
    }

    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) {
        #if os(Linux)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
            if n <= 0 { return }
            offset += n
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 302: "Found"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }

    /// A port on 127.0.0.1 with nothing listening (bound, read, then closed).
    public static func closedPort() throws -> UInt16 {
        let server = try ReplayServer { _ in .status(500, "") }
        let port = server.port
        server.stop()
        return port
    }
}
