import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `barwise stream STRATEGY --metrics 127.0.0.1:PORT --stale-after S` reading a FIFO the test
/// writes bars into, in a folder of its own (its events and stderr go to files there). The
/// test ends it with `stop` in a `defer`: input closed, then its own pid signalled if need be.
final class MeteredStream {
    let folder: URL
    let metricsPort: UInt16
    private let process: Process
    private var writer: Int32 = -1

    init(strategy: String, staleAfter: Double, extraArguments: [String] = []) throws {
        folder = try BarwiseProcess.scratchDirectory()
        metricsPort = try ServiceBinary.freeLoopbackPort()
        let fifo = folder.appendingPathComponent("bars.fifo").path
        guard mkfifo(fifo, 0o600) == 0 else { throw ServiceFailure.badReply("mkfifo \(fifo): errno \(errno)") }
        let stdoutURL = folder.appendingPathComponent("events.ndjson"), stderrURL = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: stdoutURL), err = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process = Process()
        process.executableURL = BarwiseProcess.executable
        process.currentDirectoryURL = BarwiseProcess.packageRoot
        process.arguments = ["stream", strategy, "--input", fifo, "--metrics", "127.0.0.1:\(metricsPort)", "--stale-after", "\(staleAfter)",
                             "--out", folder.appendingPathComponent("out").path] + extraArguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "BARWISE_STORE")
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The write end opens (without blocking) once the stream has opened the FIFO to read.
        let deadline = Date().addingTimeInterval(30)
        while writer < 0 && Date() < deadline && process.isRunning {
            writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer < 0 { usleep(20_000) }
        }
        var listening = false
        while writer >= 0 && !listening && Date() < deadline && process.isRunning {
            listening = (try? LoopbackHTTP.request(port: metricsPort, path: "/healthz", timeoutSeconds: 2)) != nil
            if !listening { usleep(50_000) }
        }
        guard writer >= 0, listening else {
            stop()
            throw ServiceFailure.notReady("barwise stream --metrics 127.0.0.1:\(metricsPort)", log: stderr)
        }
        _ = fcntl(writer, F_SETFL, fcntl(writer, F_GETFL) & ~O_NONBLOCK)
    }

    /// Writes `lines` into the FIFO (one NDJSON line each).
    func send(_ lines: [String]) throws {
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            guard n > 0 else { throw ServiceFailure.badReply("writing the FIFO: errno \(errno); stream stderr: \(stderr)") }
            sent += n
        }
    }

    /// Closes the FIFO's write end: the stream sees its input end.
    func closeInput() {
        if writer >= 0 { close(writer) }
        writer = -1
    }

    /// Ends the input, gives the stream `grace` seconds to finish, then signals its pid.
    /// Returns its exit status.
    @discardableResult
    func stop(grace: Double = 15) -> Int32 {
        closeInput()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        ServiceBinary.stop(process)
        return process.terminationStatus
    }

    var isRunning: Bool { process.isRunning }

    /// What the stream wrote on stderr so far.
    var stderr: String {
        (try? String(contentsOf: folder.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? ""
    }
}
