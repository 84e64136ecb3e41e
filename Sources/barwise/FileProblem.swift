import Foundation

/// The real reason a file or folder could not be read or written ("is a directory",
/// "permission denied", "no space left on device"), instead of Foundation's generic
/// "The operation could not be completed".
enum FileProblem {
    /// Why `path` cannot be read as a file, or nil when it can.
    static func unreadableFile(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "is a directory, not a file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return nil
    }

    /// A Foundation file error as `path: reason`, with the POSIX reason when there is one.
    static func describe(_ error: CocoaError) -> String {
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.url?.path
        var reason = error.localizedDescription
        if let posix = error.underlying as? POSIXError {
            reason = String(cString: strerror(posix.code.rawValue)).lowercased()
        } else if let underlying = error.underlying.map({ $0 as NSError }), underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code))).lowercased()
        } else if let path, let problem = unreadableFile(path), error.code == .fileReadUnknown || error.code == .fileReadNoSuchFile {
            reason = problem
        }
        return path.map { "\($0): \(reason)" } ?? reason
    }
}
