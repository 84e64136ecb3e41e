import Foundation
import Testing

/// Sizes and numbers from the command line are bounded before anything is allocated, and
/// negative numbers reach the option that validates them.
@Suite struct InputBoundsTests {
    static let lagged = """
        name = "lagged"
        symbols = ["GOOG"]
        [signals]
        past = "close[LAG]"
        [rules]
        long_entry = "close > past"
        """

    @Test func absurdLagIsRejectedWhenCompilingWithTheMaximum() throws {
        let file = try SampleStore.strategy(Self.lagged.replacingOccurrences(of: "LAG", with: "999999999"))
        let r = try SampleStore.run(["run", file])
        #expect(r.status == 2 && !r.crashed, "\(r.stderr)")
        #expect(r.errorLine.contains("signals.past") && r.errorLine.contains("from 0 to 1000000 bars"), "\(r.stderr)")
    }

    @Test func lagNotBelowTheLoadedBarCountIsRejectedWithTheBarCount() throws {
        let file = try SampleStore.strategy(Self.lagged.replacingOccurrences(of: "LAG", with: "5000"))
        for command in ["run", "signals"] {
            let r = try SampleStore.run([command, file])
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.errorLine.contains("a lag of 5000 bars") && r.errorLine.contains("GOOG has 2148 1d bars"), "\(command): \(r.stderr)")
        }
        // One bar fewer than GOOG has in the range is fine.
        let ok = try SampleStore.run(["run", try SampleStore.strategy(Self.lagged.replacingOccurrences(of: "LAG", with: "251")),
                                      "--from", "2010-01-01", "--to", "2010-12-31", "--out", try BarwiseProcess.scratchDirectory().path + "/r"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let short = try SampleStore.run(["run", try SampleStore.strategy(Self.lagged.replacingOccurrences(of: "LAG", with: "252")),
                                         "--from", "2010-01-01", "--to", "2010-12-31"])
        #expect(short.status == 2 && short.errorLine.contains("GOOG has 252 1d bars"), "\(short.stderr)")
    }

    @Test func monteCarloPathsBeyondTheMemoryBoundAreRejectedUpFront() throws {
        let r = try SampleStore.run(["risk", "--symbols", "GOOG", "--method", "montecarlo", "--paths", "2000000000"])
        #expect(r.status == 2 && !r.crashed, "\(r.stderr)")
        #expect(r.stderr.contains("needs about 74.5 GiB") && r.stderr.contains("at most 26843545 paths for 1 symbol"), "\(r.stderr)")
        let negative = try SampleStore.run(["risk", "--symbols", "GOOG", "--method", "montecarlo", "--paths", "-5"])
        #expect(negative.status == 2 && negative.stderr.contains("at least 100 paths, got -5"), "\(negative.stderr)")
    }

    @Test func negativeDataCheckLimitIsRejectedInBothSpellings() throws {
        for args in [["--limit=-1"], ["--limit", "-1"]] {
            let r = try SampleStore.run(["data", "check"] + args)
            #expect(r.status == 2 && !r.crashed, "\(r.stderr)")
            #expect(r.stderr.contains("--limit must be 0 or more, got -1"), "\(r.stderr)")
        }
    }

    @Test func negativeCashIsRejectedAsNegativeCashNotAsAMissingValue() throws {
        let r = try SampleStore.run(["run", "strategies/sma_cross.toml", "--cash", "-100"])
        #expect(r.status == 2)
        #expect(r.errorLine.contains("cash must be positive, got -100"), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"))
        let sweep = try SampleStore.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:10:5", "--cash", "-100"])
        #expect(sweep.status == 2 && sweep.stderr.contains("--cash must be positive, not -100"), "\(sweep.stderr)")
        let rows = try SampleStore.run(["data", "show", "GOOG", "--rows", "-2"])
        #expect(rows.status == 2 && rows.stderr.contains("--rows must be at least 1, got -2"), "\(rows.stderr)")
    }

    @Test func negativeRiskFreeRateIsAValue() throws {
        let r = try SampleStore.run(["optimize", "--symbols", "XOM,PFE", "--objective", "max-sharpe", "--long-only", "--risk-free", "-0.01", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["risk_free"] as? Double == -0.01)
    }

    @Test func shortWeightsStartingWithAMinusAreAValue() throws {
        let r = try SampleStore.run(["risk", "--symbols", "XOM,PFE", "--weights", "-0.5,1.5", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((object["weights"] as? [String: Double])?["XOM"] == -0.5)
    }

    @Test func dateWithATwentyDigitFieldIsNotADateAndDoesNotTrap() throws {
        let date = "11111111111111111111/1/2020"
        for args in [["run", "strategies/sma_cross.toml", "--from", date], ["signals", "strategies/sma_cross.toml", "--to", date],
                     ["risk", "--symbols", "GOOG", "--from", date], ["run", "strategies/sma_cross.toml", "--to", "99999999999999999999"]] {
            let r = try SampleStore.run(args)
            #expect(r.status == 2 && !r.crashed, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("is not a date"), "\(args): \(r.stderr)")
        }
    }

    @Test func hugeIntervalCountIsNotAnInterval() throws {
        let r = try SampleStore.run(["run", "strategies/sma_cross.toml", "--interval", "99999999999999999d"])
        #expect(r.status == 2 && !r.crashed && r.errorLine.contains("is not an interval"), "\(r.stderr)")
    }

    @Test func echoedInputIsCappedAt200Characters() throws {
        let long = String(repeating: "a", count: 5000)
        for args in [["run", "strategies/sma_cross.toml", "--from", long], ["risk", "--symbols", "GOOG", "--method", long],
                     ["run", "strategies/sma_cross.toml", "--symbols", long], ["run", "strategies/sma_cross.toml", "--" + long]] {
            let r = try SampleStore.run(args)
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains(String(repeating: "a", count: 190)) && !r.stderr.contains(String(repeating: "a", count: 201)),
                    "\(args[2].prefix(10)): \(r.stderr.count) characters")
            #expect(r.stderr.count < 1_500, "\(r.stderr.count) characters")
        }
    }
}
