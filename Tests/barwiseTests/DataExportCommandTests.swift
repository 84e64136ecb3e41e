import Foundation
import Testing

/// `barwise data export`: CSV that `ingest` reads back to the same bars, NDJSON that `stream`
/// turns into the same run as `run`.
@Suite struct DataExportCommandTests {
    static var store: String { StreamCommandTests.store }

    static func export(_ args: [String], store: String = store) throws -> BarwiseProcess.Output {
        try BarwiseProcess.run(["data", "export"] + args + ["--store", store])
    }

    @Test func csvExportIngestedAgainExportsTheSameText() throws {
        let first = try Self.export(["GOOG"])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.first == "timestamp,open,high,low,close,volume,adj_close")
        #expect(lines.count == 2149, "GOOG's 2,148 daily bars and the header")
        #expect(lines[1].hasPrefix("2004-08-19T00:00:00Z,100"), "\(lines[1])")
        let scratch = try BarwiseProcess.scratchDirectory()
        let file = scratch.appendingPathComponent("goog.csv")
        try first.stdout.write(to: file, atomically: true, encoding: .utf8)
        let other = scratch.appendingPathComponent("other.sqlite").path
        let ingest = try BarwiseProcess.run(["ingest", file.path, "--symbol", "GOOG", "--store", other])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let second = try Self.export(["GOOG"], store: other)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == first.stdout, "the bars came back different")
    }

    @Test func ndjsonExportStreamedGivesTheRunsFiles() throws {
        let export = try Self.export(["GOOG", "--format", "ndjson"])
        #expect(export.status == 0, "\(export.stderr)")
        let first = try #require(export.stdout.split(separator: "\n").first)
        #expect(first == #"{"symbol":"GOOG","time":"2004-08-19T00:00:00Z","open":100.0,"high":104.06,"low":95.96,"close":100.34,"volume":22351900.0}"#)
        let input = try StreamCommandTests.write(export.stdout.split(separator: "\n").map(String.init))
        let scratch = try BarwiseProcess.scratchDirectory()
        let run = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", Self.store, "--out", scratch.path + "/run"])
        let stream = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", input, "--out", scratch.path + "/stream"])
        #expect(run.status == 0 && stream.status == 0, "\(run.stderr)\(stream.stderr)")
        try StreamCommandTests.expectSameFiles(scratch.appendingPathComponent("run"), scratch.appendingPathComponent("stream"), "export | stream")
    }

    @Test func fromAndToBoundTheBarsInclusively() throws {
        let r = try Self.export(["ORCL", "--from", "2010-01-04", "--to", "2010-01-08"])
        #expect(r.status == 0, "\(r.stderr)")
        let times = r.stdout.split(separator: "\n").dropFirst().map { $0.prefix(10) }
        #expect(times == ["2010-01-04", "2010-01-05", "2010-01-06", "2010-01-07", "2010-01-08"])
    }

    @Test func unknownSymbolsAndBadOptionsAreClearErrors() throws {
        let unknown = try Self.export(["NOPE"])
        #expect(unknown.status != 0 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("NOPE"), "\(unknown.stderr)")
        let format = try Self.export(["GOOG", "--format", "parquet"])
        #expect(format.status == 2 && format.stderr.contains("parquet"), "\(format.stderr)")
        let noSuchInterval = try Self.export(["GOOG", "--interval", "1h"])
        #expect(noSuchInterval.status != 0 && noSuchInterval.stdout.isEmpty, "no header for bars that are not there")
        #expect(noSuchInterval.stderr.contains("GOOG has no 1h bars"), "\(noSuchInterval.stderr)")
        let reversed = try Self.export(["GOOG", "--from", "2012-01-01", "--to", "2011-01-01"])
        #expect(reversed.status == 2 && reversed.stderr.contains("is after --to"), "\(reversed.stderr)")
    }
}
