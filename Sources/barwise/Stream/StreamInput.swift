import Foundation

/// Where `barwise stream` reads its NDJSON: `-` (standard input), a path (a file, a file another
/// process appends to with `--follow`, or a FIFO), or `tcp://HOST:PORT` (an IPv4 address; the
/// stream connects to that server and reads until it closes the connection).
enum StreamInput {
    /// The open file descriptor of `spec`.
    static func open(_ spec: String) throws(StreamInputOpenError) -> Int32 {
        if spec == "-" { return 0 }
        if spec.hasPrefix("tcp://") { return try connect(String(spec.dropFirst(6)), spec: spec) }
        let fd = Foundation.open(spec, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(spec, reason: String(cString: strerror(errno))) }
        return fd
    }

    private static func connect(_ address: String, spec: String) throws(StreamInputOpenError) -> Int32 {
        guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]), port > 0 else {
            throw .badAddress(spec)
        }
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = port.bigEndian
        guard inet_pton(AF_INET, String(address[..<colon]), &sin.sin_addr) == 1 else { throw .badAddress(spec) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .cannotOpen(spec, reason: String(cString: strerror(errno))) }
        let connected = withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .cannotOpen(spec, reason: reason)
        }
        return fd
    }
}

/// `--input` could not be opened.
enum StreamInputOpenError: Error, CustomStringConvertible {
    case cannotOpen(String, reason: String)
    case badAddress(String)

    var description: String {
        switch self {
        case let .cannotOpen(input, reason): "--input \(input): cannot open it: \(reason)"
        case let .badAddress(input): "--input \(input): expected tcp://IPV4:PORT, e.g. tcp://127.0.0.1:9000"
        }
    }
}
