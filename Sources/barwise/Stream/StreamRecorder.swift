import Engine
import MarketData

/// `--record`: every live bar the stream steps, written into the store's bars table through the
/// ingest path (`Ingester.write`: the same checks, one audited transaction), a small batch at a
/// time: at each checkpoint, every `every` timestamps without `--state`, and at the end. Bars
/// already stored are left alone (`append`), so a restart that records a bar again changes
/// nothing, and `barwise run` over the recorded range afterwards steps the very bars the stream did.
final class StreamRecorder {
    private let ingester: Ingester
    private let source: String
    private var pending: [BarSeries]
    private(set) var recorded = 0
    private(set) var commits = 0

    init(store: DatasetStore, symbols: [String], interval: Interval, input: String) {
        ingester = Ingester(store: store)
        source = "stream:\(input)"
        pending = symbols.map { BarSeries(symbol: $0, interval: interval) }
    }

    /// Keeps the batch's bars for the next `commit`.
    func add(_ batch: BarBatch) {
        for j in 0..<batch.count { pending[batch.symbol(j)].append(batch.bar(j)) }
    }

    /// Writes the kept bars in one transaction (nothing when there are none).
    func commit() throws {
        let bars = pending.reduce(0) { $0 + $1.count }
        guard bars > 0 else { return }
        let parsed = ParsedFile(format: .ohlcv, series: pending.filter { !$0.isEmpty }, rowsRead: bars)
        let first = pending.compactMap { $0.timestamps.first }.min() ?? 0
        let last = pending.compactMap { $0.timestamps.last }.max() ?? 0
        let report = try ingester.write(parsed, path: "\(source)#\(CivilTime.iso8601(first))..\(CivilTime.iso8601(last))",
                                        sha256: "", source: "stream", overlap: .append)
        recorded += report.parts.reduce(0) { $0 + $1.written }
        commits += 1
        for k in pending.indices { pending[k] = BarSeries(symbol: pending[k].symbol, interval: pending[k].interval) }
    }
}
