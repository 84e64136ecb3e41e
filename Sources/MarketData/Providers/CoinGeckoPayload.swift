/// CoinGecko bodies (https://docs.coingecko.com/reference/coins-id-ohlc and
/// https://docs.coingecko.com/reference/coins-id-market-chart-range).
///
/// `/coins/{id}/ohlc`: `[[ms, open, high, low, close], ...]` with no volume (NaN). CoinGecko
/// stamps each candle with its close time: the file says so (`ParsedFile.stamp = .close`) and
/// the ingest moves the bars to the start of their interval, the store's convention.
///
/// `/coins/{id}/market_chart` and `/market_chart/range`: `{"prices": [[ms, price], ...],
/// "market_caps": [...], "total_volumes": [[ms, volume], ...]}` → close-only bars
/// (`Bar.closeOnly`), the volume taken from the `total_volumes` point with the same stamp (NaN
/// when there is none). Record numbers in errors are 1-based indices into `prices` (or into
/// the OHLC array).
enum CoinGeckoPayload {
    static func parse(_ root: JSONValue, options: ParseOptions) throws(IngestError) -> ParsedFile {
        if let rows = root.arrayElements { return try parseOHLC(rows, options: options) }
        if let prices = root["prices"]?.arrayElements {
            return try parseMarketChart(prices, volumes: root["total_volumes"]?.arrayElements ?? [], options: options)
        }
        let keys = root.objectMembers.map { $0.map(\.key).joined(separator: ", ") } ?? "not an object or array"
        throw .unrecognized(
            file: options.fileName,
            detail: "not a CoinGecko OHLC array or market chart: no \"prices\" (found: \(keys))")
    }

    private static let ohlcNames = ["timestamp", "open", "high", "low", "close"]

    private static func parseOHLC(_ rows: [JSONValue], options: ParseOptions) throws(IngestError) -> ParsedFile {
        var series = BarSeries(symbol: options.symbol, interval: .daily)
        series.reserveCapacity(rows.count)
        var rejected: [RejectedRow] = []
        var lines: [Int] = []
        rows: for (index, row) in rows.enumerated() {
            let line = index + 1
            guard let cells = row.arrayElements, cells.count >= 5 else {
                try options.reject(
                    line: line, field: "candle", value: row.displayText,
                    reason: "is not a [timestamp, open, high, low, close] array", symbol: options.symbol,
                    into: &rejected)
                continue
            }
            guard let ms = cells[0].int64Value else {
                try options.reject(
                    line: line, field: "timestamp", value: cells[0].displayText, reason: "is not an epoch time",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            var v: (Double, Double, Double, Double) = (0, 0, 0, 0)
            for k in 1...4 {
                guard let x = cells[k].doubleValue else {
                    try options.reject(
                        line: line, field: ohlcNames[k], value: cells[k].displayText, reason: "is not a number",
                        symbol: options.symbol, into: &rejected)
                    continue rows
                }
                switch k {
                case 1: v.0 = x
                case 2: v.1 = x
                case 3: v.2 = x
                default: v.3 = x
                }
            }
            guard try ProviderPayloadParser.inBounds([v.0, v.1, v.2, v.3], names: Array(ohlcNames[1...4]), lastIsVolume: false, line: line, options: options, rejected: &rejected) else { continue }
            series.append(
                Bar(
                    timestamp: ProviderPayloadParser.epochSeconds(fromCount: ms), open: v.0, high: v.1, low: v.2,
                    close: v.3))
            lines.append(line)
        }
        series.interval = try ProviderPayloadParser.interval(series.timestamps, options: options, hint: nil)
        var file = try ProviderPayloadParser.file(.coingecko, series, rowsRead: rows.count, rejected: rejected, options: options, lines: lines)
        file.stamp = .close
        return file
    }

    private static func parseMarketChart(
        _ prices: [JSONValue], volumes: [JSONValue], options: ParseOptions
    ) throws(IngestError) -> ParsedFile {
        // Volumes by raw millisecond stamp; malformed volume points are ignored (volume is
        // informational here and the price record is what the row stands for).
        // A volume out of `BarValueBounds` is rejected with its record number in `total_volumes`.
        var volumeAt: [Int64: Double] = [:]
        volumeAt.reserveCapacity(volumes.count)
        var rejected: [RejectedRow] = []
        for (index, point) in volumes.enumerated() {
            guard let p = point.arrayElements, p.count >= 2, let ms = p[0].int64Value, let v = p[1].doubleValue else {
                continue
            }
            if let problem = BarValueBounds.volumeProblem(v) {
                try options.reject(
                    line: index + 1, field: "total_volumes", value: p[1].displayText, reason: problem,
                    symbol: options.symbol, into: &rejected)
                continue
            }
            volumeAt[ms] = v
        }
        var series = BarSeries(symbol: options.symbol, interval: .daily)
        series.reserveCapacity(prices.count)
        var lines: [Int] = []
        for (index, point) in prices.enumerated() {
            let line = index + 1
            guard let p = point.arrayElements, p.count >= 2 else {
                try options.reject(
                    line: line, field: "prices", value: point.displayText, reason: "is not a [timestamp, price] pair",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            guard let ms = p[0].int64Value else {
                try options.reject(
                    line: line, field: "timestamp", value: p[0].displayText, reason: "is not an epoch time",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            guard let price = p[1].doubleValue else {
                try options.reject(
                    line: line, field: "price", value: p[1].displayText, reason: "is not a number",
                    symbol: options.symbol, into: &rejected)
                continue
            }
            if let problem = BarValueBounds.priceProblem(price) {
                try options.reject(
                    line: line, field: "price", value: p[1].displayText, reason: problem, symbol: options.symbol,
                    into: &rejected)
                continue
            }
            series.append(
                .closeOnly(
                    timestamp: ProviderPayloadParser.epochSeconds(fromCount: ms), close: price,
                    volume: volumeAt[ms] ?? .nan))
            lines.append(line)
        }
        dropLivePoint(&series, &lines)
        series.interval = try ProviderPayloadParser.interval(series.timestamps, options: options, hint: nil)
        return try ProviderPayloadParser.file(.coingecko, series, rowsRead: prices.count, rejected: rejected, options: options, lines: lines)
    }

    /// A range that ends now ends with the price at the moment of the request (`…, [day 5
    /// 00:00], [day 5 12:00:15]`): a live quote, not a closed bar. When the last point is closer
    /// to the one before than every other step and off their grid, it is dropped.
    private static func dropLivePoint(_ series: inout BarSeries, _ lines: inout [Int]) {
        let n = series.count
        guard n >= 3 else { return }
        let ts = series.timestamps
        guard ts[n - 1] > ts[n - 2], ts[n - 2] > ts[n - 3] else { return }
        let lastStep = ts[n - 1] - ts[n - 2]
        let step = ts[n - 2] - ts[n - 3]
        guard lastStep < step, lastStep % step != 0 else { return }
        series = series.permuted(by: Array(0..<(n - 1)))
        lines.removeLast()
    }
}
