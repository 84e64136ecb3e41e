import Foundation
import Testing
@testable import MarketData

/// Large files are parsed in chunks on a second core: the result must be that of a whole-file
/// parse, with the file's own line numbers in messages.
@Suite struct PipelinedIngestTests {
    /// 120,000 five-minute bars (about 6 MB, above `PipelinedIngest.minimumBytes`), with an
    /// optional bad High on one line.
    private func bigFile(badLine: Int? = nil) throws -> URL {
        var text = "# generated for PipelinedIngestTests\nDate,Open,High,Low,Close,Volume\n"
        let start: Int64 = 1_600_000_000
        for i in 0..<120_000 {
            let line = i + 3
            let p = 100 + Double(i % 977) / 100
            let high = line == badLine ? "x\(i)" : String(p + 1)
            text += "\(start + Int64(i) * 300),\(p),\(high),\(p - 1),\(p + 0.25),\(1000 + i)\n"
        }
        let url = try Fixtures.scratchDirectory().appendingPathComponent("BIG.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func chunkedIngestStoresWhatAWholeFileParseReads() throws {
        let file = try bigFile()
        let bytes = try Fixtures.bytes(file.path)
        #expect(bytes.count >= PipelinedIngest.minimumBytes)
        let whole = try OHLCVParser.parse(bytes, format: .ohlcv, options: ParseOptions(fileName: "BIG.csv", symbol: "BIG"))
        let store = try Fixtures.scratchStore()
        let report = try Ingester(store: store).ingest(file: file.path, options: IngestOptions())
        #expect(report.rowsRead == 120_000 && report.rowsWritten == 120_000 && report.status == .ok)
        #expect(report.sha256 == SHA256.hex(bytes) && report.parts.first?.interval == Interval(count: 5, unit: .minute))
        let loaded = try store.load(symbol: "BIG")
        #expect(loaded == whole.series[0])
        #expect(try store.ingests().first?.sha256 == SHA256.hex(bytes))
    }

    @Test func badRowInALaterChunkNamesTheFileLineAndWritesNothing() throws {
        let file = try bigFile(badLine: 100_003)
        let store = try Fixtures.scratchStore()
        let before = try StoreSnapshot(store)
        #expect(throws: IngestError.badRow(file: file.path, line: 100_003, field: "High", value: "x100000", reason: "is not a number")) {
            try Ingester(store: store).ingest(file: file.path, options: IngestOptions())
        }
        #expect(try StoreSnapshot(store) == before)
    }

    @Test func skippedRowInALaterChunkIsRecordedWithItsLine() throws {
        let file = try bigFile(badLine: 90_001)
        let store = try Fixtures.scratchStore()
        let report = try Ingester(store: store).ingest(file: file.path, options: IngestOptions(skipBadRows: true))
        #expect(report.rowsWritten == 119_999 && report.rowsRejected == 1 && report.status == .partial)
        #expect(report.findings.contains { $0.rule == .badRow && $0.detail.hasPrefix("line 90001: field 'High'") })
    }
}
