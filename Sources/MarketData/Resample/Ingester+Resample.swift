extension Ingester {
    /// Resamples the stored bars of `symbol` at `resampler.source` (`BarResampler`) and writes
    /// them as `newSymbol` (default: `symbol`) at `resampler.target` through `write`: one
    /// transaction, the ingest's symbol check, quality rules and `overlap` policy, and an audit
    /// row whose source is `resample:SYM@INTERVAL` and whose path names the source symbol,
    /// interval, bar count, target and anchor (`rows_read` = the source bars).
    ///
    /// Returns how many source bars were read and the ingest's report. Throws
    /// `StoreError.noBars` when the symbol has no bars at the source interval.
    public func resample(
        symbol: String, with resampler: BarResampler, as newSymbol: String? = nil, overlap: OverlapPolicy = .guarded
    ) throws -> (sourceBars: Int, report: IngestReport) {
        let series = try store.load(symbol: symbol, interval: resampler.source)
        guard !series.isEmpty else { throw StoreError.noBars(symbol: symbol, interval: resampler.source) }
        let bars = try resampler.resample(series, as: newSymbol ?? symbol)
        let anchor = resampler.anchor == 0 ? "" : ", anchor \(ResampleError.clock(resampler.anchor))"
        let path = "resample of \(symbol) \(resampler.source) (\(series.count) bars) to \(resampler.target)\(anchor)"
        let parsed = ParsedFile(format: .ohlcv, series: [bars], rowsRead: series.count)
        let report = try write(parsed, path: path, sha256: "", source: "resample:\(symbol)@\(resampler.source)", overlap: overlap)
        return (series.count, report)
    }
}
