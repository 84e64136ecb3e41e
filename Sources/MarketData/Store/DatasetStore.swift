import Foundation

/// The SQLite dataset store (DESIGN.md section 6): instruments, bars, the ingest audit and data
/// quality findings, in WAL mode, migrated forward on open.
///
/// One connection per instance; not thread-safe (open one store per thread). Reads see a
/// consistent snapshot while another process ingests, thanks to WAL.
public final class DatasetStore {
    public let path: String
    /// Seconds a write waits for another process's lock before failing with `StoreError.busy`.
    public let busyTimeout: Double
    let db: SQLiteDatabase

    /// Opens the store at `path`, creating it (and its schema) when it does not exist. A write
    /// that finds the store locked by another process waits up to `busyTimeout` seconds, then
    /// fails with a `StoreError` that says so.
    public init(path: String, readOnly: Bool = false, busyTimeout: Double = SQLiteDatabase.defaultBusyTimeout) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        do {
            db = try SQLiteDatabase(path: path, create: !readOnly, readOnly: readOnly, busyTimeout: busyTimeout)
            if !readOnly {
                try db.execute("PRAGMA journal_mode = WAL")
                try db.execute("PRAGMA synchronous = NORMAL")
            }
            try db.execute("PRAGMA cache_size = -16384")
            // Reads map the file instead of copying pages through the page cache.
            try db.execute("PRAGMA mmap_size = 1073741824")
        } catch {
            throw .from(error, path: path, busyTimeout: busyTimeout)
        }
        try migrate(readOnly: readOnly)
    }

    private func migrate(readOnly: Bool) throws(StoreError) {
        do {
            let version = try db.userVersion
            if version > StoreSchema.currentVersion {
                throw StoreError.newerSchema(path: path, found: version, supported: StoreSchema.currentVersion)
            }
            guard version < StoreSchema.currentVersion, !readOnly else { return }
            for v in version..<StoreSchema.currentVersion {
                try db.transaction {
                    try db.execute(StoreSchema.migrations[v])
                    try db.execute("PRAGMA user_version = \(v + 1)")
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw .from(error, path: path, busyTimeout: busyTimeout)
        } catch {
            throw .sqlite(SQLiteError(code: -1, message: "\(error)", sql: nil), path: path)
        }
    }

    /// Runs `body` with SQLite errors reported against this store's path.
    func run<T>(_ body: () throws(SQLiteError) -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw .from(error, path: path, busyTimeout: busyTimeout) }
    }

    /// The schema version (`PRAGMA user_version`).
    public var schemaVersion: Int {
        get throws(StoreError) { try run { () throws(SQLiteError) in try db.userVersion } }
    }

    /// All symbols, sorted.
    public func symbols() throws(StoreError) -> [String] {
        try run { () throws(SQLiteError) in
            let s = try db.prepare("SELECT symbol FROM instruments ORDER BY symbol")
            var out: [String] = []
            while try s.step() { out.append(s.string(0) ?? "") }
            return out
        }
    }

    /// The id of `symbol`, or nil.
    func instrumentID(_ symbol: String) throws(StoreError) -> Int64? {
        try run { () throws(SQLiteError) in
            let s = try db.prepare("SELECT id FROM instruments WHERE symbol = ?")
            try s.bind(1, symbol)
            return try s.step() ? s.int64(0) : nil
        }
    }

    /// The intervals at which `symbol` has bars, finest first.
    public func intervals(of symbol: String) throws(StoreError) -> [Interval] {
        guard let id = try instrumentID(symbol) else { throw .unknownSymbol(symbol, known: try symbols()) }
        return try run { () throws(SQLiteError) in
            let s = try db.prepare("SELECT DISTINCT interval FROM bars WHERE instrument_id = ?")
            try s.bind(1, id)
            var out: [Interval] = []
            while try s.step() { if let i = s.string(0).flatMap(Interval.init) { out.append(i) } }
            return out.sorted()
        }
    }

    /// Loads a symbol's bars in ascending time order into a `BarSeries`.
    ///
    /// - Parameters:
    ///   - interval: nil takes the symbol's only interval (an error when it has several); one the
    ///     symbol has no bars at is `StoreError.noBars`.
    ///   - from, to: inclusive bounds in UTC epoch seconds; nil is open-ended.
    ///   - adjusted: scale open, high, low and close by `adj_close / close` (split and dividend
    ///     adjustment); volume is left as traded.
    /// - Complexity: O(n) in the bars returned, read by range scans of the primary key (two in
    ///   parallel for large ranges, see `BarRangeReader`).
    public func load(
        symbol: String, interval: Interval? = nil, from: Int64? = nil, to: Int64? = nil, adjusted: Bool = false
    ) throws(StoreError) -> BarSeries {
        guard let id = try instrumentID(symbol) else { throw .unknownSymbol(symbol, known: try symbols()) }
        let chosen: Interval
        if let interval {
            // An interval the symbol has no bars at is a mistake to name, not an empty range.
            guard try intervals(of: symbol).contains(interval) else { throw .noBars(symbol: symbol, interval: interval) }
            chosen = interval
        } else {
            let all = try intervals(of: symbol)
            guard let only = all.first else { throw .noBars(symbol: symbol, interval: .daily) }
            guard all.count == 1 else { throw .ambiguousInterval(symbol: symbol, intervals: all) }
            chosen = only
        }
        let series = try run { () throws(SQLiteError) in
            try BarRangeReader.read(db: db, path: path, instrumentID: id, symbol: symbol, interval: chosen,
                                    from: from ?? Int64.min, to: to ?? Int64.max)
        }
        return adjusted ? series.adjusted() : series
    }

    /// What the store holds, one entry per symbol and interval, sorted by symbol.
    public func summaries() throws(StoreError) -> [DatasetSummary] {
        try run { () throws(SQLiteError) in
            let s = try db.prepare("""
                SELECT i.symbol, b.interval, count(*), min(b.ts), max(b.ts), i.source
                FROM bars b JOIN instruments i ON i.id = b.instrument_id
                GROUP BY b.instrument_id, b.interval ORDER BY i.symbol, b.interval
                """)
            var out: [DatasetSummary] = []
            while try s.step() {
                out.append(DatasetSummary(
                    symbol: s.string(0) ?? "", interval: s.string(1).flatMap(Interval.init) ?? .daily,
                    bars: Int(s.int64(2)), first: s.int64(3), last: s.int64(4), source: s.string(5)))
            }
            return out
        }
    }

    /// The ingest audit, newest first.
    public func ingests(limit: Int = 1_000) throws(StoreError) -> [IngestRecord] {
        try run { () throws(SQLiteError) in
            let s = try db.prepare("""
                SELECT id, started_at, finished_at, source, path, sha256, rows_read, rows_written,
                       rows_rejected, status, message FROM ingests ORDER BY id DESC LIMIT ?
                """)
            try s.bind(1, Int64(limit))
            var out: [IngestRecord] = []
            while try s.step() {
                out.append(IngestRecord(
                    id: s.int64(0), startedAt: s.string(1) ?? "", finishedAt: s.string(2), source: s.string(3) ?? "",
                    path: s.string(4), sha256: s.string(5), rowsRead: Int(s.int64(6)), rowsWritten: Int(s.int64(7)),
                    rowsRejected: Int(s.int64(8)), status: s.string(9) ?? "", message: s.string(10)))
            }
            return out
        }
    }
}
