import Foundation
import Testing

/// `sweep` refuses, before its first run, a combination whose lag `x[n]` is not below the loaded
/// bar count, with the message `run` gives (GOOG has 2148 daily bars in the sample store).
@Suite struct SweepLagCheckTests {
    static let lagged = """
        name = "lagged"
        symbols = ["GOOG"]
        [params]
        back = 5
        pad = 1
        [signals]
        twice = "back * 2"
        past = "close[LAG]"
        [rules]
        long_entry = "close > past and pad > 0"
        """

    private func strategy(lag: String) throws -> String {
        try SampleStore.strategy(Self.lagged.replacingOccurrences(of: "LAG", with: lag))
    }

    @Test func fixedLagBeyondTheLoadedBarsIsRefusedWithRunsMessage() throws {
        let file = try strategy(lag: "5000")
        let out = try BarwiseProcess.scratchDirectory().path + "/sweep"
        let r = try SampleStore.run(["sweep", file, "--grid", "pad=1:3:1", "--out", out])
        #expect(r.status == 2 && !r.crashed, "\(r.stderr)")
        let run = try SampleStore.run(["run", file])
        #expect(run.status == 2)
        // run's whole message, then the combination and how many there are.
        #expect(r.errorLine.hasPrefix(run.errorLine), "\(r.errorLine)\n\(run.errorLine)")
        #expect(r.errorLine.contains("with pad=1 (3 of 3 combinations of the sweep"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func gridAxisGivingALagBeyondTheLoadedBarsIsRefusedNamingTheCombination() throws {
        let file = try strategy(lag: "back")
        let r = try SampleStore.run(["sweep", file, "--grid", "back=5,2148,3000", "--grid", "pad=1:2:1"])
        #expect(r.status == 2 && !r.crashed, "\(r.stderr)")
        #expect(r.errorLine.contains("a lag of 2148 bars needs more than 2148 bars, but GOOG has 2148 1d bars in the range"), "\(r.stderr)")
        #expect(r.errorLine.contains("with back=2148 pad=1 (4 of 6 combinations of the sweep; leave them out with --where)"), "\(r.stderr)")
        // Through a named signal too, and --where leaves the long ones out.
        let viaSignal = try SampleStore.run(["sweep", try strategy(lag: "twice"), "--grid", "back=5,1074,1100"])
        #expect(viaSignal.status == 2 && viaSignal.errorLine.contains("a lag of 2148 bars") && viaSignal.errorLine.contains("with back=1074 (2 of 3"),
                "\(viaSignal.stderr)")
        let kept = try SampleStore.run(["sweep", file, "--grid", "back=5,2147,3000", "--where", "back < 2148",
                                        "--out", try BarwiseProcess.scratchDirectory().path + "/s"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("2 runs (2 combinations"), "\(kept.stdout)")
    }

    /// A million combinations are checked up front without compiling each: refused in seconds,
    /// before any run, with the count of those too long (back 252 to 1000 over 252 bars).
    @Test func lagCheckOfAMillionCombinationsIsUpFrontAndCountsThem() throws {
        let clock = ContinuousClock.now
        let r = try SampleStore.run(["sweep", try strategy(lag: "back"), "--grid", "back=1:1000:1", "--grid", "pad=1:1000:1",
                                     "--from", "2010-01-01", "--to", "2010-12-31"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.errorLine.contains("a lag of 252 bars needs more than 252 bars, but GOOG has 252 1d bars"), "\(r.stderr)")
        #expect(r.errorLine.contains("with back=252 pad=1 (749000 of 1000000 combinations"), "\(r.stderr)")
        #expect(clock.duration(to: .now) < .seconds(60))
    }
}
