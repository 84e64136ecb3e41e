import Foundation
import Testing

/// A `run` stopped while writing its report: Ctrl-C and SIGTERM leave nothing behind (exit 130,
/// 143); after SIGKILL the same `--out` is taken again without `--force` and the killed run's
/// hidden staging folder is removed. The signal comes from the `BARWISE_TEST_SIGNAL_AFTER_RUNS`
/// hook, once the backtest is done and the first report files are written.
@Suite struct RunInterruptionTests {
    private static let strategy = BarwiseProcess.packageRoot.appendingPathComponent("strategies/sma_cross.toml").path

    private func run(_ args: [String], signal: String? = nil, in directory: URL = BarwiseProcess.packageRoot) throws -> BarwiseProcess.Output {
        var env = ["BARWISE_STORE": SampleStore.path]
        if let signal { env["BARWISE_TEST_SIGNAL_AFTER_RUNS"] = "1:\(signal)" }
        return try BarwiseProcess.run(["run", Self.strategy] + args, environment: env, in: directory)
    }

    private func contents(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    @Test(arguments: [("INT", Int32(130)), ("TERM", 143)])
    func runStoppedWhileWritingLeavesNoFolder(signal: String, status: Int32) throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let withOut = try run(["--out", dir.path + "/run"], signal: signal)
        #expect(withOut.status == status, "\(withOut.stderr)")
        #expect(withOut.stderr.contains("interrupted by") && withOut.stderr.contains("nothing was kept"), "\(withOut.stderr)")
        #expect(try contents(dir.path) == [])
        // The default folder under reports/ goes too.
        let inPlace = try run([], signal: signal, in: dir)
        #expect(inPlace.status == status, "\(inPlace.stderr)")
        #expect(try contents(dir.path) == ["reports"])
        #expect(try contents(dir.path + "/reports") == [])
        // An --out that existed (empty) is left as it was.
        try FileManager.default.createDirectory(atPath: dir.path + "/mine", withIntermediateDirectories: false)
        #expect(try run(["--out", dir.path + "/mine"], signal: signal).status == status)
        #expect(try contents(dir.path) == ["mine", "reports"] && contents(dir.path + "/mine") == [])
    }

    @Test func runKilledWhileWritingLeavesAnOutThatTheNextRunTakesWithoutForce() throws {
        let dir = try BarwiseProcess.scratchDirectory().path
        let killed = try run(["--out", dir + "/run"], signal: "KILL")
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        let left = try contents(dir)
        #expect(left.count == 2 && left.contains("run") && left.contains { $0.hasPrefix(".run.tmp-") }, "\(left)")
        #expect(try contents(dir + "/run") == [])
        let again = try run(["--out", dir + "/run"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try contents(dir) == ["run"])
        #expect(try contents(dir + "/run").contains("summary.json"))
    }

    @Test func runKilledWithoutOutLeavesNothingOnceTheNextRunStarts() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let killed = try run([], signal: "KILL", in: dir)
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        let left = try contents(dir.path + "/reports")
        #expect(left.count == 2 && left.contains { $0.hasPrefix(".") && $0.contains(".tmp-") }, "the killed run's reserved folder and staging: \(left)")
        let again = try run([], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        let now = try contents(dir.path + "/reports")
        #expect(now.count == 1, "only the new run's folder: \(now)")
        #expect(try contents(dir.path + "/reports/" + (now.first ?? "")).contains("summary.json"))
    }
}
