import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Debian's real `prometheus-pushgateway`, started by a test on 127.0.0.1 with a free port and
/// no persistence file (metrics in memory only), and killed by its own pid in `stop()` (call it in a `defer`).
public final class PushgatewayServer: @unchecked Sendable {
    /// Where Debian's `prometheus-pushgateway` package installs the binary (`.ci/run` installs it).
    public static let binary = "/usr/bin/prometheus-pushgateway"

    /// Whether the binary is there; tests that need it also run (and fail) when
    /// `BARWISE_REQUIRE_SERVICES` is set, as in CI.
    public static var shouldRun: Bool {
        FileManager.default.isExecutableFile(atPath: binary) || ProcessInfo.processInfo.environment["BARWISE_REQUIRE_SERVICES"] != nil
    }

    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    public enum StartError: Error, CustomStringConvertible {
        case notReady(port: UInt16, seconds: Int)
        public var description: String {
            switch self {
            case .notReady(let port, let seconds): "the Pushgateway on 127.0.0.1:\(port) did not answer /-/ready within \(seconds) s"
            }
        }
    }

    public let port: UInt16
    private let process: Process

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Starts the gateway and waits until `/-/ready` answers 200.
    public init() throws {
        port = try ReplayServer.closedPort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        // Debian's build defaults --persistence.file to /var/lib/prometheus/pushgateway.data: set
        // it empty so the gateway neither loads other runs' metrics nor writes a file.
        process.arguments = ["--web.listen-address=127.0.0.1:\(port)", "--persistence.file="]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let reply = try? LoopbackHTTP.request(port: port, path: "/-/ready", timeoutSeconds: 2), reply.status == 200 { return }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        stop()
        throw StartError.notReady(port: port, seconds: 15)
    }

    /// Kills the gateway (its pid only) and waits for it to exit.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The gateway's `/metrics`: every group's metrics with their grouping labels.
    public func metrics() throws -> String {
        try LoopbackHTTP.request(port: port, path: "/metrics").body
    }

    /// The value of the sample of `name` whose labels are exactly `labels`, in an exposition
    /// whose label pairs are `k="v"` without escapes (the Pushgateway sorts them by name).
    public static func value(_ exposition: String, _ name: String, _ labels: [String: String]) -> Double? {
        for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
            guard line.hasPrefix(name + "{") || line.hasPrefix(name + " ") else { continue }
            let rest = line.dropFirst(name.count)
            var found: [String: String] = [:]
            var valueText = rest.drop { $0 == " " }
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                for pair in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
                    let kv = pair.split(separator: "=", maxSplits: 1)
                    guard kv.count == 2 else { continue }
                    found[String(kv[0])] = String(kv[1].dropFirst().dropLast())
                }
                valueText = rest[rest.index(after: close)...].drop { $0 == " " }
            }
            if found == labels { return Double(valueText) }
        }
        return nil
    }
}
