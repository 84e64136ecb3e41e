import Foundation
import Testing

/// `barwise data list | show | check` run as processes, including the seeding of the default store.
@Suite struct DataCommandTests {
    @Test func missingDefaultStoreIsSeededFromTheSampleDataWithANotice() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("barwise.sqlite").path
        let r = try BarwiseProcess.run(["data", "list"], environment: ["BARWISE_STORE": store])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("barwise: created \(store) from datasets/sample/"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        for symbol in ["GOOG", "SP500", "NASDAQ", "ORCL", "EURUSD", "AAPL", "XOM"] {
            #expect(r.stdout.contains("\n\(symbol) "), "missing \(symbol)")
        }
        // GOOG keeps its OHLC bars: the panel's GOOG column was left out.
        #expect(r.stdout.contains("GOOG    1d        2148  2004-08-19"))
        let again = try BarwiseProcess.run(["data", "list"], environment: ["BARWISE_STORE": store])
        #expect(again.stderr.isEmpty)
    }

    @Test func showPrintsHeadAndTailAsJSON() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let file = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        _ = try BarwiseProcess.run(["ingest", file, "--store", store])
        let r = try BarwiseProcess.run(["data", "show", "GOOG", "--rows", "2", "--json", "--store", store])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let head = try #require(json["head"] as? [[String: Any]])
        #expect(json["bars"] as? Int == 2148 && head.count == 2)
        #expect(head[0]["timestamp"] as? String == "2004-08-19T00:00:00Z" && head[0]["high"] as? Double == 104.06)
        let tail = try #require(json["tail"] as? [[String: Any]])
        #expect(tail.last?["close"] as? Double == 806.19)
    }

    @Test func showOfAnUnknownSymbolExitsTwo() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let file = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        _ = try BarwiseProcess.run(["ingest", file, "--store", store])
        let r = try BarwiseProcess.run(["data", "show", "GOGL", "--store", store])
        #expect(r.status == 2 && r.stderr == "barwise: error: no instrument 'GOGL' in the store (known: GOOG)\n")
    }

    @Test func checkExitsOneOnAnErrorRuleAndGroupsByRule() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let bad = BarwiseProcess.fixtures.appendingPathComponent("ingest/BAD_quality.csv").path
        let good = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        // The -1 close and -5 volume rows are out of range: skipped, and recorded as bad rows.
        _ = try BarwiseProcess.run(["ingest", bad, good, "--store", store, "--skip-bad-rows"])
        let r = try BarwiseProcess.run(["data", "check", "--store", store])
        #expect(r.status == 1)
        #expect(r.stdout.contains("ohlc_inconsistent (error)") && r.stdout.contains("bad_row (warning)"))
        let goodOnly = try BarwiseProcess.run(["data", "check", "GOOG", "--store", store, "--json"])
        #expect(goodOnly.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(goodOnly.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == true)
    }
}
