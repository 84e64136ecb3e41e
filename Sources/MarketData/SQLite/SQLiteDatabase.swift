import CSQLite

/// A connection to one SQLite database file: a thin layer over the C API with prepared
/// statements and typed errors. Not thread-safe; use one connection per thread.
public final class SQLiteDatabase {
    let handle: OpaquePointer

    /// How long a statement waits for another connection's write lock before failing with
    /// `SQLITE_BUSY`, unless the opener says otherwise.
    public static let defaultBusyTimeout = 10.0

    /// Opens (and with `create`, creates) the database at `path`. A write that finds the
    /// database locked by another process retries for `busyTimeout` seconds.
    public init(path: String, create: Bool = true, readOnly: Bool = false, busyTimeout: Double = defaultBusyTimeout) throws(SQLiteError) {
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "\(message): \(path)", sql: nil)
        }
        handle = db
        sqlite3_busy_timeout(db, Int32(max(0, min(busyTimeout, 86_400)) * 1_000))
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let message = err.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(err)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// Compiles `sql` into a reusable statement.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw SQLiteError(code: rc, message: lastMessage, sql: sql)
        }
        return SQLiteStatement(stmt, database: self, sql: sql)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; any error rolls everything back.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The first column of the first row of a query, as an integer (0 when there is no row).
    public func scalarInt(_ sql: String) throws(SQLiteError) -> Int64 {
        let s = try prepare(sql)
        return try s.step() ? s.int64(0) : 0
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// `PRAGMA user_version`, the schema version.
    public var userVersion: Int {
        get throws(SQLiteError) { Int(try scalarInt("PRAGMA user_version")) }
    }
}
