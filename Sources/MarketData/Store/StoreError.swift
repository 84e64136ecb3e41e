/// Why the dataset store could not do what was asked, in words a user can act on.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case sqlite(SQLiteError, path: String)
    /// Another connection held the write lock for longer than the store waits (`busyTimeout`).
    case busy(path: String, waited: Double)
    case missingStore(path: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case unknownSymbol(String, known: [String])
    case noBars(symbol: String, interval: Interval)
    case ambiguousInterval(symbol: String, intervals: [Interval])

    /// `.busy` for a lock held by another connection, else `.sqlite`.
    static func from(_ error: SQLiteError, path: String, busyTimeout: Double) -> StoreError {
        error.isBusy ? .busy(path: path, waited: busyTimeout) : .sqlite(error, path: path)
    }

    public var description: String {
        switch self {
        case let .busy(path, waited):
            let seconds = waited == waited.rounded() && waited < 1e9 ? String(Int(waited)) : String(waited)
            return "\(path): another process is writing to the store (still locked after waiting \(seconds) s);"
                + " wait for it to finish, then run the command again"
        case let .sqlite(error, path):
            return "\(path): \(error.message)"
        case let .missingStore(path):
            return "\(path): no store there (create one with barwise ingest FILE --store \(path))"
        case let .newerSchema(path, found, supported):
            return "\(path): the store has schema version \(found) but this Barwise knows up to \(supported); upgrade Barwise"
        case let .unknownSymbol(symbol, known):
            let list = known.prefix(12).joined(separator: ", ")
            return "no instrument '\(EchoText.capped(symbol))' in the store" + (known.isEmpty ? " (the store is empty; run barwise ingest)" : " (known: \(list)\(known.count > 12 ? ", …" : ""))")
        case let .noBars(symbol, interval):
            return "\(EchoText.capped(symbol)) has no \(interval) bars in the store"
        case let .ambiguousInterval(symbol, intervals):
            return "\(symbol) has bars at \(intervals.map(\.description).joined(separator: " and ")); choose one with --interval"
        }
    }
}
