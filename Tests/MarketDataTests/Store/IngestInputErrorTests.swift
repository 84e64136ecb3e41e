import Foundation
import Testing

@testable import MarketData

/// Inputs that cannot be read, symbols that cannot be stored, and a store another process holds.
@Suite struct IngestInputErrorTests {
    @Test func directoryIsReportedAsADirectory() throws {
        let dir = try Fixtures.scratchDirectory()
        #expect(throws: IngestError.unreadable(file: dir.path, reason: "is a directory")) {
            try Ingester(store: try Fixtures.scratchStore()).ingest(file: dir.path, options: IngestOptions())
        }
    }

    @Test func pathsThatCannotBeOpenedGiveTheSystemsReason() throws {
        let store = try Fixtures.scratchStore()
        let missing = try Fixtures.scratchDirectory().appendingPathComponent("none.csv").path
        #expect(throws: IngestError.unreadable(file: missing, reason: "No such file or directory")) {
            try Ingester(store: store).ingest(file: missing, options: IngestOptions())
        }
        let throughAFile = Fixtures.data("GOOG_daily_2004-2013.csv") + "/x.csv"
        #expect(throws: IngestError.unreadable(file: throughAFile, reason: "Not a directory")) {
            try Ingester(store: store).ingest(file: throughAFile, options: IngestOptions())
        }
        #expect(!IngestError.unreadable(file: "f", reason: "is a directory").description.contains("NSCocoaErrorDomain"))
    }

    @Test(arguments: ["", "../x", "A\nB", "BTC/USD", "A B"])
    func explicitSymbolOutsideTheCharacterSetIsRejected(symbol: String) throws {
        let store = try Fixtures.scratchStore()
        let error = #expect(throws: IngestError.self) {
            try Ingester(store: store).ingest(file: Fixtures.data("GOOG_daily_2004-2013.csv"), options: IngestOptions(symbol: symbol))
        }
        guard case let .badSymbol(_, s, origin, _)? = error else {
            Issue.record("expected badSymbol, got \(String(describing: error))")
            return
        }
        #expect(s == symbol && origin == "given with --symbol")
        #expect(try store.symbols().isEmpty)
    }

    @Test func symbolFromAFileNameOutsideTheCharacterSetAsksForSymbol() throws {
        let url = try Fixtures.scratchDirectory().appendingPathComponent("my prices.csv")
        try "Date,Close\n2024-01-02,1.5\n2024-01-03,1.6\n".write(to: url, atomically: true, encoding: .utf8)
        let store = try Fixtures.scratchStore()
        let error = #expect(throws: IngestError.self) { try Ingester(store: store).ingest(file: url.path, options: IngestOptions()) }
        #expect(error?.description.contains("the symbol 'MY PRICES' (taken from the file name 'my prices.csv'; pass --symbol) contains a space") == true)
        let named = try Ingester(store: store).ingest(file: url.path, options: IngestOptions(symbol: "MINE"))
        #expect(named.parts.map(\.symbol) == ["MINE"])
    }

    /// "database is locked": wait (10 s by default; 0.2 s here), then say who holds it.
    @Test func busyStoreWaitsThenSaysAnotherProcessIsWriting() throws {
        let path = try Fixtures.scratchDirectory().appendingPathComponent("s.sqlite").path
        _ = try DatasetStore(path: path)
        let holder = try SQLiteDatabase(path: path)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }
        let store = try DatasetStore(path: path, busyTimeout: 0.2)
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: StoreError.self) {
            try Ingester(store: store).ingest(file: Fixtures.data("GOOG_daily_2004-2013.csv"), options: IngestOptions())
        }
        #expect(clock.now - start >= .milliseconds(200))
        #expect(error?.description == "\(path): another process is writing to the store (still locked after waiting 0.2 s); wait for it to finish, then run the command again")
    }
}
