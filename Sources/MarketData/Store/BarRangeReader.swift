import Dispatch

/// Reads one symbol's bars over a time range into a `BarSeries`.
///
/// Decoding SQLite records is the cost of a load (about 0.7 µs a bar on one core), so a range
/// that holds more than `parallelThreshold` bars by its span is split at its midpoint in time
/// and the later half is read on a second, read-only connection on another core; the halves
/// are then joined. Each half is a consistent snapshot; an ingest committing between the two
/// reads could make them differ, as with any two separate queries.
enum BarRangeReader {
    static let parallelThreshold: Int64 = 200_000

    static func read(
        db: SQLiteDatabase, path: String, instrumentID: Int64, symbol: String, interval: Interval,
        from: Int64, to: Int64
    ) throws(SQLiteError) -> BarSeries {
        guard let (first, last) = try bounds(db, instrumentID, interval, from, to) else {
            return BarSeries(symbol: symbol, interval: interval)
        }
        let estimate = (last - first) / max(1, interval.nominalSeconds) + 1
        guard estimate > parallelThreshold, path != ":memory:", !path.isEmpty else {
            return try scan(db, instrumentID, symbol, interval, first, last)
        }
        let middle = first + (last - first) / 2
        let later = LaterHalf(path: path, instrumentID: instrumentID, symbol: symbol, interval: interval, from: middle + 1, to: last)
        var series = try scan(db, instrumentID, symbol, interval, first, middle)
        let tail = try later.wait()
        series.timestamps += tail.timestamps
        series.open += tail.open
        series.high += tail.high
        series.low += tail.low
        series.close += tail.close
        series.volume += tail.volume
        series.adjClose += tail.adjClose
        return series
    }

    /// The first and last timestamps in the range (two index probes), nil when it is empty.
    private static func bounds(_ db: SQLiteDatabase, _ id: Int64, _ interval: Interval, _ from: Int64, _ to: Int64) throws(SQLiteError) -> (Int64, Int64)? {
        var out: [Int64] = []
        for aggregate in ["min", "max"] {
            let s = try db.prepare("SELECT \(aggregate)(ts) FROM bars WHERE instrument_id = ?1 AND interval = ?2 AND ts BETWEEN ?3 AND ?4")
            try s.bind(1, id)
            try s.bind(2, interval.description)
            try s.bind(3, from)
            try s.bind(4, to)
            guard try s.step(), !s.isNull(0) else { return nil }
            out.append(s.int64(0))
        }
        return (out[0], out[1])
    }

    private static func scan(
        _ db: SQLiteDatabase, _ id: Int64, _ symbol: String, _ interval: Interval, _ from: Int64, _ to: Int64
    ) throws(SQLiteError) -> BarSeries {
        var series = BarSeries(symbol: symbol, interval: interval)
        let select = try db.prepare("""
            SELECT ts, open, high, low, close, volume, adj_close FROM bars
            WHERE instrument_id = ?1 AND interval = ?2 AND ts BETWEEN ?3 AND ?4 ORDER BY ts
            """)
        try select.bind(1, id)
        try select.bind(2, interval.description)
        try select.bind(3, from)
        try select.bind(4, to)
        while try select.step() {
            series.timestamps.append(select.int64(0))
            series.open.append(select.double(1))
            series.high.append(select.double(2))
            series.low.append(select.double(3))
            series.close.append(select.double(4))
            series.volume.append(select.double(5))
            series.adjClose.append(select.double(6))
        }
        return series
    }

    /// The later half, read on its own connection on a background thread.
    private final class LaterHalf: @unchecked Sendable {
        private let group = DispatchGroup()
        private var result: Result<BarSeries, SQLiteError> = .failure(SQLiteError(code: -1, message: "not read", sql: nil))

        init(path: String, instrumentID: Int64, symbol: String, interval: Interval, from: Int64, to: Int64) {
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                do throws(SQLiteError) {
                    let db = try SQLiteDatabase(path: path, create: false, readOnly: true)
                    try db.execute("PRAGMA mmap_size = 1073741824")
                    result = .success(try BarRangeReader.scan(db, instrumentID, symbol, interval, from, to))
                } catch {
                    result = .failure(error)
                }
                group.leave()
            }
        }

        func wait() throws(SQLiteError) -> BarSeries {
            group.wait()
            return try result.get()
        }
    }
}
