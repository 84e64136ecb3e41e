import Foundation

/// A progress line on stderr (done/total, rate, ETA), only when stderr is a terminal and the
/// sweep runs longer than a second; redrawn at most ten times a second.
final class SweepProgress: @unchecked Sendable {
    private let total: Int
    private let start = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let enabled = isatty(STDERR_FILENO) != 0

    init(total: Int) { self.total = total }

    var update: @Sendable (Int) -> Void { { [self] done in draw(done) } }

    private func draw(_ done: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed > 1, now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = now
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data(String(format: "\r[%@] %d/%d runs  %.0f runs/s  ETA %.0f s ", bar, done, total, rate, eta).utf8))
        drawn = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
