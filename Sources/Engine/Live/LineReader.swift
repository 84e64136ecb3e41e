import Foundation

/// Lines of an input that may still be arriving: standard input, a file, a FIFO or a socket,
/// read through its file descriptor in large blocks (no copy per line, no allocation in the
/// steady state).
///
/// Before a read that would block, `onIdle` runs once (the stream flushes its events there:
/// a live consumer sees them at once, a file replay is not slowed by a write per line), and the
/// wait polls every `pollInterval` so that `shouldStop` (a signal) ends the input promptly. With
/// `follow`, the end of a regular file is not its end: the reader waits for more, as `tail -f`.
public final class LineReader {
    /// Why an input could not be read.
    public struct ReadError: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The longest line accepted; a longer one is reported and skipped whole.
    public static let maxLineBytes = 1 << 20

    private let fd: Int32
    private let follow: Bool
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var ended = false
    private var skippingLongLine = false
    /// Whether the input ended because `shouldStop` said so (not at its end): a partial last
    /// line is then dropped, not returned.
    public private(set) var stopped = false
    /// The number of the line `nextLine` returned last (1-based).
    public private(set) var lineNumber = 0
    /// Lines longer than `maxLineBytes` skipped so far, by line number.
    public private(set) var overlongLines: [Int] = []
    /// Forgets the overlong lines reported so far.
    public func clearOverlongLines() { overlongLines.removeAll() }
    public var onIdle: () -> Void = {}
    public var shouldStop: () -> Bool = { false }
    /// Milliseconds between checks of `shouldStop` while waiting for input.
    public var pollInterval: Int32 = 100

    /// Reads `fd` (not closed here). `follow`: wait at the end of a regular file for more lines.
    public init(fd: Int32, follow: Bool = false, blockSize: Int = 1 << 20) {
        self.fd = fd
        self.follow = follow
        capacity = Swift.max(blockSize, 4096)
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// What `next` found.
    public enum Input {
        /// A line without its line break (and without a trailing `\r`), valid until the next call.
        case line(UnsafeRawBufferPointer)
        /// Nothing arrived for `pollInterval` (only when asked for with `reportingIdle`).
        case idle
        /// The end of the input (or `shouldStop` said so).
        case end
    }

    /// The next line, or the end of the input; waits as long as it takes. A last line without a
    /// line break is still a line.
    public func nextLine() throws(ReadError) -> UnsafeRawBufferPointer? {
        while true {
            switch try next(reportingIdle: false) {
            case .line(let line): return line
            case .end: return nil
            case .idle: continue
            }
        }
    }

    /// The next line, the end, or (with `reportingIdle`) `.idle` after each `pollInterval`
    /// without input, so the caller can act on the wall clock (`--bar-timeout`).
    public func next(reportingIdle: Bool) throws(ReadError) -> Input {
        while true {
            if let nl = memchr(buffer + start, 0x0A, end - start) {
                let lineEnd = buffer.distance(to: nl)
                let lineStart = start
                start = lineEnd + 1
                lineNumber += 1
                if skippingLongLine {
                    skippingLongLine = false
                    continue
                }
                return .line(line(lineStart, lineEnd))
            }
            if ended {
                guard start < end, !stopped else { return .end }
                let lineStart = start
                start = end
                lineNumber += 1
                if skippingLongLine { return .end }
                return .line(line(lineStart, end))
            }
            if try !fill(returningWhenIdle: reportingIdle) { return .idle }
        }
    }

    private func line(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer {
        var to = to
        if to > from, buffer.load(fromByteOffset: to - 1, as: UInt8.self) == 0x0D { to -= 1 }
        return UnsafeRawBufferPointer(start: buffer + from, count: to - from)
    }

    /// Moves the partial line to the front and reads more after it, waiting for input; false
    /// when `returningWhenIdle` and a `pollInterval` passed without any.
    private func fill(returningWhenIdle: Bool) throws(ReadError) -> Bool {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        if end >= Self.maxLineBytes {
            // One line fills the limit: drop what was read of it and skip to its end (reported once).
            if !skippingLongLine { overlongLines.append(lineNumber + 1) }
            skippingLongLine = true
            end = 0
        } else if end == capacity {
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
            bigger.copyMemory(from: buffer, byteCount: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        if shouldStop() { ended = true; stopped = true; return true }
        var idled = false
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 0)
            if ready == 0 {
                if !idled { onIdle(); idled = true }
                if shouldStop() { ended = true; stopped = true; return true }
                var wait = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&wait, 1, pollInterval) == 0 && returningWhenIdle { return false }
                continue
            }
            let n = read(fd, buffer + end, capacity - end)
            if n > 0 {
                end += n
                return true
            }
            if n == 0 {
                guard follow else { ended = true; return true }
                if !idled { onIdle(); idled = true }
                if shouldStop() { ended = true; stopped = true; return true }
                usleep(UInt32(pollInterval) * 1000)
                if returningWhenIdle { return false }
                continue
            }
            if errno == EINTR || errno == EAGAIN { continue }
            throw ReadError(reason: String(cString: strerror(errno)))
        }
    }
}
