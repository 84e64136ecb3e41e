import Foundation
import Testing

@testable import MarketData

/// One bar per timestamp, honest counts, and what an ingest may do to bars already stored.
@Suite struct DuplicateAndOverlapTests {
    private func file(_ name: String, _ text: String) throws -> String {
        let url = try Fixtures.scratchDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private let head = "Date,Open,High,Low,Close,Volume\n"

    /// Issue 12: a file with a repeated date said "3 written" and stored 2.
    @Test func identicalDuplicateRowsAreCollapsedAndCounted() throws {
        let store = try Fixtures.scratchStore()
        let path = try file("DUP.csv", head + "2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1.5,2,1,1.8,10\n2024-01-03,1.5,2,1,1.8,10\n")
        let report = try Ingester(store: store).ingest(file: path, options: IngestOptions())
        #expect(report.rowsRead == 3 && report.rowsWritten == 2 && report.duplicatesCollapsed == 1)
        #expect(report.parts[0].bars == 2 && report.parts[0].added == 2)
        #expect(try store.load(symbol: "DUP").count == 2)
        #expect(report.findings.contains { $0.rule == .duplicateTimestamp && $0.detail.hasPrefix("2 identical rows at 2024-01-03 (first at line 3)") })
    }

    @Test func conflictingDuplicateRowsFailNamingBothLinesAndWriteNothing() throws {
        let store = try Fixtures.scratchStore()
        let before = try StoreSnapshot(store)
        let path = try file("DUP.csv", head + "2024-01-03,1.5,2,1,1.8,10\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1.5,2,1,1.9,10\n")
        #expect(throws: IngestError.conflictingDuplicate(file: path, line: 4, firstLine: 2, symbol: "DUP", timestamp: 1_704_240_000)) {
            try Ingester(store: store).ingest(file: path, options: IngestOptions())
        }
        #expect(try StoreSnapshot(store) == before)
    }

    @Test func conflictingDuplicateUnderSkipBadRowsKeepsTheFirstAndRejectsTheRest() throws {
        let store = try Fixtures.scratchStore()
        let path = try file("DUP.csv", head + "2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1.5,2,1,1.8,10\n2024-01-03,1.5,2,1,1.9,10\n")
        let report = try Ingester(store: store).ingest(file: path, options: IngestOptions(skipBadRows: true))
        #expect(report.status == .partial && report.rowsRejected == 1 && report.rowsWritten == 2)
        #expect(try store.load(symbol: "DUP").close == [1.5, 1.8])
    }

    @Test func mixedDailyAndHourlyRowsNeedAnInterval() throws {
        var text = head
        for d in 2...9 { text += "2024-01-0\(d),1,2,0.5,1.5,10\n" }
        for h in 10...20 { text += "2024-01-10 \(h):00:00,1,2,0.5,1.5,10\n" }
        let path = try file("MIX.csv", text)
        let store = try Fixtures.scratchStore()
        let error = #expect(throws: IngestError.self) { try Ingester(store: store).ingest(file: path, options: IngestOptions()) }
        #expect(error?.description.contains("cannot infer the bar interval") == true)
        #expect(error?.description.hasSuffix("pass --interval (e.g. 1d, 1h, 5m, 1wk, 1mo)") == true)
        let forced = try Ingester(store: store).ingest(file: path, options: IngestOptions(interval: .hourly))
        #expect(forced.parts[0].interval == .hourly)
    }

    private func twoInstruments() throws -> (store: DatasetStore, goog: String, other: String) {
        let store = try Fixtures.scratchStore()
        let goog = Fixtures.data("GOOG_daily_2004-2013.csv")
        _ = try Ingester(store: store).ingest(file: goog, options: IngestOptions())
        return (store, goog, Fixtures.data("ORCL_daily_1995-2014.csv"))
    }

    /// Issue 12: `ingest OTHER.csv --symbol GOOG` silently replaced GOOG's bars.
    @Test func anotherInstrumentUnderAStoredSymbolIsRefusedAndNothingWritten() throws {
        let (store, _, other) = try twoInstruments()
        let before = try StoreSnapshot(store)
        let error = #expect(throws: IngestError.self) {
            try Ingester(store: store).ingest(file: other, options: IngestOptions(symbol: "GOOG"))
        }
        guard case let .wouldReplace(_, symbol, interval, changed, overlapping)? = error else {
            Issue.record("expected wouldReplace, got \(String(describing: error))")
            return
        }
        #expect(symbol == "GOOG" && interval == .daily && changed == overlapping && overlapping == 2148)
        #expect(error?.description.contains("Pass --replace") == true)
        #expect(try StoreSnapshot(store) == before)
    }

    @Test func replaceOverwritesAndCountsTheReplacedBars() throws {
        let (store, _, other) = try twoInstruments()
        let report = try Ingester(store: store).ingest(file: other, options: IngestOptions(symbol: "GOOG", overlap: .replace))
        let orcl = try InputParser.parse(Fixtures.bytes(other), format: .auto, options: ParseOptions(fileName: "o", symbol: "GOOG"))
        #expect(report.parts[0].replaced == 2148)
        #expect(report.parts[0].added == orcl.series[0].count - 2148)
        #expect(report.rowsWritten == orcl.series[0].count)
        #expect(try store.load(symbol: "GOOG").count == orcl.series[0].count)
    }

    @Test func appendKeepsStoredBarsAndAddsOnlyNewTimestamps() throws {
        let (store, _, other) = try twoInstruments()
        let goog = try store.load(symbol: "GOOG")
        let report = try Ingester(store: store).ingest(file: other, options: IngestOptions(symbol: "GOOG", overlap: .append))
        #expect(report.parts[0].replaced == 0 && report.parts[0].overlapping == 2148)
        let after = try store.load(symbol: "GOOG")
        let kept = after.timestamps.indices.filter { goog.timestamps.contains(after.timestamps[$0]) }
        #expect(kept.map { after.close[$0] } == goog.close)
        #expect(after.count == goog.count + report.parts[0].added)
    }

    @Test func aFewChangedBarsPassWithoutReplaceAndAreCounted() throws {
        let store = try Fixtures.scratchStore()
        var rows = (0..<20).map { "2024-02-\(String(format: "%02d", $0 + 1)),1,2,0.5,1.5,10" }
        let path = try file("FEW.csv", head + rows.joined(separator: "\n") + "\n")
        _ = try Ingester(store: store).ingest(file: path, options: IngestOptions())
        for k in 0..<Ingester.maxReplacedBars { rows[k] = rows[k].replacingOccurrences(of: ",1.5,", with: ",1.6,") }
        try (head + rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Ingester(store: store).ingest(file: path, options: IngestOptions())
        #expect(report.parts[0].replaced == Ingester.maxReplacedBars && report.parts[0].added == 0)
        rows[Ingester.maxReplacedBars] = rows[Ingester.maxReplacedBars].replacingOccurrences(of: ",1.5,", with: ",1.6,")
        for k in 0..<Ingester.maxReplacedBars { rows[k] = rows[k].replacingOccurrences(of: ",1.6,", with: ",1.7,") }
        try (head + rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: IngestError.self) { try Ingester(store: store).ingest(file: path, options: IngestOptions()) }
    }

    @Test func reingestOfTheSameFileIsStillUnchangedUnderEveryPolicy() throws {
        let (store, goog, _) = try twoInstruments()
        for policy in OverlapPolicy.allCases {
            let again = try Ingester(store: store).ingest(file: goog, options: IngestOptions(overlap: policy))
            #expect(again.status == .unchanged && again.rowsWritten == 0, "\(policy)")
        }
    }

    /// A large file goes through the two-core pipeline; a repeated row in a later chunk sends it
    /// back to the whole-file path, with the same counts.
    @Test func largeFileWithARepeatedRowInALaterChunkIsCollapsedLikeASmallOne() throws {
        var text = head
        text.reserveCapacity(6 << 20)
        let start: Int64 = 946_684_800
        for i in 0..<110_000 {
            let stamp = CivilTime.iso8601(start + Int64(i) * 60)
            text += "\(stamp),100.0,101.0,99.0,100.5,\(1_000 + i % 7)\n"
            if i == 90_000 { text += "\(stamp),100.0,101.0,99.0,100.5,\(1_000 + i % 7)\n" }
        }
        let path = try file("BIG.csv", text)
        #expect(text.utf8.count > PipelinedIngest.minimumBytes)
        let store = try Fixtures.scratchStore()
        let report = try Ingester(store: store).ingest(file: path, options: IngestOptions())
        #expect(report.rowsRead == 110_001 && report.rowsWritten == 110_000 && report.duplicatesCollapsed == 1)
        #expect(report.parts[0].interval == Interval(count: 1, unit: .minute))
        #expect(try store.load(symbol: "BIG").count == 110_000)
    }

    @Test func largeAscendingFileGoesThroughThePipelineWithExactCounts() throws {
        var text = head
        let start: Int64 = 946_684_800
        for i in 0..<110_000 { text += "\(CivilTime.iso8601(start + Int64(i) * 60)),100.0,101.0,99.0,100.5,\(1_000 + i % 7)\n" }
        let path = try file("BIG.csv", text)
        let store = try Fixtures.scratchStore()
        let report = try Ingester(store: store).ingest(file: path, options: IngestOptions())
        #expect(report.rowsWritten == 110_000 && report.parts[0].added == 110_000 && report.parts[0].bars == 110_000)
        // A second file with a few more rows: the first 110,000 unchanged, the new ones added.
        for i in 110_000..<110_010 { text += "\(CivilTime.iso8601(start + Int64(i) * 60)),100.0,101.0,99.0,100.5,1000\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let more = try Ingester(store: store).ingest(file: path, options: IngestOptions())
        #expect(more.rowsWritten == 10 && more.parts[0].added == 10 && more.parts[0].replaced == 0)
    }
}
