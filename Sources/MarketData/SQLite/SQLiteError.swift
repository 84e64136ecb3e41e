/// An error reported by SQLite, with its result code and message, and the SQL that caused it.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String?

    /// Whether another connection holds the lock (`SQLITE_BUSY`, `SQLITE_LOCKED` and their
    /// extended codes).
    public var isBusy: Bool { code & 0xFF == 5 || code & 0xFF == 6 }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) (in: \(sql.prefix(120)))" }
        return "SQLite error \(code): \(message)"
    }
}
