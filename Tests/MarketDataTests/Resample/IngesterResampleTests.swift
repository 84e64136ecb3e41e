import Testing
@testable import MarketData

/// `Ingester.resample`: resampled bars written through the ingest path, with an audit row that
/// names the source, and stored bars treated by the ingest's overlap rules.
@Suite struct IngesterResampleTests {
    static let m5 = Interval(count: 5, unit: .minute)

    static func storeWithIndex() throws -> DatasetStore {
        let store = try Fixtures.scratchStore()
        _ = try Ingester(store: store).ingest(file: Fixtures.data("INDEX_5min_2006-01.csv"), options: IngestOptions(symbol: "INDEX"))
        return store
    }

    @Test func resampledBarsLandInOneAuditedIngestNamingTheSource() throws {
        let store = try Self.storeWithIndex()
        let resampler = try BarResampler(from: Self.m5, to: .hourly, anchorSeconds: 9 * 3_600 + 5 * 60)
        let (read, report) = try Ingester(store: store).resample(symbol: "INDEX", with: resampler, as: "INDEX_H")
        #expect(read == 2_142)
        let stored = try store.load(symbol: "INDEX_H", interval: .hourly)
        let expected = try resampler.resample(store.load(symbol: "INDEX", interval: Self.m5), as: "INDEX_H")
        #expect(stored == expected)
        #expect(report.parts.count == 1 && report.parts[0].bars == stored.count && report.parts[0].added == stored.count)
        #expect(stored.timestamps.first.map(CivilTime.iso8601) == "2006-01-02T09:05:00Z")
        let audit = try #require(try store.ingests().first)
        #expect(audit.id == report.ingestID)
        #expect(audit.source == "resample:INDEX@5m")
        #expect(audit.path == "resample of INDEX 5m (2142 bars) to 1h, anchor 09:05")
        #expect(audit.rowsRead == 2_142 && audit.rowsWritten == stored.count && audit.status == "ok")
        #expect(try store.summaries().first { $0.symbol == "INDEX_H" }?.source == "resample:INDEX@5m")
    }

    @Test func resamplingAgainChangesNothingAndWritesNoAuditRow() throws {
        let store = try Self.storeWithIndex()
        let resampler = try BarResampler(from: Self.m5, to: .daily)
        _ = try Ingester(store: store).resample(symbol: "INDEX", with: resampler)
        let audits = try store.ingests().count
        let (_, again) = try Ingester(store: store).resample(symbol: "INDEX", with: resampler)
        #expect(again.status == .unchanged && again.ingestID == nil)
        #expect(try store.ingests().count == audits)
        #expect(try store.intervals(of: "INDEX") == [Self.m5, .daily], "the source bars stay; the 1d bars sit beside them")
    }

    @Test func changedStoredBarsFollowTheIngestOverlapRules() throws {
        let store = try Self.storeWithIndex()
        let ingester = Ingester(store: store)
        let resampler = try BarResampler(from: Self.m5, to: .hourly)
        _ = try ingester.resample(symbol: "INDEX", with: resampler, as: "INDEX_H")
        // The source revised: every close 1 higher, so every hourly close differs from the stored one.
        var revised = try store.load(symbol: "INDEX", interval: Self.m5)
        revised.close = revised.close.map { $0 + 1 }
        revised.adjClose = revised.close
        revised.high = zip(revised.high, revised.close).map { max($0, $1) }
        _ = try ingester.write(ParsedFile(format: .ohlcv, series: [revised], rowsRead: revised.count), path: "revised", sha256: "", source: "test", overlap: .replace)
        let before = try store.load(symbol: "INDEX_H", interval: .hourly)
        #expect(throws: IngestError.self) { try ingester.resample(symbol: "INDEX", with: resampler, as: "INDEX_H") }
        #expect(try store.load(symbol: "INDEX_H", interval: .hourly) == before, "a refused resample writes nothing")
        let (_, kept) = try ingester.resample(symbol: "INDEX", with: resampler, as: "INDEX_H", overlap: .append)
        #expect(kept.status == .unchanged)
        let (_, replaced) = try ingester.resample(symbol: "INDEX", with: resampler, as: "INDEX_H", overlap: .replace)
        #expect(replaced.parts[0].replaced == before.count)
        #expect(try store.load(symbol: "INDEX_H", interval: .hourly).close == before.close.map { $0 + 1 })
    }

    @Test func aSymbolWithoutBarsAtTheSourceIntervalIsAClearError() throws {
        let store = try Self.storeWithIndex()
        let resampler = try BarResampler(from: Interval(count: 1, unit: .minute), to: .hourly)
        #expect(throws: StoreError.self) { try Ingester(store: store).resample(symbol: "INDEX", with: resampler) }
        #expect(throws: StoreError.self) { try Ingester(store: store).resample(symbol: "NOPE", with: resampler) }
    }
}
