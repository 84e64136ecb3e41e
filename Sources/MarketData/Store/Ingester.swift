import Foundation

/// Writes input files into a `DatasetStore`: one transaction per file, so a file either lands
/// whole (bars, audit row and quality findings) or not at all.
///
/// Upserts are idempotent: a bar whose values are unchanged is not rewritten, and a file that
/// changes nothing is rolled back and reported `unchanged`. Large OHLCV files are parsed on a
/// second core while the first writes (`PipelinedIngest`).
public struct Ingester {
    public let store: DatasetStore
    public var quality = QualityCheck()

    public init(store: DatasetStore) {
        self.store = store
    }

    /// Reads, parses and stores the file at `path`.
    public func ingest(file path: String, options: IngestOptions) throws -> IngestReport {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "\(error.localizedDescription)" : "no such file"
            throw IngestError.unreadable(file: path, reason: reason)
        }
        return try ingest(bytes: bytes, name: path, source: nil, options: options)
    }

    /// Parses and stores `bytes` (a file's content or a downloaded payload). `name` is used in
    /// messages and recorded as the path; `source` overrides the recorded source (e.g.
    /// `binance:BTCUSDT` for a download), which defaults to the detected format.
    public func ingest(bytes: [UInt8], name: String, source: String?, options: IngestOptions) throws -> IngestReport {
        let symbol = options.symbol ?? IngestOptions.symbol(fromFileName: name)
        let parseOptions = ParseOptions(
            fileName: name, symbol: symbol, symbolIsExplicit: options.symbol != nil,
            skipBadRows: options.skipBadRows, interval: options.interval)
        let format = options.format == .auto ? try FormatDetector.detect(bytes, fileName: name) : options.format
        if bytes.count >= PipelinedIngest.minimumBytes, [.ohlcv, .yahoo, .stooq].contains(format),
           let pipeline = PipelinedIngest(bytes: bytes, format: format, options: parseOptions) {
            return try pipeline.run(self, path: name, source: source ?? format.rawValue)
        }
        // The fingerprint is computed on the other core while this one parses.
        let digest = DigestTask(bytes)
        let parsed = try InputParser.parse(bytes, format: format, options: parseOptions)
        return try write(parsed, path: name, sha256: digest.wait(), source: source ?? parsed.format.rawValue)
    }

    /// Stores an already parsed file in one transaction.
    public func write(_ parsed: ParsedFile, path: String, sha256: String, source: String) throws -> IngestReport {
        guard parsed.series.contains(where: { !$0.isEmpty }) else { throw IngestError.empty(file: path) }
        var report = IngestReport(
            path: path, format: parsed.format, sha256: sha256, ingestID: nil, rowsRead: parsed.rowsRead,
            rowsWritten: 0, rowsRejected: parsed.rejected.count, status: parsed.rejected.isEmpty ? .ok : .partial,
            parts: [], findings: findings(parsed.series, parsed.rejected))
        let transaction = try storeErrors { try IngestTransaction(store: store, source: source, path: path, format: parsed.format) }
        for series in parsed.series where !series.isEmpty {
            let sorted = series.sortedByTime()
            let written = try storeErrors { try transaction.write(sorted) }
            report.parts.append(.init(
                symbol: series.symbol, interval: series.interval, bars: sorted.count, written: written,
                first: sorted.timestamps.first ?? 0, last: sorted.timestamps.last ?? 0))
        }
        return try finish(transaction, report)
    }

    /// Commits (or, when nothing changed, rolls back) and completes the report.
    func finish(_ transaction: IngestTransaction, _ report: IngestReport) throws -> IngestReport {
        var report = report
        report.rowsWritten = transaction.rowsWritten
        if try storeErrors({ try transaction.commit(report) }) {
            report.ingestID = transaction.ingestID
        } else {
            report.status = .unchanged
        }
        return report
    }

    /// The quality findings of a file: the rules over each series in file order, plus one
    /// `bad_row` finding per skipped row.
    func findings(_ series: [BarSeries], _ rejected: [RejectedRow]) -> [QualityFinding] {
        var out: [QualityFinding] = []
        for s in series where !s.isEmpty { out += quality.check(fileOrder: s) }
        for row in rejected {
            out.append(QualityFinding(
                rule: .badRow, symbol: row.symbol ?? series.first?.symbol ?? "",
                timestamp: nil, detail: "line \(row.line): field '\(row.field)': '\(row.value)' \(row.reason)"))
        }
        return out
    }

    /// Runs `body`, reporting SQLite failures against the store's path.
    func storeErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SQLiteError { throw StoreError.sqlite(error, path: store.path) }
    }
}

/// SHA-256 of a buffer computed on a background thread; `wait()` returns the hex digest.
final class DigestTask: @unchecked Sendable {
    private let group = DispatchGroup()
    private var digest = ""  // written once by the worker before `group.leave()`

    init(_ bytes: [UInt8]) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            digest = SHA256.hex(bytes)
            group.leave()
        }
    }

    func wait() -> String {
        group.wait()
        return digest
    }
}
