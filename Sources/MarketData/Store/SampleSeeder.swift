import Foundation

/// Fills a new store from the sample data shipped in `datasets/sample/`, so that a fresh clone
/// can run every command with nothing else to do.
///
/// OHLCV files are ingested first; then close panels, whose columns for symbols that already
/// have bars are left out (the panel's GOOG closes must not overwrite the GOOG OHLC bars).
public struct SampleSeeder {
    public let store: DatasetStore

    public init(store: DatasetStore) {
        self.store = store
    }

    /// What seeding did, for the one-line notice.
    public struct Outcome: Sendable {
        public var files = 0
        public var symbols = 0
        public var bars = 0
        public var skippedColumns: [String] = []
        public var directoryFound = true

        public func notice(storePath: String) -> String {
            guard directoryFound else { return "created an empty store at \(storePath) (no datasets/sample/ here to seed it from)" }
            return "created \(storePath) from datasets/sample/ (\(files) files, \(symbols) symbols, \(bars) bars)"
        }
    }

    /// Ingests every `.csv` file in `directory`. A missing directory leaves the store empty.
    public func seed(from directory: String) throws -> Outcome {
        var outcome = Outcome()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            outcome.directoryFound = false
            return outcome
        }
        let ingester = Ingester(store: store)
        var panels: [(String, ParsedFile, [UInt8])] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") {
            let path = (directory as NSString).appendingPathComponent(name)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let options = ParseOptions(fileName: path, symbol: IngestOptions.symbol(fromFileName: name))
            let parsed = try InputParser.parse(bytes, format: .auto, options: options)
            if parsed.format == .panel {
                panels.append((path, parsed, bytes))
                continue
            }
            let report = try ingester.write(parsed, path: path, sha256: SHA256.hex(bytes), source: parsed.format.rawValue)
            outcome.add(report)
        }
        for (path, parsed, bytes) in panels {
            var kept = parsed
            let existing = Set(try store.symbols())
            let keep = parsed.series.indices.filter { !existing.contains(parsed.series[$0].symbol) }
            kept.series = keep.map { parsed.series[$0] }
            kept.lines = keep.map { $0 < parsed.lines.count ? parsed.lines[$0] : [] }
            outcome.skippedColumns += parsed.series.map(\.symbol).filter { existing.contains($0) }
            let report = try ingester.write(kept, path: path, sha256: SHA256.hex(bytes), source: parsed.format.rawValue)
            outcome.add(report)
        }
        return outcome
    }
}

extension SampleSeeder.Outcome {
    mutating func add(_ report: IngestReport) {
        files += 1
        symbols += report.parts.count
        bars += report.rowsWritten
    }
}
