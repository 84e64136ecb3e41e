import Foundation
import Testing

/// A store seeded from `datasets/sample/` exactly as a new user gets it (GOOG, ORCL and the
/// panel daily, EURUSD hourly, BTCUSD monthly), created once per test process.
enum SampleStore {
    static let path: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barwise-sample-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = dir.appendingPathComponent("sample.sqlite").path
        // Any command seeds a missing default store; `data list` reads nothing else.
        _ = try? BarwiseProcess.run(["data", "list"], environment: ["BARWISE_STORE": store])
        return store
    }()

    /// Runs barwise with the sample store as the default store (`$BARWISE_STORE`).
    static func run(_ args: [String], in directory: URL = BarwiseProcess.packageRoot) throws -> BarwiseProcess.Output {
        try BarwiseProcess.run(args, environment: ["BARWISE_STORE": path], in: directory)
    }

    /// Writes a strategy file into a fresh scratch folder and returns its path.
    static func strategy(_ toml: String, named file: String = "strategy.toml") throws -> String {
        let url = try BarwiseProcess.scratchDirectory().appendingPathComponent(file)
        try toml.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

extension BarwiseProcess.Output {
    /// The error is one line on stderr (no trap, no usage dump over several lines counts as one).
    var errorLine: String { stderr.split(separator: "\n").first.map(String.init) ?? "" }

    /// True when the process ended by a signal or a Swift runtime trap.
    var crashed: Bool { stderr.contains("Fatal error") || stderr.contains("Program crashed") || stderr.contains("runtime failure") }
}
