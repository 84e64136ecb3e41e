/// The prepared upserts that write bars: a new bar is inserted, a changed bar is updated, and
/// an identical bar is left alone (so re-ingesting a file writes nothing). With `keepExisting`
/// (`--append`) a stored bar is never updated: only new timestamps are inserted. Runs inside
/// the caller's transaction.
///
/// Bars go in batches of `batchSize` rows per statement (one `VALUES` list), which spares
/// SQLite the per-statement reset and cursor setup that dominate row-at-a-time inserts; the
/// remainder goes row by row. No allocation per bar.
struct BarWriter {
    static let batchSize = 200
    private let batch: SQLiteStatement
    private let single: SQLiteStatement
    private let db: SQLiteDatabase

    init(_ db: SQLiteDatabase, keepExisting: Bool = false) throws(SQLiteError) {
        self.db = db
        batch = try db.prepare(Self.sql(rows: Self.batchSize, keepExisting: keepExisting))
        single = try db.prepare(Self.sql(rows: 1, keepExisting: keepExisting))
    }

    private static func sql(rows: Int, keepExisting: Bool) -> String {
        let tuple = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        let insert = """
            INSERT INTO bars(instrument_id, interval, ts, open, high, low, close, volume, adj_close)
            VALUES \(Array(repeating: tuple, count: rows).joined(separator: ", "))
            """
        if keepExisting { return insert + " ON CONFLICT(instrument_id, interval, ts) DO NOTHING" }
        return insert + """

            ON CONFLICT(instrument_id, interval, ts) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, adj_close = excluded.adj_close
            WHERE open IS NOT excluded.open OR high IS NOT excluded.high OR low IS NOT excluded.low
               OR close IS NOT excluded.close OR volume IS NOT excluded.volume
               OR adj_close IS NOT excluded.adj_close
            """
    }

    /// Writes the bars of `series` and returns how many were inserted or changed.
    func upsert(_ series: BarSeries, instrumentID: Int64) throws(SQLiteError) -> Int {
        let interval = series.interval.description
        var written = 0
        var i = 0
        let n = series.count
        while i + Self.batchSize <= n {
            for k in 0..<Self.batchSize {
                try bind(batch, row: Int32(k), series, i + k, instrumentID, interval)
            }
            try batch.step()
            written += db.changes
            batch.reset()
            i += Self.batchSize
        }
        while i < n {
            try bind(single, row: 0, series, i, instrumentID, interval)
            try single.step()
            written += db.changes
            single.reset()
            i += 1
        }
        return written
    }

    @inline(__always)
    private func bind(
        _ s: SQLiteStatement, row: Int32, _ series: BarSeries, _ i: Int, _ id: Int64, _ interval: String
    ) throws(SQLiteError) {
        let p = row * 9
        try s.bind(p + 1, id)
        try s.bindStatic(p + 2, interval)
        try s.bind(p + 3, series.timestamps[i])
        try s.bind(p + 4, series.open[i])
        try s.bind(p + 5, series.high[i])
        try s.bind(p + 6, series.low[i])
        try s.bind(p + 7, series.close[i])
        try s.bind(p + 8, series.volume[i])
        try s.bind(p + 9, series.adjClose[i])
    }
}
