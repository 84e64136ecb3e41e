import Foundation

/// SIGINT (Ctrl-C) and SIGTERM (what Slurm and Kubernetes send to stop a job), caught so that a
/// command stops cleanly instead of dying with files half-written. The exit code is then the
/// shell's for that signal: 130 or 143.
///
/// Two modes, switched while the command runs:
/// - *at once* (`exitsAtOnce`): the signal ends the process right away with its exit code. For
///   a phase that has written nothing yet (a `run` loading bars and backtesting), where there is
///   nothing to keep or clean and the work cannot be polled.
/// - *flag* (the default): the signal only sets the flag (`isSet`); the command polls it at
///   safe points, keeps or removes what it wrote, and exits with `exitCode`. A sweep keeps the
///   rows done so far; a run removes its unfinished report folder.
final class InterruptFlag: @unchecked Sendable {
    private static let signals = [SIGINT, SIGTERM]
    private let lock = NSLock()
    private var received: Int32?
    private var atOnce: String?
    private var sources: [DispatchSourceSignal] = []

    /// - Parameter exitsAtOnce: the message printed when a signal ends the process at once
    ///   (nil: flag mode from the start).
    init(exitsAtOnce: String? = nil) {
        atOnce = exitsAtOnce
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.raise(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }

    /// From now on a signal only sets the flag (the command is about to write files).
    func deferExit() {
        lock.lock()
        atOnce = nil
        lock.unlock()
    }

    private func raise(_ number: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if let message = atOnce {
            CommandFailure.notice("interrupted by \(Self.name(number)): \(message)")
            _exit(128 + number)
        }
        if received == nil { received = number }
    }

    var isSet: @Sendable () -> Bool {
        { [self] in
            lock.lock()
            defer { lock.unlock() }
            return received != nil
        }
    }

    /// 128 + the signal received (130 for SIGINT, 143 for SIGTERM).
    var exitCode: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return 128 + (received ?? SIGINT)
    }

    /// The signal's name for messages.
    var name: String {
        lock.lock()
        defer { lock.unlock() }
        return Self.name(received ?? SIGINT)
    }

    private static func name(_ number: Int32) -> String { number == SIGTERM ? "SIGTERM" : "Ctrl-C" }
}
