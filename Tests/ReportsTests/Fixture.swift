import Foundation
@testable import Reports

/// Paths of the committed run folder fixture and scratch copies of it.
enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let smaCross = packageRoot.appendingPathComponent("Tests/Fixtures/run/sma_cross-GOOG").path

    /// A fresh copy of the fixture folder (reports are written into the folder they read).
    static func copy(_ source: String = smaCross) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barwise-report-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: source, toPath: dir.path)
        return dir.path
    }

    /// Rewrites one file of a folder.
    static func replace(_ folder: String, _ name: String, with text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }

    static func read(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
    }
}
