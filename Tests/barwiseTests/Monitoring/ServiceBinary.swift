import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The monitoring servers' executables (Debian's `prometheus` and `prometheus-pushgateway`
/// packages) and the switch that makes their tests mandatory.
///
/// Tests that need one are enabled when it is installed or when `BARWISE_REQUIRE_SERVICES` is set
/// (as CI sets it), and then `#require` it: CI without the package fails instead of skipping.
enum ServiceBinary {
    /// The executable `name` on `PATH` (or in /usr/bin), if installed.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// True when the environment demands the service tests run (`BARWISE_REQUIRE_SERVICES`).
    static var required: Bool { ProcessInfo.processInfo.environment["BARWISE_REQUIRE_SERVICES"] != nil }

    /// Whether a test needing `names` should run.
    static func available(_ names: String...) -> Bool { required || names.allSatisfy { find($0) != nil } }

    /// A TCP port on 127.0.0.1 that nothing listens on at the moment of asking (the system picks
    /// it for a socket bound to port 0, which is then closed for the server to take).
    static func freeLoopbackPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServiceFailure.noFreePort(errno) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw ServiceFailure.noFreePort(errno) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Stops a process the test started, by its own pid: SIGTERM, then SIGKILL if it has not
    /// exited within `grace` seconds. Waits for it to be gone.
    static func stop(_ process: Process, grace: Double = 10) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// Why a test's server could not be started or asked.
enum ServiceFailure: Error, CustomStringConvertible {
    case noFreePort(Int32)
    case notReady(String, log: String)
    case badReply(String)

    var description: String {
        switch self {
        case .noFreePort(let errno): return "no free port on 127.0.0.1 (errno \(errno))"
        case .notReady(let what, let log): return "\(what) did not become ready; its log ends:\n\(log.suffix(2000))"
        case .badReply(let text): return "unexpected reply: \(text.prefix(500))"
        }
    }
}
