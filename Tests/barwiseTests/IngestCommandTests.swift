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
}
