import Foundation
import Testing

/// `barwise stream --input tcp://127.0.0.1:PORT`: the stream connects to a server on loopback and
/// reads until the server closes the connection.
@Suite struct StreamTCPTests {
    /// A one-connection server on 127.0.0.1 (a free port) that sends `payload` in a few bursts and
    /// closes; stopped by its own descriptor when the test ends.
    final class LineServer: @unchecked Sendable {
        let fd: Int32
        let port: UInt16
        private let done = DispatchSemaphore(value: 0)

        init(payload: [UInt8]) throws {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            #expect(bound == 0 && listen(listener, 1) == 0)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
            fd = listener
            port = UInt16(bigEndian: address.sin_port)
            let finished = done
            Thread.detachNewThread {
                let client = accept(listener, nil, nil)
                if client >= 0 {
                    let bursts = 4, size = (payload.count + bursts - 1) / bursts
                    for k in 0..<bursts where k * size < payload.count {
                        let part = Array(payload[(k * size)..<min(payload.count, (k + 1) * size)])
                        _ = part.withUnsafeBytes { send(client, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
                        usleep(50_000)
                    }
                    close(client)
                }
                finished.signal()
            }
        }

        func stop() {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
            _ = done.wait(timeout: .now() + 5)
        }
    }

    @Test func aTCPServersLinesGiveTheSameRunFolderAsRun() throws {
        let lines = try StreamCommandTests.ndjsonLines(["GOOG"])
        let server = try LineServer(payload: Array((lines.joined(separator: "\n") + "\n").utf8))
        defer { server.stop() }
        let scratch = try BarwiseProcess.scratchDirectory()
        let streamOut = scratch.appendingPathComponent("stream"), runOut = scratch.appendingPathComponent("run")
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", "tcp://127.0.0.1:\(server.port)", "--out", streamOut.path])
        #expect(r.status == 0, "\(r.stderr)")
        let run = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", StreamCommandTests.store, "--out", runOut.path])
        #expect(run.status == 0)
        try StreamCommandTests.expectSameFiles(runOut, streamOut, "tcp")
    }

    @Test func aTCPAddressThatRefusesIsAnErrorNamingTheInput() throws {
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", "tcp://127.0.0.1:1"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--input tcp://127.0.0.1:1: cannot open it"), "\(r.stderr)")
        let bad = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", "tcp://localhost"])
        #expect(bad.status == 2 && bad.stderr.contains("expected tcp://IPV4:PORT"), "\(bad.stderr)")
    }
}
