import BenchmarkSupport
import Foundation

/// Line-to-event latency as a live consumer sees it: `barwise stream` reads a pipe and writes its
/// events to another; after `warmup` bars sent in one block, each of `count` bars is written
/// alone and the clock runs until its `equity` event (the last event of a step) has been read
/// back. This includes what `stream.step_latency_us` leaves out: the wake-up on the input, the
/// parse, the flush of standard output and of the run files, and the pipe to the consumer.
enum LiveRoundTrip {
    struct Result {
        var p50Micros: Double
        var p99Micros: Double
        var maxMicros: Double
        var count: Int
    }

    static func measure(barwise: String, strategy: String, bars: URL, out: URL, symbol: String, overrides: [String],
                        warmup: Int, count: Int) throws -> Result {
        let text = try String(contentsOf: bars, encoding: .utf8)
        var lines = text.split(separator: "\n", maxSplits: warmup + count + 1, omittingEmptySubsequences: true)
        guard lines.count > warmup + count else { throw BenchmarkFailure("\(bars.path) has fewer than \(warmup + count) bars") }
        lines.removeLast(lines.count - warmup - count)
        try? FileManager.default.removeItem(at: out)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: barwise)
        process.arguments = ["stream", strategy, "--out", out.path, "--symbols", symbol] + overrides.flatMap { ["--set", $0] } + StreamExtraArguments.fromEnvironment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let writeFD = input.fileHandleForWriting.fileDescriptor
        let readFD = output.fileHandleForReading.fileDescriptor
        var events = EventLines(fd: readFD)
        func send(_ s: Substring) {
            var bytes = Array(s.utf8)
            bytes.append(0x0A)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { write(writeFD, $0.baseAddress! + offset, $0.count - offset) }
                if n <= 0 { return }
                offset += n
            }
        }
        // Warm-up: indicators ready, trades flowing; wait for its last equity event.
        for k in 0..<warmup { send(lines[k]) }
        var seen = 0
        while seen < warmup { if try events.nextIsEquity() { seen += 1 } }
        var micros: [Double] = []
        micros.reserveCapacity(count)
        for k in warmup..<(warmup + count) {
            let start = now()
            send(lines[k])
            while try !events.nextIsEquity() {}
            micros.append(Double(now() - start) / 1_000)
        }
        try input.fileHandleForWriting.close()
        while try events.drain() {}
        process.waitUntilExit()
        micros.sort()
        func q(_ p: Double) -> Double { micros[min(micros.count - 1, Int((p * Double(micros.count)).rounded(.up)) - 1)] }
        return Result(p50Micros: q(0.5), p99Micros: q(0.99), maxMicros: micros.last ?? .nan, count: micros.count)
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

/// Event lines read from a descriptor (blocking reads into a buffer).
struct EventLines {
    let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var start = 0
    private var end = 0
    private static let equity = Array("\"type\":\"equity\"".utf8)

    init(fd: Int32) { self.fd = fd }

    /// Reads the next line; true when it is an equity event.
    mutating func nextIsEquity() throws -> Bool {
        while true {
            if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
                let line = buffer[start..<nl]
                start = nl + 1
                return Self.contains(line, Self.equity)
            }
            if start > 0 {
                buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
                end -= start
                start = 0
            }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + end, $0.count - end) }
            guard n > 0 else { throw BenchmarkFailure("barwise stream closed its output early") }
            end += n
        }
    }

    /// Reads to the end; false once there is nothing more.
    mutating func drain() throws -> Bool {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        return n > 0
    }

    private static func contains(_ line: ArraySlice<UInt8>, _ word: [UInt8]) -> Bool {
        guard line.count >= word.count else { return false }
        var i = line.startIndex
        while i + word.count <= line.endIndex {
            if line[i] == word[0] && line[i..<(i + word.count)].elementsEqual(word) { return true }
            i += 1
        }
        return false
    }
}
