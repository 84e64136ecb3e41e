import Foundation
import Testing

/// Bars of different intervals are never mixed: every command works at one requested interval
/// and a symbol without bars at it is an error naming the intervals the store has.
@Suite struct IntervalMixingTests {
    @Test func runOverDailyAndHourlySymbolsIsAnErrorNamingTheStoredInterval() throws {
        let r = try SampleStore.run(["run", "strategies/sma_cross.toml", "--symbols", "GOOG,EURUSD"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.errorLine.contains("EURUSD has no 1d bars") && r.errorLine.contains("the store has EURUSD at 1h"), "\(r.stderr)")
        #expect(r.errorLine.contains("--interval 1h"))
    }

    @Test func hourlyRunWorksWhenAskedFor() throws {
        let r = try SampleStore.run(["run", "strategies/sma_cross.toml", "--symbols", "EURUSD", "--interval", "1h", "--json",
                                     "--out", try BarwiseProcess.scratchDirectory().path + "/r"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(summary["bars"] as? Int == 5000)
    }

    @Test func riskDoesNotCallMonthlyReturnsDaily() throws {
        let mixed = try SampleStore.run(["risk", "--symbols", "BTCUSD,GOOG"])
        #expect(mixed.status == 2)
        #expect(mixed.errorLine.contains("BTCUSD has no 1d bars") && mixed.errorLine.contains("at 1mo"), "\(mixed.stderr)")
        let monthly = try SampleStore.run(["risk", "--symbols", "BTCUSD", "--interval", "1mo"])
        #expect(monthly.status == 0, "\(monthly.stderr)")
        #expect(monthly.stdout.hasPrefix("1 symbol, 155 monthly returns 2012-02-29 to 2024-12-31"), "\(monthly.stdout)")
        #expect(!monthly.stdout.contains("daily"))
    }

    @Test func weeklyStrategyDoesNotRunOnDailyBars() throws {
        let text = try String(contentsOf: BarwiseProcess.packageRoot.appendingPathComponent("strategies/sma_cross.toml"), encoding: .utf8)
            .replacingOccurrences(of: "interval = \"1d\"", with: "interval = \"1wk\"")
        let file = try SampleStore.strategy(text)
        for args in [["run", file], ["signals", file], ["sweep", file, "--grid", "fast=5:10:5", "--out", try BarwiseProcess.scratchDirectory().path + "/s"]] {
            let r = try SampleStore.run(args)
            #expect(r.status == 2, "\(args[0]): \(r.stdout)")
            #expect(r.errorLine.contains("GOOG has no 1wk bars (1wk is the strategy's interval); the store has GOOG at 1d"), "\(args[0]): \(r.stderr)")
        }
    }

    @Test func optimizeNamesTheIntervalsOfASymbolWithoutDailyBars() throws {
        let r = try SampleStore.run(["optimize", "--symbols", "XOM,EURUSD", "--objective", "min-variance"])
        #expect(r.status == 2)
        #expect(r.errorLine.contains("EURUSD has no 1d bars (1d is the default --interval)"), "\(r.stderr)")
    }

    @Test func benchmarkMustHaveTheRunsInterval() throws {
        let r = try SampleStore.run(["run", "strategies/sma_cross.toml", "--benchmark", "BTCUSD", "--out", try BarwiseProcess.scratchDirectory().path + "/r"])
        #expect(r.status == 2 && r.errorLine.contains("BTCUSD has no 1d bars"), "\(r.stderr)")
    }
}
