import Foundation
@testable import MarketData

/// Paths to the committed fixtures and scratch stores for tests.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ name: String) -> String { root.appendingPathComponent("data/\(name)").path }
    static func ingest(_ name: String) -> String { root.appendingPathComponent("ingest/\(name)").path }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// A new empty store in a fresh temporary directory.
    static func scratchStore() throws -> DatasetStore {
        try DatasetStore(path: scratchDirectory().appendingPathComponent("store.sqlite").path)
    }

    static func scratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barwise-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Parses a file with the production parser (auto format unless given).
    static func parse(_ path: String, format: IngestFormat = .auto, symbol: String? = nil, skipBadRows: Bool = false) throws -> ParsedFile {
        let options = ParseOptions(
            fileName: (path as NSString).lastPathComponent, symbol: symbol ?? IngestOptions.symbol(fromFileName: path),
            symbolIsExplicit: symbol != nil, skipBadRows: skipBadRows)
        return try InputParser.parse(try bytes(path), format: format, options: options)
    }
}
