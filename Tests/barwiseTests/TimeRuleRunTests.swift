import Foundation
import Testing

/// `barwise run` with rules on the bar's time: the backtest's program sees the real bar times
/// (the single-symbol chunked replay loads them from the store's timestamps).
@Suite struct TimeRuleRunTests {
    @Test func weekdayRulesPlaceOrdersOnlyOnThoseWeekdays() throws {
        let file = try SampleStore.strategy("""
            name = "weekday_rule"
            symbols = ["GOOG"]
            [rules]
            long_entry = "weekday() == 1"
            long_exit = "weekday() == 3"
            """)
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run").path
        let r = try SampleStore.run(["run", file, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let orders = try String(contentsOfFile: out + "/orders.csv", encoding: .utf8).split(separator: "\n")
        let header = orders[0].split(separator: ",").map(String.init)
        let intent = try #require(header.firstIndex(of: "intent")), created = try #require(header.firstIndex(of: "created_time"))
        var entries = 0, exits = 0
        for line in orders.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let weekday = SignalsCommandTests.isoWeekday(f[created])
            if f[intent] == "entry" { entries += 1; #expect(weekday == 1, "\(line)") }
            if f[intent] == "exit" { exits += 1; #expect(weekday == 3, "\(line)") }
        }
        // GOOG has about 430 Mondays in the sample: the rules fire all through the run.
        #expect(entries > 300 && exits > 300)
    }
}
