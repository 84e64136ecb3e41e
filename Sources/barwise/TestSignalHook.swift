import Foundation

/// Test hook: `BARWISE_TEST_SIGNAL_AFTER_RUNS=N:SIG` (SIG one of INT, TERM, KILL) makes the
/// process send itself SIG at a known point, so that tests stop a command there instead of
/// after a guessed delay: a sweep once N rows are in its journal, a run (N = 1) once its backtest
/// is done and the first files of its report are written. For INT and TERM it then waits (up to
/// 10 s) until the command has seen the signal (`InterruptFlag`).
struct TestSignalHook: Sendable {
    static let variable = "BARWISE_TEST_SIGNAL_AFTER_RUNS"

    let runs: Int
    let signal: Int32

    /// The hook set in the environment, if any and well formed.
    static var current: TestSignalHook? {
        guard let parts = ProcessInfo.processInfo.environment[variable]?.split(separator: ":"), parts.count == 2,
              let n = Int(parts[0]), n >= 1 else { return nil }
        switch parts[1] {
        case "INT": return TestSignalHook(runs: n, signal: SIGINT)
        case "TERM": return TestSignalHook(runs: n, signal: SIGTERM)
        case "KILL": return TestSignalHook(runs: n, signal: SIGKILL)
        default: return nil
        }
    }

    /// Sends the signal when `count` runs are done.
    /// - Parameter stopped: whether the command has seen the signal.
    func fire(after count: Int, stopped: () -> Bool) {
        guard count == runs else { return }
        kill(getpid(), signal)
        // SIGKILL ends the process above; INT and TERM are handled on another thread.
        let deadline = Date().addingTimeInterval(10)
        while !stopped(), Date() < deadline { usleep(1000) }
    }
}
