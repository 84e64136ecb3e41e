import Dispatch

/// The ingest of a large OHLCV CSV file on two cores: the body is cut into chunks at line
/// boundaries (each parsed with a copy of the header), and while one core writes chunk k in the
/// transaction, the other parses chunk k + 1 and, at the end, computes the file's SHA-256.
///
/// The result is the same as a whole-file ingest: line numbers in messages are those of the
/// file, the interval is inferred from the first chunk and checked against the whole file at
/// the end, and a bad row in any chunk rolls back the lot. The pipeline takes files in strictly
/// ascending time order (the usual export); as soon as a chunk breaks that order (a repeated
/// timestamp, a descending file) it rolls back and `run` returns nil, and the caller ingests
/// the file whole (where `DuplicateRows` sorts and resolves repeats). Assumes no field contains
/// a line break (true of numbers and dates).
struct PipelinedIngest {
    static let minimumBytes = 4 << 20
    static let chunkBytes = 1 << 21

    private let bytes: [UInt8]
    private let format: IngestFormat
    private let options: ParseOptions
    /// The header (with any BOM and comment lines before it) and its line count.
    private let header: Range<Int>
    /// Each chunk's body and the offset from its parser line numbers to the file's.
    private let bodies: [(range: Range<Int>, lineOffset: Int)]

    init?(bytes: [UInt8], format: IngestFormat, options: ParseOptions) {
        let headerEnd: Int = bytes.withUnsafeBufferPointer { buf in
            var scanner = CSVScanner(buf)
            var fields: [CSVScanner.Field] = []
            return scanner.nextRow(into: &fields) ? scanner.position : 0
        }
        guard headerEnd > 0, headerEnd < bytes.count else { return nil }
        let headerLines = bytes[..<headerEnd].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var bodies: [(Range<Int>, Int)] = []
        var start = headerEnd
        var linesBefore = headerLines
        while start < bytes.count {
            var end = min(bytes.count, start + Self.chunkBytes)
            while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
            // Parser line k of a chunk (header lines first) is file line k - headerLines + linesBefore.
            bodies.append((start..<end, linesBefore - headerLines))
            linesBefore += bytes[start..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            start = end
        }
        guard bodies.count > 1 else { return nil }
        self.bytes = bytes
        self.format = format
        self.options = options
        self.header = 0..<headerEnd
        self.bodies = bodies
    }

    /// Ingests the file, or returns nil (with nothing written) when it is not in strictly
    /// ascending time order.
    func run(_ ingester: Ingester, path: String, source: String, overlap: OverlapPolicy) throws -> IngestReport? {
        // Chunk 0 first, on this core: it fixes the interval for the others.
        let first = try OHLCVParser.parse(Array(bytes[0..<bodies[0].range.upperBound]), format: format, options: options)
        guard let firstSeries = first.series.first, Self.isStrictlyAscending(firstSeries.timestamps, after: nil) else {
            return nil
        }
        var chunkOptions = options
        chunkOptions.interval = firstSeries.interval
        let producer = ChunkParser(bytes: bytes, header: header, bodies: Array(bodies.dropFirst()), format: format, options: chunkOptions)
        defer { producer.cancel() }

        let transaction = try ingester.storeErrors {
            try IngestTransaction(store: ingester.store, source: source, path: path, format: format, overlap: overlap)
        }
        var all = firstSeries
        var rowsRead = first.rowsRead
        var rejected = first.rejected
        _ = try ingester.storeErrors { try transaction.write(firstSeries) }
        for k in 0..<(bodies.count - 1) {
            let parsed = try producer.chunk(k)
            rowsRead += parsed.rowsRead
            rejected += parsed.rejected
            guard let series = parsed.series.first else { continue }
            guard Self.isStrictlyAscending(series.timestamps, after: all.timestamps.last) else {
                transaction.rollback()
                return nil
            }
            _ = try ingester.storeErrors { try transaction.write(series) }
            all.timestamps += series.timestamps
            all.open += series.open
            all.high += series.high
            all.low += series.low
            all.close += series.close
            all.volume += series.volume
            all.adjClose += series.adjClose
        }
        if options.interval == nil {
            // The first chunk's interval must hold for the whole file.
            let whole = Interval.infer(from: all.timestamps)
            if whole != .interval(all.interval) {
                transaction.rollback()
                let detail = whole.problem ?? "the first rows are \(all.interval) apart but the file as a whole is \(whole.interval?.description ?? "?")"
                throw IngestError.unknownInterval(file: options.fileName, detail: detail)
            }
        }
        let report = IngestReport(
            path: path, format: format, sha256: producer.digest(), ingestID: nil, rowsRead: rowsRead,
            rowsWritten: 0, rowsRejected: rejected.count, status: rejected.isEmpty ? .ok : .partial,
            parts: [.init(symbol: all.symbol, interval: all.interval, bars: all.count, written: 0,
                          first: all.timestamps.first ?? 0, last: all.timestamps.last ?? 0)],
            findings: ingester.quality.check(fileOrder: all, resolved: all)
                + Ingester.findings(rejected: rejected, defaultSymbol: all.symbol))
        var done = try ingester.finish(transaction, report, overlap: overlap)
        done.parts[0].written = done.rowsWritten
        return done
    }

    /// Whether `ts` rises strictly, starting above `previous` when given.
    private static func isStrictlyAscending(_ ts: [Int64], after previous: Int64?) -> Bool {
        if let previous, let first = ts.first, first <= previous { return false }
        for i in ts.indices.dropFirst() where ts[i] <= ts[i - 1] { return false }
        return true
    }
}

/// Parses chunks 1… in order on a background thread, then hashes the whole file; the writer
/// waits for each chunk in turn.
private final class ChunkParser: @unchecked Sendable {
    private var results: [Result<ParsedFile, IngestError>?]
    private let ready: [DispatchSemaphore]
    private let digestReady = DispatchSemaphore(value: 0)
    private var sha256 = ""
    private var cancelled = false  // read without a lock: a stale read only parses one chunk more

    init(bytes: [UInt8], header: Range<Int>, bodies: [(range: Range<Int>, lineOffset: Int)], format: IngestFormat, options: ParseOptions) {
        results = Array(repeating: nil, count: bodies.count)
        ready = bodies.map { _ in DispatchSemaphore(value: 0) }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            for (k, body) in bodies.enumerated() {
                if cancelled {
                    results[k] = .failure(.unrecognized(file: options.fileName, detail: "ingest cancelled"))
                } else {
                    var o = options
                    o.lineOffset = body.lineOffset
                    let chunk = Array(bytes[header]) + bytes[body.range]
                    do throws(IngestError) {
                        results[k] = .success(try OHLCVParser.parse(chunk, format: format, options: o))
                    } catch {
                        results[k] = .failure(error)
                    }
                }
                ready[k].signal()
            }
            sha256 = cancelled ? "" : SHA256.hex(bytes)
            digestReady.signal()
        }
    }

    func chunk(_ k: Int) throws(IngestError) -> ParsedFile {
        ready[k].wait()
        return try results[k]!.get()
    }

    func digest() -> String {
        digestReady.wait()
        return sha256
    }

    func cancel() { cancelled = true }
}
