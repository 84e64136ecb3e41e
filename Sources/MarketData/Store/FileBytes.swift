import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an input file, failing with the system's own reason: `is a directory`, `Permission
/// denied`, `No such file or directory` (from `errno`), rather than Foundation's generic
/// "The file couldn't be opened".
enum FileBytes {
    static func read(_ path: String) throws(IngestError) -> [UInt8] {
        var info = stat()
        if stat(path, &info) != 0 { throw .unreadable(file: path, reason: reason(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(file: path, reason: "is a directory") }
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw .unreadable(file: path, reason: reason(errno)) }
        close(fd)
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain { throw .unreadable(file: path, reason: reason(Int32(truncatingIfNeeded: code))) }
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
    }

    /// The `strerror` text of an `errno` value.
    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
