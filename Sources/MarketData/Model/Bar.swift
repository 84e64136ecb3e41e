/// One OHLCV bar. `timestamp` is UTC epoch seconds at the bar's start (a daily bar is stamped
/// 00:00 UTC of its date). `adjClose` is the split/dividend-adjusted close, or `close` when the
/// source has none. Missing values are NaN (volume of a close-only series, for instance).
public struct Bar: Sendable, Equatable {
    public var timestamp: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double
    public var adjClose: Double

    public init(
        timestamp: Int64, open: Double, high: Double, low: Double, close: Double,
        volume: Double = .nan, adjClose: Double? = nil
    ) {
        self.timestamp = timestamp
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.adjClose = adjClose ?? close
    }

    /// A close-only bar (panels, CoinGecko market charts): open, high and low equal the close.
    public static func closeOnly(timestamp: Int64, close: Double, volume: Double = .nan) -> Bar {
        Bar(timestamp: timestamp, open: close, high: close, low: close, close: close, volume: volume)
    }
}
