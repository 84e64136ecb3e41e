import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking HTTP/1.1 client for servers the tests start on 127.0.0.1 (barwise's metrics
/// listener, Prometheus, the Pushgateway): one request per connection, `Connection: close`.
public enum LoopbackHTTP {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: String
        public var body: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case connect(UInt16, Int32)
        case malformed(String)
        public var description: String {
            switch self {
            case .connect(let port, let errno): return "cannot connect to 127.0.0.1:\(port) (errno \(errno))"
            case .malformed(let text): return "not an HTTP reply: \(text.prefix(200))"
            }
        }
    }

    /// Sends `method path` with `body` and reads the reply to the end (chunked bodies decoded).
    public static func request(_ method: String = "GET", port: UInt16, path: String, body: [UInt8] = [],
                               contentType: String = "text/plain", timeoutSeconds: Int = 10) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect(port, errno) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.connect(port, errno) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !body.isEmpty || method == "POST" || method == "PUT" {
            head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        }
        let bytes = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure.connect(port, errno) }
            sent += n
        }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            reply += buffer[0..<n]
        }
        let text = String(decoding: reply, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure.malformed(text) }
        let headers = String(text[..<split.lowerBound])
        let statusLine = headers.prefix { $0 != "\r" }.split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure.malformed(text) }
        var payload = String(text[split.upperBound...])
        if headers.lowercased().contains("transfer-encoding: chunked") { payload = dechunk(payload) }
        return Reply(status: status, headers: headers, body: payload)
    }

    /// `request` on a thread of its own, for async tests: the blocking socket calls never hold
    /// one of Swift concurrency's few threads (a server under test may need it).
    public static func fetch(_ method: String = "GET", port: UInt16, path: String, body: [UInt8] = [],
                             contentType: String = "text/plain") async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try request(method, port: port, path: path, body: body, contentType: contentType) })
            }
        }
    }

    private static func dechunk(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let bytes = Array(rest[start...].utf8)
            out += String(decoding: bytes.prefix(size), as: UTF8.self)
            rest = Substring(String(decoding: bytes.dropFirst(size + 2), as: UTF8.self))
        }
        return out
    }
}
