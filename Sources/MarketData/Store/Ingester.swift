import Foundation

/// Writes input files into a `DatasetStore`: one transaction per file, so a file either lands
/// whole (bars, audit row and quality findings) or not at all.
///
/// Before anything is written each series is sorted and reduced to one bar per timestamp
/// (`DuplicateRows`: identical repeats collapsed, conflicting ones an error), its symbol is
/// checked (`SymbolName`), and stored bars it overlaps are treated by the `OverlapPolicy`.
/// Upserts are idempotent: a bar whose values are unchanged is not rewritten, and a file that
/// changes nothing is rolled back and reported `unchanged`. Large OHLCV files are parsed on a
/// second core while the first writes (`PipelinedIngest`).
public struct Ingester {
    public let store: DatasetStore
    public var quality = QualityCheck()

    /// The most stored bars per symbol and interval that an ingest may change without
    /// `--replace` (`OverlapPolicy.guarded`): more than this, and the file is refused.
    public static let maxReplacedBars = 5

    public init(store: DatasetStore) {
        self.store = store
    }

    /// Reads, parses and stores the file at `path`. A path that cannot be read fails with the
    /// system's reason (`is a directory`, `Permission denied`, `No such file or directory`).
    public func ingest(file path: String, options: IngestOptions) throws -> IngestReport {
        let bytes = try FileBytes.read(path)
        return try ingest(bytes: bytes, name: path, source: nil, options: options)
    }

    /// Parses and stores `bytes` (a file's content or a downloaded payload). `name` is used in
    /// messages and recorded as the path; `source` overrides the recorded source (e.g.
    /// `binance:BTCUSDT` for a download), which defaults to the detected format.
    public func ingest(bytes: [UInt8], name: String, source: String?, options: IngestOptions) throws -> IngestReport {
        if let explicit = options.symbol { try Self.check(symbol: explicit, file: name, origin: "given with --symbol") }
        let symbol = options.symbol
            ?? (options.format == .ticks ? IngestOptions.symbol(fromTickFileName: name) : IngestOptions.symbol(fromFileName: name))
        let parseOptions = ParseOptions(
            fileName: name, symbol: symbol, symbolIsExplicit: options.symbol != nil,
            skipBadRows: options.skipBadRows, interval: options.interval)
        let format = options.format == .auto ? try FormatDetector.detect(bytes, fileName: name) : options.format
        if options.timeZone != nil, ![.ohlcv, .yahoo, .stooq, .panel, .alphavantage].contains(format) {
            throw IngestError.badOption(file: name, detail: "--tz is for files with wall-clock times; a \(format.rawValue) payload is stamped in UTC epoch time")
        }
        if options.timeZone == nil, options.stamp != .close, bytes.count >= PipelinedIngest.minimumBytes, [.ohlcv, .yahoo, .stooq].contains(format),
           let pipeline = PipelinedIngest(bytes: bytes, format: format, options: parseOptions)
        {
            try checkDerived(symbol, in: [BarSeries(symbol: symbol, interval: .daily)], options: options, file: name)
            if let report = try pipeline.run(self, path: name, source: source ?? format.rawValue, overlap: options.overlap) {
                return report
            }
            // Not in ascending order: the whole file is parsed and written at once instead.
        }
        // The fingerprint is computed on the other core while this one parses.
        let digest = DigestTask(bytes)
        var parsed = try InputParser.parse(bytes, format: format, options: parseOptions)
        try options.timeZone?.convert(&parsed, file: name, skipBadRows: options.skipBadRows)
        if (options.stamp ?? parsed.stamp) == .close { BarStamp.moveToOpen(&parsed) }
        try checkDerived(symbol, in: parsed.series, options: options, file: name)
        return try write(
            parsed, path: name, sha256: digest.wait(), source: source ?? parsed.format.rawValue,
            skipBadRows: options.skipBadRows, overlap: options.overlap)
    }

    /// Stores an already parsed file in one transaction: duplicates resolved
    /// (`DuplicateRows`, conflicting ones rejected when `skipBadRows`), symbols checked, stored
    /// bars treated by `overlap`.
    public func write(
        _ parsed: ParsedFile, path: String, sha256: String, source: String, skipBadRows: Bool = false,
        overlap: OverlapPolicy = .guarded
    ) throws -> IngestReport {
        guard parsed.series.contains(where: { !$0.isEmpty }) else { throw IngestError.empty(file: path) }
        var rejected = parsed.rejected
        var findings: [QualityFinding] = []
        var resolved: [BarSeries] = []
        var collapsed = 0
        for (k, series) in parsed.series.enumerated() where !series.isEmpty {
            try Self.check(symbol: series.symbol, file: path, origin: "of the data")
            let lines = k < parsed.lines.count ? parsed.lines[k] : []
            let r = try DuplicateRows.resolve(series, lines: lines, file: path, skipBadRows: skipBadRows)
            rejected += r.rejected
            collapsed += r.collapsed
            findings += quality.check(fileOrder: series, resolved: r.series) + r.findings
            resolved.append(r.series)
        }
        findings += Self.findings(rejected: rejected, defaultSymbol: parsed.series.first?.symbol ?? "")
        var report = IngestReport(
            path: path, format: parsed.format, sha256: sha256, ingestID: nil, rowsRead: parsed.rowsRead,
            rowsWritten: 0, rowsRejected: rejected.count, duplicatesCollapsed: collapsed,
            status: rejected.isEmpty ? .ok : .partial, parts: [], findings: findings)
        let transaction = try storeErrors {
            try IngestTransaction(store: store, source: source, path: path, format: parsed.format, overlap: overlap)
        }
        for series in resolved {
            let written = try storeErrors { try transaction.write(series) }
            report.parts.append(.init(
                symbol: series.symbol, interval: series.interval, bars: series.count, written: written,
                first: series.timestamps.first ?? 0, last: series.timestamps.last ?? 0))
        }
        return try finish(transaction, report, overlap: overlap)
    }

    /// Counts what each part added and replaced, refuses a guarded ingest that would replace
    /// more than `maxReplacedBars` stored bars of one symbol (rolling everything back), then
    /// commits (or, when nothing changed, rolls back) and completes the report.
    func finish(_ transaction: IngestTransaction, _ report: IngestReport, overlap: OverlapPolicy) throws -> IngestReport {
        var report = report
        for k in report.parts.indices {
            let (added, replaced) = try storeErrors { try transaction.tally(symbol: report.parts[k].symbol, interval: report.parts[k].interval) }
            report.parts[k].added = added
            report.parts[k].replaced = replaced
            if overlap == .guarded, replaced > Self.maxReplacedBars {
                transaction.rollback()
                let part = report.parts[k]
                throw IngestError.wouldReplace(
                    file: report.path, symbol: part.symbol, interval: part.interval, changed: replaced, overlapping: part.overlapping)
            }
        }
        report.rowsWritten = transaction.rowsWritten
        if try storeErrors({ try transaction.commit(report) }) {
            report.ingestID = transaction.ingestID
        } else {
            report.status = .unchanged
        }
        return report
    }

    /// One `bad_row` finding per skipped row.
    static func findings(rejected: [RejectedRow], defaultSymbol: String) -> [QualityFinding] {
        rejected.map { row in
            QualityFinding(
                rule: .badRow, symbol: row.symbol ?? defaultSymbol,
                timestamp: nil, detail: "line \(row.line): field '\(row.field)': '\(row.value)' \(row.reason)")
        }
    }

    /// Throws `IngestError.badSymbol` when `symbol` breaks `SymbolName`'s rules.
    static func check(symbol: String, file: String, origin: String) throws(IngestError) {
        do throws(SymbolNameError) {
            try SymbolName.validate(symbol)
        } catch {
            throw .badSymbol(file: file, symbol: symbol, origin: origin, reason: "\(error.reason) (\(SymbolNameError.rule))")
        }
    }

    /// A symbol derived from the file name is checked when a series carries it.
    private func checkDerived(_ symbol: String, in series: [BarSeries], options: IngestOptions, file: String) throws(IngestError) {
        guard options.symbol == nil, series.contains(where: { $0.symbol == symbol }) else { return }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        try Self.check(symbol: symbol, file: file, origin: "taken from the file name '\(EchoText.capped(name))'; pass --symbol")
    }

    /// Runs `body`, reporting SQLite failures against the store's path.
    func storeErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SQLiteError {
            throw StoreError.from(error, path: store.path, busyTimeout: store.busyTimeout)
        }
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
