/// The input formats `barwise ingest --format` accepts.
public enum IngestFormat: String, Sendable, CaseIterable {
    case auto, ohlcv, yahoo, stooq, alphavantage, coingecko, binance, panel
}
