import Foundation
import Testing

/// `barwise stream --state`: after `kill -9` at any moment, the same command with the whole
/// input resent leaves the run folder an uninterrupted run leaves, and events go on numbering.
@Suite struct StreamRestartTests {
    static let strategy = "strategies/sma_cross.toml"

    /// An uninterrupted stream of GOOG with `--state` (the reference folder).
    static func uninterrupted(_ extra: [String]) throws -> URL {
        let scratch = try BarwiseProcess.scratchDirectory()
        let input = try StreamCommandTests.write(try StreamCommandTests.ndjsonLines(["GOOG"]))
        let out = scratch.appendingPathComponent("out")
        let r = try BarwiseProcess.run(["stream", strategy, "--input", input, "--out", out.path, "--state", scratch.appendingPathComponent("state").path,
                                        "--checkpoint-every", "50"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    /// Streams GOOG through a FIFO fed in 22 bursts 50 ms apart, kills the stream with SIGKILL
    /// after `delay` seconds, then reruns the same command on the whole input from a file.
    static func killedAndRestarted(after delay: Double, _ extra: [String]) throws -> (out: URL, restart: BarwiseProcess.Output) {
        let scratch = try BarwiseProcess.scratchDirectory()
        let lines = try StreamCommandTests.ndjsonLines(["GOOG"])
        let input = try StreamCommandTests.write(lines)
        let fifo = scratch.appendingPathComponent("bars.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let producer = Process()
        producer.executableURL = URL(fileURLWithPath: "/bin/sh")
        producer.arguments = ["-c", "exec 3>\"$1\"; i=0; while [ $i -lt 22 ]; do sed -n \"$((i*100+1)),$((i*100+100))p\" \"$2\" >&3 || exit 0; sleep 0.05; i=$((i+1)); done",
                              "sh", fifo, input]
        producer.standardError = FileHandle.nullDevice
        try producer.run()
        let out = scratch.appendingPathComponent("out"), state = scratch.appendingPathComponent("state")
        let args = ["stream", strategy, "--out", out.path, "--state", state.path, "--checkpoint-every", "50"] + extra
        let stream = Process()
        stream.executableURL = BarwiseProcess.executable
        stream.arguments = args + ["--input", fifo]
        stream.currentDirectoryURL = BarwiseProcess.packageRoot
        stream.standardOutput = FileHandle.nullDevice
        stream.standardError = FileHandle.nullDevice
        try stream.run()
        usleep(UInt32(delay * 1_000_000))
        kill(stream.processIdentifier, SIGKILL)
        stream.waitUntilExit()
        #expect(stream.terminationReason == .uncaughtSignal, "the stream ended before the kill: choose an earlier moment")
        producer.waitUntilExit()
        let restart = try BarwiseProcess.run(args + ["--input", input])
        #expect(restart.status == 0, "\(restart.stderr)")
        return (out, restart)
    }

    @Test(arguments: [11, 23, 37])
    func restartAfterKillNineAtARandomMomentWithFullResendGivesTheUninterruptedFolder(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let delay = Double.random(in: 0.15...0.85, using: &generator)
        let reference = try Self.uninterrupted([])
        let (out, restart) = try Self.killedAndRestarted(after: delay, [])
        try StreamCommandTests.expectSameFiles(reference, out, "killed after \(delay) s")
        // The restart resumes the numbering: its first event continues a checkpointed sequence.
        let events = try StreamCommandTests.events(restart.stdout)
        let seqs = events.map { $0["seq"] as! Int }
        #expect(seqs.first! > 1 || delay < 0.2)
        #expect(seqs == Array(seqs.first!...seqs.last!))
        #expect(seqs.last == 4857)
    }

    @Test func closeAtEndRowsWrittenAtTheEndAreCutBackWhenTheRunResumes() throws {
        let reference = try Self.uninterrupted(["--close-at-end"])
        let (out, _) = try Self.killedAndRestarted(after: 0.5, ["--close-at-end"])
        try StreamCommandTests.expectSameFiles(reference, out, "close-at-end")
        // Running the finished command again, with the whole input resent, changes nothing.
        let state = out.deletingLastPathComponent().appendingPathComponent("state")
        let input = try StreamCommandTests.write(try StreamCommandTests.ndjsonLines(["GOOG"]))
        let again = try BarwiseProcess.run(["stream", Self.strategy, "--input", input, "--out", out.path, "--state", state.path,
                                            "--checkpoint-every", "50", "--close-at-end"])
        #expect(again.status == 0, "\(again.stderr)")
        try StreamCommandTests.expectSameFiles(reference, out, "rerun of a finished state")
    }

    @Test func aStateWrittenWithOtherParamsOrAnotherFolderIsRefused() throws {
        let scratch = try BarwiseProcess.scratchDirectory()
        let input = try StreamCommandTests.write(Array(try StreamCommandTests.ndjsonLines(["GOOG"]).prefix(100)))
        let state = scratch.appendingPathComponent("state").path, out = scratch.appendingPathComponent("out").path
        let first = try BarwiseProcess.run(["stream", Self.strategy, "--input", input, "--out", out, "--state", state])
        #expect(first.status == 0, "\(first.stderr)")
        let params = try BarwiseProcess.run(["stream", Self.strategy, "--input", input, "--out", out, "--state", state, "--set", "fast=5"])
        #expect(params.status == 2)
        #expect(params.stderr.contains("belongs to another run") && params.stderr.contains("other params"), "\(params.stderr)")
        let folder = try BarwiseProcess.run(["stream", Self.strategy, "--input", input, "--out", scratch.appendingPathComponent("elsewhere").path, "--state", state])
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("drop --out or give the same folder"), "\(folder.stderr)")
    }
}

/// A small deterministic generator (SplitMix64) for reproducible test moments.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
