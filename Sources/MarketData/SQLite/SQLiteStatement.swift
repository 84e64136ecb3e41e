import CSQLite

/// A prepared statement. Bind parameters by 1-based index, `step()` through rows, read columns
/// by 0-based index, `reset()` to run it again with new bindings.
public final class SQLiteStatement {
    let handle: OpaquePointer
    let sql: String
    private let database: SQLiteDatabase  // keeps the connection open while the statement lives
    private var staticText = ""
    private var staticBytes: [UInt8] = [0]

    init(_ handle: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    public func bind(_ index: Int32, _ value: Int64) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a double; NaN is stored as NULL (SQLite has no NaN).
    public func bind(_ index: Int32, _ value: Double) throws(SQLiteError) {
        if value.isNaN {
            try check(sqlite3_bind_null(handle, index))
        } else {
            try check(sqlite3_bind_double(handle, index, value))
        }
    }

    public func bind(_ index: Int32, _ value: String?) throws(SQLiteError) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_text(handle, index, value, -1, barwise_sqlite_transient()))
    }

    /// Binds ASCII text without copying per call: the text is copied into storage owned by
    /// the statement once, and reused while the same string is bound again.
    public func bindStatic(_ index: Int32, _ value: String) throws(SQLiteError) {
        guard !value.isEmpty else { return try bind(index, value) }
        if value != staticText {
            staticText = value
            staticBytes = Array(value.utf8)
        }
        let rc = staticBytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                sqlite3_bind_text(handle, index, $0, Int32(buf.count), barwise_sqlite_static())
            }
        }
        try check(rc)
    }

    public func bindNull(_ index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Advances to the next row: true when a row is available, false when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw SQLiteError(code: rc, message: database.lastMessage, sql: sql)
    }

    public func reset() {
        sqlite3_reset(handle)
    }

    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// The column as a double; NULL reads as NaN.
    @inline(__always)
    public func double(_ column: Int32) -> Double {
        // NULL reads as 0.0, so only a zero needs the (second) type lookup.
        let v = sqlite3_column_double(handle, column)
        return v == 0 && sqlite3_column_type(handle, column) == SQLITE_NULL ? .nan : v
    }

    public func string(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: p)
    }

    /// The number of columns in the result.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    private func check(_ rc: Int32) throws(SQLiteError) {
        if rc != SQLITE_OK { throw SQLiteError(code: rc, message: database.lastMessage, sql: sql) }
    }
}
