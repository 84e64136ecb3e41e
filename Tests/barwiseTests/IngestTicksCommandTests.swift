import Foundation
import Testing

/// `barwise ingest --ticks` run as a process: the bars it stores, and bad rows.
@Suite struct IngestTicksCommandTests {
    private func scratch() throws -> URL { try BarwiseProcess.scratchDirectory() }

    private func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The stored bars of `symbol` as `[timestamp, open, high, low, close, volume]` rows.
    private func bars(_ symbol: String, store: String) throws -> [[String]] {
        let r = try BarwiseProcess.run(["data", "show", symbol, "--store", store, "--json", "--rows", "100"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let head = try #require(json["head"] as? [[String: Any]])
        return head.map { row in
            [row["timestamp"] as? String ?? "", "\(row["open"] ?? "")", "\(row["high"] ?? "")", "\(row["low"] ?? "")", "\(row["close"] ?? "")", "\(row["volume"] ?? "")"]
        }
    }

    /// Seven ticks over four minutes, the third minute empty; computed by hand:
    /// 00:00 o 100 h 102 l 99 c 101 v 6; 00:01 o 103 h 103 l 103 c 103 v 1; 00:03 o 98 h 99 l 98 c 99 v 5.
    @Test func handMadeTicksBecomeTheHandComputedBars() throws {
        let dir = try scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let file = try write("""
            time,price,size
            2024-01-01T00:00:01Z,100,1
            2024-01-01T00:00:10.250Z,102,2
            1704067230000,99,1
            1704067259.999,101,2
            1704067260,103,1
            2024-01-01T00:03:00Z,98,4
            2024-01-01T00:03:59Z,99,1
            """, "TICKS_sample.csv", in: dir)
        let r = try BarwiseProcess.run(["ingest", file, "--ticks", "--interval", "1m", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("ticks, TICKS 1m") && r.stdout.contains("7 rows read, 3 written, 0 rejected"))
        #expect(try bars("TICKS", store: store) == [
            ["2024-01-01T00:00:00Z", "100", "102", "99", "101", "6"],
            ["2024-01-01T00:01:00Z", "103", "103", "103", "103", "1"],
            ["2024-01-01T00:03:00Z", "98", "99", "98", "99", "5"],
        ])
    }

    @Test func binanceAggTradesWithoutHeaderTakesTheSymbolFromTheFileName() throws {
        let dir = try scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let file = try write("""
            1,42000.5,0.5,1,1,1704067200123456,true,true
            2,42010,1.5,2,3,1704067259000000,false,true
            3,41990,2,4,4,1704067300000000,true,true
            """, "BTCUSDT-aggTrades-2024-01-01.csv", in: dir)
        let r = try BarwiseProcess.run(["ingest", file, "--ticks", "--interval", "1m", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try bars("BTCUSDT", store: store) == [
            ["2024-01-01T00:00:00Z", "42000.5", "42010", "42000.5", "42010", "2"],
            ["2024-01-01T00:01:00Z", "41990", "41990", "41990", "41990", "2"],
        ])
    }

    @Test func badRowExitsTwoNamingFileLineAndFieldAndWritesNothing() throws {
        let dir = try scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let good = try write("time,price,size\n1704067200,10,1\n", "KEEP.csv", in: dir)
        #expect(try BarwiseProcess.run(["ingest", good, "--ticks", "--interval", "1m", "--store", store]).status == 0)
        let before = try BarwiseProcess.run(["data", "list", "--store", store, "--json"])
        let bad = try write("time,price,size\n1704067200,10,1\n1704067210,11,1\n1704067220,eleven,1\n", "BAD.csv", in: dir)
        let r = try BarwiseProcess.run(["ingest", bad, "--ticks", "--interval", "1m", "--store", store])
        #expect(r.status == 2)
        #expect(r.stderr == "barwise: error: \(bad):4: field 'price': 'eleven' is not a number\n")
        let after = try BarwiseProcess.run(["data", "list", "--store", store, "--json"])
        #expect(after.stdout == before.stdout && !after.stdout.contains("BAD"))
    }

    @Test func skipBadRowsStoresTheRestAsPartial() throws {
        let dir = try scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let file = try write("time,price,size\n1704067200,10,1\n1704067210,eleven,1\n1704067220,12,1\n", "SKIP.csv", in: dir)
        let r = try BarwiseProcess.run(["ingest", file, "--ticks", "--interval", "1m", "--skip-bad-rows", "--store", store, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["status"] as? String == "partial" && json.first?["rows_rejected"] as? Int == 1)
        #expect(try bars("SKIP", store: store) == [["2024-01-01T00:00:00Z", "10", "12", "10", "12", "2"]])
    }

    @Test func ticksWithoutIntervalIsAUsageError() throws {
        let r = try BarwiseProcess.run(["ingest", "x.csv", "--ticks"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--ticks needs --interval"))
    }

    @Test func intervalThatCannotBucketTicksIsAUsageError() throws {
        let r = try BarwiseProcess.run(["ingest", "x.csv", "--ticks", "--interval", "5mo"])
        #expect(r.status == 2 && r.stderr.contains("a month count must divide 12"))
    }
}
