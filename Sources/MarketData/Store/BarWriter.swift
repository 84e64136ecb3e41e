/// The prepared upsert that writes bars: a new bar is inserted, a changed bar is updated, and an
/// identical bar is left alone (so re-ingesting a file writes nothing). Runs inside the
/// caller's transaction; one bind and step per bar, no allocation per bar.
struct BarWriter {
    private let statement: SQLiteStatement
    private let db: SQLiteDatabase

    init(_ db: SQLiteDatabase) throws(SQLiteError) {
        self.db = db
        statement = try db.prepare("""
            INSERT INTO bars(instrument_id, interval, ts, open, high, low, close, volume, adj_close)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT(instrument_id, interval, ts) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, adj_close = excluded.adj_close
            WHERE open IS NOT excluded.open OR high IS NOT excluded.high OR low IS NOT excluded.low
               OR close IS NOT excluded.close OR volume IS NOT excluded.volume
               OR adj_close IS NOT excluded.adj_close
            """)
    }

    /// Writes the bars of `series` (ascending) and returns how many were inserted or changed.
    func upsert(_ series: BarSeries, instrumentID: Int64) throws(SQLiteError) -> Int {
        let s = statement
        try s.bind(1, instrumentID)
        try s.bind(2, series.interval.description)
        var written = 0
        for i in 0..<series.count {
            try s.bind(3, series.timestamps[i])
            try s.bind(4, series.open[i])
            try s.bind(5, series.high[i])
            try s.bind(6, series.low[i])
            try s.bind(7, series.close[i])
            try s.bind(8, series.volume[i])
            try s.bind(9, series.adjClose[i])
            try s.step()
            written += db.changes
            s.reset()
        }
        return written
    }
}
