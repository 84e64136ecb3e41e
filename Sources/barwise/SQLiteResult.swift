/// SQLite primary result codes that mean the disk or the file system failed, not the input.
enum SQLiteResult {
    static func isInputOutput(_ code: Int32) -> Bool {
        // SQLITE_PERM 3, SQLITE_READONLY 8, SQLITE_IOERR 10, SQLITE_FULL 13, SQLITE_CANTOPEN 14.
        [3, 8, 10, 13, 14].contains(code & 0xff)
    }
}
