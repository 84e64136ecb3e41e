import Foundation

/// Inputs for `LineReader` and `LiveBarSource` tests: a pipe whose write end the test holds, or
/// a temporary file; both close their descriptors when released.
final class LivePipe {
    let readEnd: Int32
    private(set) var writeEnd: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw LiveInputError(reason: "pipe: \(String(cString: strerror(errno)))") }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    /// Writes `text` whole (the tests write less than a pipe buffer at a time).
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(writeEnd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Closes the write end: the reader sees the end of the input.
    func closeWriteEnd() {
        if writeEnd >= 0 { close(writeEnd) }
        writeEnd = -1
    }

    deinit {
        close(readEnd)
        closeWriteEnd()
    }
}

/// A temporary file opened for reading (removed at once; the descriptor keeps it), which the
/// test may append to.
final class LiveFile {
    let fd: Int32
    private let path: String

    init(_ text: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).ndjson").path
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw LiveInputError(reason: "cannot create \(path)")
        }
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LiveInputError(reason: "cannot open \(path)") }
    }

    /// Appends `text` to the file, as another process writing to it would.
    func append(_ text: String) throws {
        let handle = try FileHandle(forWritingAtPath: path).unwrapped(path)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    deinit {
        close(fd)
        try? FileManager.default.removeItem(atPath: path)
    }
}

struct LiveInputError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

extension Optional {
    func unwrapped(_ what: String) throws -> Wrapped {
        guard let self else { throw LiveInputError(reason: "cannot open \(what)") }
        return self
    }
}
