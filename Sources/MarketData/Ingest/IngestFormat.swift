/// The input formats `barwise ingest --format` accepts. `ticks` is a CSV of trades built into
/// bars of `--interval` (`TickFileParser`; `barwise ingest --ticks`); it is never detected.
public enum IngestFormat: String, Sendable, CaseIterable {
    case auto, ohlcv, yahoo, stooq, alphavantage, coingecko, binance, panel, ticks
}
