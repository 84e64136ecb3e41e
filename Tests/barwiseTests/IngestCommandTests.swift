import Foundation
import Testing

/// `barwise ingest` run as a process: messages, exit codes and the store it leaves.
@Suite struct IngestCommandTests {
    @Test func ingestThenReingestReportsUnchanged() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let file = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        let first = try BarwiseProcess.run(["ingest", file, "--store", store])
        #expect(first.status == 0)
        #expect(first.stdout.contains("GOOG 1d 2004-08-19 … 2013-03-01: 2148 rows read, 2148 written, 0 rejected"))
        let second = try BarwiseProcess.run(["ingest", file, "--store", store])
        #expect(second.status == 0 && second.stdout.contains("unchanged, nothing written"))
    }

    @Test func badNumberExitsTwoNamingFileLineAndField() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let file = BarwiseProcess.fixtures.appendingPathComponent("ingest/GOOG_bad_high.csv").path
        let r = try BarwiseProcess.run(["ingest", file, "--store", store])
        #expect(r.status == 2)
        #expect(r.stderr == "barwise: error: \(file):4: field 'High': 'abc' is not a number\n")
        let list = try BarwiseProcess.run(["data", "list", "--store", store, "--json"])
        #expect(list.status == 0 && list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || list.stdout.contains("[]"))
    }

    @Test func skipBadRowsIngestsTheRestAsPartial() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let file = BarwiseProcess.fixtures.appendingPathComponent("ingest/GOOG_bad_high.csv").path
        let r = try BarwiseProcess.run(["ingest", file, "--store", store, "--skip-bad-rows", "--json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["status"] as? String == "partial")
        #expect(json.first?["rows_rejected"] as? Int == 1 && json.first?["rows_written"] as? Int == 3)
    }

    @Test func htmlBodyIsRejectedSayingWhatArrived() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let file = BarwiseProcess.fixtures.appendingPathComponent("ingest/YAHOO_html_error.csv").path
        let r = try BarwiseProcess.run(["ingest", file, "--store", store])
        #expect(r.status == 2 && r.stderr.contains("not market data: received an HTML page titled 'Yahoo Finance - Too Many Requests'"))
    }

    @Test func unknownFormatIsAUsageErrorWithExitTwo() throws {
        let r = try BarwiseProcess.run(["ingest", "x.csv", "--format", "parquet"])
        #expect(r.status == 2 && r.stderr.contains("--format"))
    }

    @Test func helpShowsExamples() throws {
        let r = try BarwiseProcess.run(["ingest", "--help"])
        #expect(r.status == 0 && r.stdout.contains("Examples:") && r.stdout.contains("--skip-bad-rows"))
    }

    private func scratchStore() throws -> String {
        try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
    }

    private var goog: String { BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path }
    private var orcl: String { BarwiseProcess.fixtures.appendingPathComponent("data/ORCL_daily_1995-2014.csv").path }

    /// Issue 12: `barwise ingest OTHER.csv --symbol GOOG` silently replaced GOOG's bars.
    @Test func anotherInstrumentUnderAStoredSymbolExitsTwoAndWritesNothing() throws {
        let store = try scratchStore()
        _ = try BarwiseProcess.run(["ingest", goog, "--store", store])
        let before = try BarwiseProcess.run(["data", "list", "--store", store, "--json"])
        let r = try BarwiseProcess.run(["ingest", orcl, "--symbol", "GOOG", "--store", store])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("barwise: error: \(orcl): would replace 2148 of the 2148 stored GOOG 1d bars"))
        #expect(r.stderr.contains("Pass --replace") && r.stderr.contains("--append"))
        let after = try BarwiseProcess.run(["data", "list", "--store", store, "--json"])
        #expect(after.stdout == before.stdout)
    }

    @Test func replaceOverwritesAndSaysHowManyBarsItReplaced() throws {
        let store = try scratchStore()
        _ = try BarwiseProcess.run(["ingest", goog, "--store", store])
        let r = try BarwiseProcess.run(["ingest", orcl, "--symbol", "GOOG", "--replace", "--store", store, "--json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let part = try #require((json.first?["symbols"] as? [[String: Any]])?.first)
        #expect(part["replaced"] as? Int == 2148)
        let text = try BarwiseProcess.run(["ingest", goog, "--symbol", "GOOG", "--replace", "--store", store])
        #expect(text.status == 0 && text.stdout.contains("2148 stored bars replaced"))
    }

    @Test func appendKeepsStoredBarsAndAddsNewOnes() throws {
        let store = try scratchStore()
        _ = try BarwiseProcess.run(["ingest", goog, "--store", store])
        let r = try BarwiseProcess.run(["ingest", orcl, "--symbol", "GOOG", "--append", "--store", store])
        #expect(r.status == 0)
        #expect(r.stdout.contains("0 stored bars replaced, 2148 kept as stored"))
        // GOOG's own bars are still stored as they were: ingesting GOOG again changes nothing.
        let again = try BarwiseProcess.run(["ingest", goog, "--store", store])
        #expect(again.status == 0 && again.stdout.contains("unchanged, nothing written"))
    }

    @Test func reingestOfTheSameFileWithReplaceOrAppendIsUnchanged() throws {
        let store = try scratchStore()
        _ = try BarwiseProcess.run(["ingest", goog, "--store", store])
        for flag in ["--replace", "--append"] {
            let r = try BarwiseProcess.run(["ingest", goog, flag, "--store", store])
            #expect(r.status == 0 && r.stdout.contains("unchanged, nothing written"))
        }
    }

    @Test func replaceAndAppendTogetherAreAUsageError() throws {
        let r = try BarwiseProcess.run(["ingest", goog, "--replace", "--append", "--store", try scratchStore()])
        #expect(r.status == 2 && r.stderr.contains("--replace or --append, not both"))
    }

    @Test func duplicatedDateIsCollapsedAndCountedHonestly() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let file = dir.appendingPathComponent("DUP.csv")
        try "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1.5,2,1,1.8,10\n2024-01-03,1.5,2,1,1.8,10\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try BarwiseProcess.run(["ingest", file.path, "--store", dir.appendingPathComponent("s.sqlite").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("3 rows read, 2 written, 0 rejected, 1 identical duplicate row collapsed"))
    }

    @Test func directoryArgumentSaysIsADirectory() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let r = try BarwiseProcess.run(["ingest", dir.path, "--store", dir.appendingPathComponent("s.sqlite").path])
        #expect(r.status != 0)
        #expect(r.stderr == "barwise: error: \(dir.path): cannot read: is a directory\n")
    }

    @Test(arguments: ["../x", "A/B", "", "A\nB"])
    func symbolOutsideTheCharacterSetIsAUsageError(symbol: String) throws {
        let r = try BarwiseProcess.run(["ingest", goog, "--symbol", symbol, "--store", try scratchStore()])
        #expect(r.status == 2 && r.stderr.contains("--symbol: the symbol"))
        #expect(r.stderr.contains("letters, digits and . _ - ^ = :"))
    }

    /// Issue 12: a 20-digit date field trapped, with or without --skip-bad-rows.
    @Test func twentyDigitDateIsARowErrorAndSkippableNotACrash() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let file = dir.appendingPathComponent("X.csv")
        try "Date,Close\n2020-01-02,1\n2020-01-03,2\n11111111111111111111/1/2020,3\n".write(to: file, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("s.sqlite").path
        let strict = try BarwiseProcess.run(["ingest", file.path, "--store", store])
        #expect(strict.status == 2 && strict.stderr.contains("X.csv:4: field 'Date': '11111111111111111111/1/2020' is not a date or time"))
        let skipping = try BarwiseProcess.run(["ingest", file.path, "--store", store, "--skip-bad-rows"])
        #expect(skipping.status == 0 && skipping.stdout.contains("1 rejected"))
        let huge = try BarwiseProcess.run(["ingest", "--provider", "binance", "--symbol", "BTCUSDT", "--from", "11111111111111111111/1/2020"])
        #expect(huge.status == 2 && huge.stderr.contains("is not a date or time"))
    }

    @Test func valueOutOfBoundsNamesLineAndField() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let file = dir.appendingPathComponent("X.csv")
        try "Date,Close\n2020-01-02,1\n2020-01-03,1e309\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try BarwiseProcess.run(["ingest", file.path, "--store", dir.appendingPathComponent("s.sqlite").path])
        #expect(r.status == 2 && r.stderr == "barwise: error: \(file.path):3: field 'Close': '1e309' is not a finite number\n")
    }

    /// Issue 12: daily and hourly rows in one file were stored as "10h".
    @Test func mixedDailyAndHourlyRowsExitTwoAskingForInterval() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let file = dir.appendingPathComponent("MIX.csv")
        var text = "Date,Close\n"
        for d in 2...9 { text += "2024-01-0\(d),1.5\n" }
        for h in 10...20 { text += "2024-01-10 \(h):00:00,1.5\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try BarwiseProcess.run(["ingest", file.path, "--store", store])
        #expect(r.status == 2 && r.stderr.contains("cannot infer the bar interval: daily rows are mixed with 1h rows"))
        let forced = try BarwiseProcess.run(["ingest", file.path, "--store", store, "--interval", "1h"])
        #expect(forced.status == 0 && forced.stdout.contains("MIX 1h"))
    }
}
