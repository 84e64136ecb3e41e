import Foundation

/// Bytes for one file descriptor, gathered in memory and written in large blocks: by `flush`
/// (the stream flushes when its input has nothing more ready) or when `limit` bytes wait.
final class BufferedOutput {
    private let fd: Int32
    private let closesFile: Bool
    private var text = TextBytes()
    private let limit: Int
    /// Bytes written to the descriptor so far (through this object), or counted while `discarding`.
    private(set) var written = 0
    /// Counts what would be written without writing it: a restart replaying bars whose output
    /// the files already hold.
    var discarding = false

    init(fd: Int32, closesFile: Bool, limit: Int = 1 << 16) {
        self.fd = fd
        self.closesFile = closesFile
        self.limit = limit
        text = TextBytes(capacity: limit + 4096)
    }

    /// Opens `path` for writing, created or emptied.
    convenience init(creating path: String) throws(StreamOutputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        self.init(fd: fd, closesFile: true)
    }

    /// Opens an existing `path` to go on after its first `length` bytes (what a checkpoint
    /// recorded): anything after them is cut off. It starts discarding, with `written` at 0: the
    /// replay of the checkpointed bars counts its way back to `length`, then writing resumes.
    convenience init(resuming path: String, at length: Int) throws(StreamOutputError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        guard lseek(fd, 0, SEEK_END) >= length else {
            close(fd)
            throw .cannotWrite(path, reason: "it is shorter than the checkpoint says (\(length) bytes): the run folder was changed")
        }
        guard ftruncate(fd, off_t(length)) == 0, lseek(fd, off_t(length), SEEK_SET) == length else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .cannotWrite(path, reason: reason)
        }
        self.init(fd: fd, closesFile: true)
        written = 0
        discarding = true
    }

    /// Makes what was written durable (fsync), after `flush`.
    func sync() throws(StreamOutputError) {
        try flush()
        guard fsync(fd) == 0 || errno == EINVAL else { throw .cannotWrite("file descriptor \(fd)", reason: String(cString: strerror(errno))) }
    }

    deinit { if closesFile { close(fd) } }

    /// Appends what `body` writes (counted only while `discarding`).
    @inline(__always)
    func write(_ body: (inout TextBytes) -> Void) {
        let before = text.count
        body(&text)
        if discarding {
            written += text.count - before
            text.bytes.removeLast(text.count - before)
            return
        }
        if text.count >= limit { try? flush() }
    }

    func write(bytes more: UnsafeRawBufferPointer) {
        write { $0.bytes.append(contentsOf: more) }
    }

    /// Writes what waits. A closed reader of standard output (EPIPE) is not an error here: the
    /// run folder is the record, the events are a courtesy.
    func flush() throws(StreamOutputError) {
        guard text.count > 0 else { return }
        var failure: Int32 = 0
        text.bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0 { written += text.count }
        text.removeAll()
        if failure != 0 && failure != EPIPE { throw .cannotWrite("file descriptor \(fd)", reason: String(cString: strerror(failure))) }
    }
}

/// A file of the stream's run folder could not be written.
enum StreamOutputError: Error, CustomStringConvertible {
    case cannotWrite(String, reason: String)

    var description: String {
        switch self {
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        }
    }
}
