/// A TOML syntax error at a byte offset of the document; `location(in:)` turns the offset into
/// the 1-based line and column (in characters) that `StrategyError.Kind.syntax` reports.
struct TOMLSyntaxError: Error, Sendable, Equatable {
    /// Byte offset of the offending character in the UTF-8 document.
    var offset: Int
    /// What is wrong, in words a user can act on.
    var message: String

    /// The 1-based line and column of `offset`. Lines end at LF; the column counts characters
    /// (Unicode scalars), so a tab or an `é` is one column.
    func location(in bytes: [UInt8]) -> (line: Int, column: Int) {
        let end = Swift.min(Swift.max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var i = 0
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }
}
