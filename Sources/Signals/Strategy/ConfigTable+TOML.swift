extension ConfigTable {
    /// Parses TOML 1.0 text (`TOMLReader`). Keys keep the order of the file.
    /// - Throws: `StrategyError.Kind.syntax` with the line and column of the first TOML error.
    public static func parse(toml text: String, file: String? = nil) throws(StrategyError) -> ConfigTable {
        try parse(toml: Array(text.utf8), file: file)
    }

    /// Parses the bytes of a TOML 1.0 document; bytes that are not UTF-8 are a syntax error.
    public static func parse(toml bytes: [UInt8], file: String? = nil) throws(StrategyError) -> ConfigTable {
        do {
            return try TOMLReader.parse(bytes)
        } catch {
            let (line, column) = error.location(in: bytes)
            throw StrategyError(file: file, .syntax(line: line, column: column, message: error.message))
        }
    }
}
