import Foundation
import TestSupport
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

/// `barwise stream --warmup-from`: stored bars first, then live ones, as one run.
@Suite struct StreamWarmUpTests {
    @Test func warmUpOnStoredBarsThenRecordedLiveBarsGiveTheFolderOfRunFromThatDate() throws {
        let scratch = try BarwiseProcess.scratchDirectory()
        // The store knows GOOG up to 2008-12-31; the live input resends everything from 2004.
        let csv = try String(contentsOf: BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        let early = rows.prefix { !$0.hasPrefix("2009-") }
        let partial = scratch.appendingPathComponent("GOOG_early.csv")
        try (early.joined(separator: "\n") + "\n").write(to: partial, atomically: true, encoding: .utf8)
        let store = scratch.appendingPathComponent("early.sqlite").path
        let ingest = try BarwiseProcess.run(["ingest", partial.path, "--symbol", "GOOG", "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let input = try StreamCommandTests.write(try StreamCommandTests.ndjsonLines(["GOOG"]))
        let out = scratch.appendingPathComponent("stream")
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", input, "--out", out.path, "--store", store,
                                        "--warmup-from", "2004-01-01", "--record", "--checkpoint-every", "300"])
        #expect(r.status == 0, "\(r.stderr)")
        let runOut = scratch.appendingPathComponent("run")
        let run = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", StreamCommandTests.store, "--out", runOut.path])
        #expect(run.status == 0, "\(run.stderr)")
        try StreamCommandTests.expectSameFiles(runOut, out, "warm-up then live")
        // --record stored the live bars: a backtest over the store afterwards is the stream's run.
        let replayOut = scratch.appendingPathComponent("replay")
        let replay = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", store, "--out", replayOut.path])
        #expect(replay.status == 0, "\(replay.stderr)")
        try StreamCommandTests.expectSameFiles(replayOut, out, "run over the recorded bars")
        let audit = try BarwiseProcess.run(["data", "list", "--store", store])
        #expect(audit.stdout.contains("2013-03-01"), "\(audit.stdout)")
        let stored = early.count - 1
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        let stream = summary["stream"] as! [String: Any]
        #expect(stream["warmup_bars"] as? Int == stored && stream["resent_skipped"] as? Int == stored && stream["bars"] as? Int == 2148 - stored)
        #expect(stream["recorded_bars"] as? Int == 2148 - stored)
        // Warm-up bars are history: no events for them, one warning; events start at the first live bar.
        let events = try StreamCommandTests.events(r.stdout)
        #expect(events.first?["type"] as? String == "warning")
        let firstBar = events.first { $0["type"] as? String == "bar" }
        #expect(firstBar?["time"] as? String == "2009-01-02T00:00:00Z" && firstBar?["bar"] as? Int == stored)
    }
}

/// A stream killed after taking its folder but before its first checkpoint.
@Suite struct StreamFirstCheckpointTests {
    @Test func aFolderTakenBeforeTheFirstCheckpointIsTakenAgainByTheSameCommand() throws {
        let scratch = try BarwiseProcess.scratchDirectory()
        let out = scratch.appendingPathComponent("out"), state = scratch.appendingPathComponent("state")
        // What such a death leaves: the claim, header-only files, no state.json.
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try (out.standardizedFileURL.path + "\n").write(to: state.appendingPathComponent("folder"), atomically: true, encoding: .utf8)
        try "timestamp,equity,cash,exposure,drawdown\n".write(to: out.appendingPathComponent("equity.csv"), atomically: true, encoding: .utf8)
        let input = try StreamCommandTests.write(try StreamCommandTests.ndjsonLines(["GOOG"]))
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", input, "--out", out.path, "--state", state.path])
        #expect(r.status == 0, "\(r.stderr)")
        let reference = try StreamRestartTests.uninterrupted([])
        try StreamCommandTests.expectSameFiles(reference, out, "folder taken again")
        // A folder holding anything else is never taken over.
        let other = scratch.appendingPathComponent("other"), otherState = scratch.appendingPathComponent("state2")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: otherState, withIntermediateDirectories: true)
        try (other.standardizedFileURL.path + "\n").write(to: otherState.appendingPathComponent("folder"), atomically: true, encoding: .utf8)
        try "keep me".write(to: other.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", input, "--out", other.path, "--state", otherState.path])
        #expect(refused.status == 2)
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("notes.txt").path))
    }
}
