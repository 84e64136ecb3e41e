import Foundation

/// What a long `barwise run` is doing, on one redrawn stderr line: the phase and the seconds
/// elapsed. Only when stderr is a terminal and after the first second, as `sweep` does, so
/// pipes, files and tests see nothing.
final class RunProgress: @unchecked Sendable {
    private let start = Date()
    private let lock = NSLock()
    private var current = "starting"
    private var drawn = false
    private var finished = false
    private let timer: DispatchSourceTimer?

    init(enabled: Bool = isatty(STDERR_FILENO) != 0) {
        guard enabled else { timer = nil; return }
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        t.schedule(deadline: .now() + 1, repeating: 0.25)
        timer = t
        t.setEventHandler { [weak self] in self?.draw() }
        t.resume()
    }

    /// Names the step now under way ("loading bars", "running 2148 bars", …).
    func phase(_ text: String) {
        lock.lock()
        current = text
        lock.unlock()
    }

    private func draw() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        let line = String(format: "\r%@… %.0f s ", current, Date().timeIntervalSince(start))
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Prints `barwise: TEXT` on its own line, clearing the progress line first.
    func notice(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        CommandFailure.notice(text)
    }

    /// Stops the redraws and clears the line; safe to call more than once.
    func finish() {
        timer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
