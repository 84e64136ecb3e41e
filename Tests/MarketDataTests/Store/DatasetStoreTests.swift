import Foundation
import Testing
@testable import MarketData

/// The store: schema, round trips, idempotence and atomicity of ingests.
@Suite struct DatasetStoreTests {
    @Test func newStoreIsAtTheCurrentSchemaVersionInWALMode() throws {
        let store = try Fixtures.scratchStore()
        #expect(try store.schemaVersion == StoreSchema.currentVersion)
        #expect(try store.db.prepare("PRAGMA journal_mode").stepString() == "wal")
    }

    @Test func storeFromANewerBarwiseIsRefused() throws {
        let dir = try Fixtures.scratchDirectory()
        let path = dir.appendingPathComponent("s.sqlite").path
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("PRAGMA user_version = 99")
        }
        #expect(throws: StoreError.self) { try DatasetStore(path: path) }
    }

    @Test func googRoundTripsEveryValueExactly() throws {
        let store = try Fixtures.scratchStore()
        let path = Fixtures.data("GOOG_daily_2004-2013.csv")
        let report = try Ingester(store: store).ingest(file: path, options: IngestOptions())
        #expect(report.rowsWritten == 2148 && report.status == .ok && report.ingestID != nil)
        let loaded = try store.load(symbol: "GOOG")
        // Read the CSV independently of the ingest parser: split lines and use Double(String).
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(loaded.count == lines.count)
        for (i, line) in lines.enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(CivilTime.isoDate(loaded.timestamps[i]) == f[0])
            #expect(loaded.open[i] == Double(f[1]) && loaded.high[i] == Double(f[2]))
            #expect(loaded.low[i] == Double(f[3]) && loaded.close[i] == Double(f[4]))
            #expect(loaded.volume[i] == Double(f[5]) && loaded.adjClose[i] == Double(f[4]))
        }
    }

    @Test func loadHonoursTheDateRangeInclusively() throws {
        let store = try Fixtures.scratchStore()
        _ = try Ingester(store: store).ingest(file: Fixtures.data("GOOG_daily_2004-2013.csv"), options: IngestOptions())
        let from = try #require(CivilTime.parseTimestamp("2005-01-03"))
        let to = try #require(CivilTime.parseTimestamp("2005-01-07"))
        let week = try store.load(symbol: "GOOG", interval: .daily, from: from, to: to)
        #expect(week.timestamps.map(CivilTime.isoDate) == ["2005-01-03", "2005-01-04", "2005-01-05", "2005-01-06", "2005-01-07"])
    }

    @Test func adjustedLoadScalesByAdjCloseOverClose() throws {
        let store = try Fixtures.scratchStore()
        _ = try Ingester(store: store).ingest(file: Fixtures.data("ORCL_daily_1995-2014.csv"), options: IngestOptions())
        let adjusted = try store.load(symbol: "ORCL", adjusted: true)
        #expect(adjusted.close[0] == 1.883304)
        #expect(abs(adjusted.high[0] - 2.191358 * 1.883304 / 2.117284) < 1e-15)
    }

    @Test func reingestingTheSameFileChangesNothing() throws {
        let store = try Fixtures.scratchStore()
        let ingester = Ingester(store: store)
        let path = Fixtures.data("GOOG_daily_2004-2013.csv")
        _ = try ingester.ingest(file: path, options: IngestOptions())
        let before = try StoreSnapshot(store)
        let again = try ingester.ingest(file: path, options: IngestOptions())
        #expect(again.status == .unchanged && again.rowsWritten == 0 && again.ingestID == nil)
        #expect(try StoreSnapshot(store) == before)
    }

    @Test func changedBarsAreUpdatedAndCounted() throws {
        let store = try Fixtures.scratchStore()
        let ingester = Ingester(store: store)
        let dir = try Fixtures.scratchDirectory()
        let a = dir.appendingPathComponent("X.csv")
        try "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1.5,2,1,1.8,10\n".write(to: a, atomically: true, encoding: .utf8)
        _ = try ingester.ingest(file: a.path, options: IngestOptions())
        try "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1.5,2,1,1.9,10\n2024-01-04,1.9,2,1.8,1.95,10\n".write(to: a, atomically: true, encoding: .utf8)
        let second = try ingester.ingest(file: a.path, options: IngestOptions())
        #expect(second.rowsWritten == 2)
        #expect(try store.load(symbol: "X").close == [1.5, 1.9, 1.95])
    }

    @Test func failingIngestLeavesTheStoreExactlyAsItWas() throws {
        let store = try Fixtures.scratchStore()
        let ingester = Ingester(store: store)
        _ = try ingester.ingest(file: Fixtures.data("GOOG_daily_2004-2013.csv"), options: IngestOptions())
        let before = try StoreSnapshot(store)
        #expect(throws: IngestError.self) {
            try ingester.ingest(file: Fixtures.ingest("GOOG_bad_high.csv"), options: IngestOptions(symbol: "GOOG"))
        }
        #expect(throws: IngestError.self) { try ingester.ingest(file: Fixtures.ingest("EMPTY.csv"), options: IngestOptions()) }
        #expect(throws: IngestError.self) { try ingester.ingest(file: "/nonexistent/file.csv", options: IngestOptions()) }
        #expect(try StoreSnapshot(store) == before)
    }

    @Test func failureInsideTheTransactionRollsBackEverything() throws {
        let store = try Fixtures.scratchStore()
        let before = try StoreSnapshot(store)
        // A trigger makes the 1000th bar insert fail after 999 bars were written in the transaction.
        try store.db.execute("""
            CREATE TEMP TRIGGER fail_late BEFORE INSERT ON bars WHEN (SELECT count(*) FROM bars) >= 999
            BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END
            """)
        #expect(throws: StoreError.self) {
            try Ingester(store: store).ingest(file: Fixtures.data("GOOG_daily_2004-2013.csv"), options: IngestOptions())
        }
        #expect(try StoreSnapshot(store) == before)
    }

    @Test func skipBadRowsStoresTheRestAndRecordsTheRow() throws {
        let store = try Fixtures.scratchStore()
        let report = try Ingester(store: store).ingest(
            file: Fixtures.ingest("GOOG_bad_high.csv"), options: IngestOptions(symbol: "GOOG", skipBadRows: true))
        #expect(report.status == .partial && report.rowsRejected == 1 && report.rowsWritten == 3)
        let audit = try #require(try store.ingests().first)
        #expect(audit.status == "partial" && audit.rowsRead == 4 && audit.rowsWritten == 3 && audit.rowsRejected == 1)
        #expect(audit.sha256 == SHA256.hex(try Fixtures.bytes(Fixtures.ingest("GOOG_bad_high.csv"))))
        let findings = try store.checkQuality(symbols: ["GOOG"])
        #expect(findings.contains { $0.rule == .badRow && $0.detail.hasPrefix("line 4: field 'High': 'abc' is not a number") })
    }

    @Test func symbolWithTwoIntervalsNeedsOneChosen() throws {
        let store = try Fixtures.scratchStore()
        let ingester = Ingester(store: store)
        _ = try ingester.ingest(file: Fixtures.data("EURUSD_hourly_2017-2018.csv"), options: IngestOptions(symbol: "X"))
        _ = try ingester.ingest(file: Fixtures.data("GOOG_daily_2004-2013.csv"), options: IngestOptions(symbol: "X"))
        #expect(throws: StoreError.self) { try store.load(symbol: "X") }
        #expect(try store.load(symbol: "X", interval: .hourly).count == 5000)
        #expect(try store.summaries().map(\.interval) == [.daily, .hourly])
    }
}

/// Every row of every table, to compare a store before and after.
struct StoreSnapshot: Equatable {
    var tables: [String: [String]] = [:]

    init(_ store: DatasetStore) throws {
        for table in ["instruments", "bars", "ingests", "quality_issues"] {
            let s = try store.db.prepare("SELECT * FROM \(table)")
            var rows: [String] = []
            while try s.step() { rows.append(s.rowText()) }
            tables[table] = rows.sorted()
        }
        tables["user_version"] = [String(try store.schemaVersion)]
    }
}

extension SQLiteStatement {
    func rowText() -> String {
        (0..<columnCount).map { string(Int32($0)) ?? "NULL" }.joined(separator: "|")
    }

    func stepString() throws -> String? { try step() ? string(0) : nil }
}
