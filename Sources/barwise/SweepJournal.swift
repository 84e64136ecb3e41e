import Foundation
import Research

/// The rows of a running sweep, appended to `results.partial.csv` in its folder as each run
/// finishes: one `write(2)` per row (the same columns as `results.csv`, in finishing order), so
/// a sweep killed by any signal, SIGKILL included, loses only the runs in flight, and
/// `barwise sweep --resume DIR` reads the rows back. The finished folder replaces the journal with
/// the ranked `results.csv`.
///
/// Test hook: `BARWISE_TEST_SIGNAL_AFTER_RUNS=N:SIG` (`TestSignalHook`) sends the process SIG
/// once N rows are in the journal.
final class SweepJournal: @unchecked Sendable {
    static let fileName = "results.partial.csv"

    private let descriptor: Int32
    private let params: [String]
    private let lock = NSLock()
    private var written = 0
    private var failed = false
    private let hook: TestSignalHook?
    private let stopped: @Sendable () -> Bool

    /// Opens (or creates, with the header) the journal in `folder`.
    /// - Parameter stopped: whether the sweep has seen an interrupting signal (for the test hook).
    init(folder: URL, params: [String], stopped: @escaping @Sendable () -> Bool) throws {
        let path = folder.appendingPathComponent(Self.fileName).path
        descriptor = open(path, O_RDWR | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        self.params = params
        self.stopped = stopped
        hook = TestSignalHook.current
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_size > 0 { Self.dropCutLine(descriptor, size: Int64(status.st_size)) }
        if fstat(descriptor, &status) == 0, status.st_size == 0 { write(SweepResultsCSV.header(params: params) + "\n") }
    }

    /// A journal whose writer was killed in the middle of a row ends without a newline: that
    /// row is cut off (`--resume` ignores it), so that the next row starts on a line of its own.
    private static func dropCutLine(_ fd: Int32, size: Int64) {
        let window = min(size, 1 << 16)
        var tail = [UInt8](repeating: 0, count: Int(window))
        let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(window), off_t(size - window)) }
        guard n == Int(window), tail.last != UInt8(ascii: "\n") else { return }
        let keep = tail.lastIndex(of: UInt8(ascii: "\n")).map { size - window + Int64($0) + 1 } ?? 0
        _ = ftruncate(fd, off_t(keep))
    }

    deinit { close(descriptor) }

    /// Appends one finished row (called from worker threads).
    func append(_ row: SweepRunner.Row) {
        let line = SweepResultsCSV.line(row, params: params) + "\n"
        lock.lock()
        write(line)
        written += 1
        let count = written
        lock.unlock()
        hook?.fire(after: count, stopped: stopped)
    }

    /// Writes all of `text` (a row is a few hundred bytes: one call in practice). A failing
    /// journal is reported once; the sweep goes on and still writes its results at the end.
    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                if !failed { CommandFailure.notice("warning: cannot append to \(Self.fileName): \(String(cString: strerror(errno))); rows are kept in memory only") }
                failed = true
                return
            }
            offset += n
        }
    }
}
