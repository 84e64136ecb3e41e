import Foundation

/// One ingest in the store: `BEGIN IMMEDIATE` and the audit row first, bars as they come, the
/// findings and the audit's figures last, then one commit, or a rollback that leaves the store
/// exactly as it was.
final class IngestTransaction {
    private let store: DatasetStore
    private let writer: BarWriter
    private let source: String
    private let assetClass: String?
    private(set) var ingestID: Int64 = 0
    private(set) var rowsWritten = 0
    private(set) var newInstruments = 0
    private var instrumentIDs: [String: Int64] = [:]
    /// Per symbol and interval: the bars stored before this ingest (nil for a new instrument,
    /// which had none) and the bars written since.
    private var tallies: [Key: (before: Int?, written: Int)] = [:]
    private var open = false
    private var instrumentIsNew: Set<String> = []

    private struct Key: Hashable {
        var instrumentID: Int64
        var interval: String
    }

    init(store: DatasetStore, source: String, path: String, format: IngestFormat, overlap: OverlapPolicy = .guarded) throws {
        self.store = store
        self.source = source
        assetClass = (format == .binance || format == .coingecko) ? "crypto" : nil
        let db = store.db
        try db.execute("BEGIN IMMEDIATE")
        open = true
        do {
            writer = try BarWriter(db, keepExisting: overlap == .append)
            let audit = try db.prepare("INSERT INTO ingests(started_at, source, path, status) VALUES (?, ?, ?, 'running')")
            try audit.bind(1, Self.now())
            try audit.bind(2, source)
            try audit.bind(3, path)
            try audit.step()
            ingestID = db.lastInsertRowID
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    deinit { rollback() }

    /// Upserts bars of one symbol (any order, one bar per timestamp); returns how many were
    /// inserted or changed.
    func write(_ series: BarSeries) throws -> Int {
        guard !series.isEmpty else { return 0 }
        let id = try instrument(series.symbol)
        let key = Key(instrumentID: id, interval: series.interval.description)
        if tallies[key] == nil {
            // An instrument created by this transaction has no bars yet; counting is skipped.
            tallies[key] = (instrumentIsNew.contains(series.symbol) ? nil : try count(key), 0)
        }
        let written = try writer.upsert(series, instrumentID: id)
        tallies[key]!.written += written
        rowsWritten += written
        return written
    }

    /// How many bars of `symbol` at `interval` this transaction added (new timestamps) and
    /// replaced (stored bars changed), from the stored count before and after.
    func tally(symbol: String, interval: Interval) throws -> (added: Int, replaced: Int) {
        guard let id = instrumentIDs[symbol], let t = tallies[Key(instrumentID: id, interval: interval.description)] else {
            return (0, 0)
        }
        guard let before = t.before else { return (t.written, 0) }
        let added = try count(Key(instrumentID: id, interval: interval.description)) - before
        return (added, t.written - added)
    }

    private func count(_ key: Key) throws -> Int {
        let s = try store.db.prepare("SELECT count(*) FROM bars WHERE instrument_id = ? AND interval = ?")
        try s.bind(1, key.instrumentID)
        try s.bind(2, key.interval)
        return try s.step() ? Int(s.int64(0)) : 0
    }

    /// Records the findings and the audit figures and commits. When nothing changed the whole
    /// transaction is rolled back instead (re-ingesting a file writes nothing) and this
    /// returns false.
    func commit(_ report: IngestReport) throws -> Bool {
        guard rowsWritten > 0 || newInstruments > 0 else {
            rollback()
            return false
        }
        let db = store.db
        let issue = try db.prepare("INSERT INTO quality_issues(ingest_id, instrument_id, ts, rule, detail) VALUES (?, ?, ?, ?, ?)")
        for f in report.findings {
            try issue.bind(1, ingestID)
            if let id = instrumentIDs[f.symbol] { try issue.bind(2, id) } else { try issue.bindNull(2) }
            if let ts = f.timestamp { try issue.bind(3, ts) } else { try issue.bindNull(3) }
            try issue.bind(4, f.rule.rawValue)
            try issue.bind(5, f.detail)
            try issue.step()
            issue.reset()
        }
        let finish = try db.prepare("""
            UPDATE ingests SET finished_at = ?, sha256 = ?, rows_read = ?, rows_written = ?, rows_rejected = ?,
                status = ?, message = ? WHERE id = ?
            """)
        try finish.bind(1, Self.now())
        try finish.bind(2, report.sha256)
        try finish.bind(3, Int64(report.rowsRead))
        try finish.bind(4, Int64(rowsWritten))
        try finish.bind(5, Int64(report.rowsRejected))
        try finish.bind(6, report.status.rawValue)
        try finish.bind(7, Self.summary(of: report.findings))
        try finish.bind(8, ingestID)
        try finish.step()
        try db.execute("COMMIT")
        open = false
        return true
    }

    func rollback() {
        guard open else { return }
        try? store.db.execute("ROLLBACK")
        open = false
    }

    private func instrument(_ symbol: String) throws -> Int64 {
        if let id = instrumentIDs[symbol] { return id }
        if let id = try store.instrumentID(symbol) {
            instrumentIDs[symbol] = id
            return id
        }
        let s = try store.db.prepare("INSERT INTO instruments(symbol, asset_class, source) VALUES (?, ?, ?)")
        try s.bind(1, symbol)
        try s.bind(2, assetClass)
        try s.bind(3, source)
        try s.step()
        let id = store.db.lastInsertRowID
        instrumentIDs[symbol] = id
        instrumentIsNew.insert(symbol)
        newInstruments += 1
        return id
    }

    private static func now() -> String { CivilTime.iso8601(Int64(Date().timeIntervalSince1970)) }

    private static func summary(of findings: [QualityFinding]) -> String? {
        guard !findings.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for f in findings { counts[f.rule.rawValue, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }
}
