import Foundation

/// Why a file of a run folder that exists cannot be read, in words: "is a directory, not a
/// file", "permission denied", else "cannot be read".
enum UnreadableFile {
    static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return "is a directory, not a file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "cannot be read"
    }
}
