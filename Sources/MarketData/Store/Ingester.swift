import Foundation

/// Writes parsed files into a `DatasetStore`: one transaction per file, so a file either lands
/// whole (bars, audit row and quality findings) or not at all.
///
/// Upserts are idempotent: a bar whose values are unchanged is not rewritten, and a file that
/// changes nothing is rolled back and reported `unchanged`.
public struct Ingester {
    public let store: DatasetStore
    public var quality = QualityCheck()

    public init(store: DatasetStore) {
        self.store = store
    }

    /// Reads, parses and stores the file at `path`.
    public func ingest(file path: String, options: IngestOptions) throws -> IngestReport {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "\(error.localizedDescription)" : "no such file"
            throw IngestError.unreadable(file: path, reason: reason)
        }
        return try ingest(bytes: bytes, name: path, source: nil, options: options)
    }

    /// Parses and stores `bytes` (a file's content or a downloaded payload). `name` is used in
    /// messages and recorded as the path; `source` overrides the recorded source (e.g.
    /// `binance:BTCUSDT` for a download), which defaults to the detected format.
    public func ingest(bytes: [UInt8], name: String, source: String?, options: IngestOptions) throws -> IngestReport {
        let symbol = options.symbol ?? IngestOptions.symbol(fromFileName: name)
        let parseOptions = ParseOptions(
            fileName: name, symbol: symbol, symbolIsExplicit: options.symbol != nil,
            skipBadRows: options.skipBadRows, interval: options.interval)
        // The fingerprint is computed on the other core while this one parses.
        let digest = DigestTask(bytes)
        let parsed = try InputParser.parse(bytes, format: options.format, options: parseOptions)
        return try write(parsed, path: name, sha256: digest.wait(), source: source ?? parsed.format.rawValue)
    }

    /// Stores an already parsed file in one transaction.
    public func write(_ parsed: ParsedFile, path: String, sha256: String, source: String) throws -> IngestReport {
        guard parsed.series.contains(where: { !$0.isEmpty }) else {
            throw IngestError.empty(file: path)
        }
        var findings: [QualityFinding] = []
        for series in parsed.series { findings += quality.check(fileOrder: series) }
        for row in parsed.rejected {
            findings.append(QualityFinding(
                rule: .badRow, symbol: row.symbol ?? parsed.series.first?.symbol ?? "",
                timestamp: nil, detail: "line \(row.line): field '\(row.field)': '\(row.value)' \(row.reason)"))
        }
        let db = store.db
        var report = IngestReport(
            path: path, format: parsed.format, sha256: sha256, ingestID: nil, rowsRead: parsed.rowsRead,
            rowsWritten: 0, rowsRejected: parsed.rejected.count, status: parsed.rejected.isEmpty ? .ok : .partial,
            parts: [], findings: findings)
        let assetClass = (parsed.format == .binance || parsed.format == .coingecko) ? "crypto" : nil
        try db.execute("BEGIN IMMEDIATE")
        do {
            let started = CivilTime.iso8601(Int64(Date().timeIntervalSince1970))
            let audit = try db.prepare("INSERT INTO ingests(started_at, source, path, sha256, status) VALUES (?, ?, ?, ?, 'running')")
            try audit.bind(1, started)
            try audit.bind(2, source)
            try audit.bind(3, path)
            try audit.bind(4, sha256)
            try audit.step()
            let ingestID = db.lastInsertRowID
            var newInstruments = 0
            let writer = try BarWriter(db)
            var instrumentIDs: [String: Int64] = [:]
            for series in parsed.series where !series.isEmpty {
                let (id, created) = try instrument(series.symbol, source: source, assetClass: assetClass)
                instrumentIDs[series.symbol] = id
                if created { newInstruments += 1 }
                let sorted = series.sortedByTime()
                let written = try writer.upsert(sorted, instrumentID: id)
                report.rowsWritten += written
                report.parts.append(.init(
                    symbol: series.symbol, interval: series.interval, bars: sorted.count, written: written,
                    first: sorted.timestamps.first ?? 0, last: sorted.timestamps.last ?? 0))
            }
            guard report.rowsWritten > 0 || newInstruments > 0 else {
                try db.execute("ROLLBACK")
                report.status = .unchanged
                return report
            }
            let issue = try db.prepare("INSERT INTO quality_issues(ingest_id, instrument_id, ts, rule, detail) VALUES (?, ?, ?, ?, ?)")
            for f in findings {
                try issue.bind(1, ingestID)
                if let id = instrumentIDs[f.symbol] { try issue.bind(2, id) } else { try issue.bindNull(2) }
                if let ts = f.timestamp { try issue.bind(3, ts) } else { try issue.bindNull(3) }
                try issue.bind(4, f.rule.rawValue)
                try issue.bind(5, f.detail)
                try issue.step()
                issue.reset()
            }
            let finish = try db.prepare("""
                UPDATE ingests SET finished_at = ?, rows_read = ?, rows_written = ?, rows_rejected = ?, status = ?, message = ?
                WHERE id = ?
                """)
            try finish.bind(1, CivilTime.iso8601(Int64(Date().timeIntervalSince1970)))
            try finish.bind(2, Int64(report.rowsRead))
            try finish.bind(3, Int64(report.rowsWritten))
            try finish.bind(4, Int64(report.rowsRejected))
            try finish.bind(5, report.status.rawValue)
            try finish.bind(6, summary(of: findings))
            try finish.bind(7, ingestID)
            try finish.step()
            try db.execute("COMMIT")
            report.ingestID = ingestID
            return report
        } catch {
            try? db.execute("ROLLBACK")
            if let e = error as? SQLiteError { throw StoreError.sqlite(e, path: store.path) }
            throw error
        }
    }

    private func instrument(_ symbol: String, source: String, assetClass: String?) throws -> (Int64, Bool) {
        if let id = try store.instrumentID(symbol) { return (id, false) }
        let s = try store.db.prepare("INSERT INTO instruments(symbol, asset_class, source) VALUES (?, ?, ?)")
        try s.bind(1, symbol)
        try s.bind(2, assetClass)
        try s.bind(3, source)
        try s.step()
        return (store.db.lastInsertRowID, true)
    }

    private func summary(of findings: [QualityFinding]) -> String? {
        guard !findings.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for f in findings { counts[f.rule.rawValue, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }
}

/// SHA-256 of a buffer computed on a background thread; `wait()` returns the hex digest.
private final class DigestTask: @unchecked Sendable {
    private let group = DispatchGroup()
    private var digest = ""  // written once by the worker before `group.leave()`

    init(_ bytes: [UInt8]) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            digest = SHA256.hex(bytes)
            group.leave()
        }
    }

    func wait() -> String {
        group.wait()
        return digest
    }
}
