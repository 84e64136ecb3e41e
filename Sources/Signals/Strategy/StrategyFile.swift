import Foundation

/// Reads a strategy file's bytes, failing with the real reason ("is a directory",
/// "permission denied") rather than a generic Foundation error. The TOML reader checks the
/// encoding, so bytes that are not UTF-8 are reported with their line and column.
enum StrategyFile {
    /// Strategy files are small; a larger file is refused before it is read.
    static let maxBytes = 16 << 20

    static func read(_ path: String) throws(StrategyError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StrategyError(file: path, .unreadable("no such file"))
        }
        if isDirectory.boolValue { throw StrategyError(file: path, .unreadable("it is a directory, not a file")) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.isReadableFile(atPath: path) ? "it cannot be opened" : "permission denied"
            throw StrategyError(file: path, .unreadable(reason))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            throw StrategyError(file: path, .unreadable(error.localizedDescription))
        }
        if data.count > maxBytes { throw StrategyError(file: path, .unreadable("it is larger than \(maxBytes >> 20) MB; a strategy file is a short TOML text")) }
        return [UInt8](data)
    }
}
