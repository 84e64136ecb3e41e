import ArgumentParser
import MarketData

/// The bars a command works on (`signals`, `run`, `sweep`, `risk`, `optimize`): always those at
/// the requested interval (`--interval`, else the strategy's, else daily). Bars of different
/// intervals are never mixed: a symbol without bars at that interval is an error that names
/// the intervals the store has (Barwise does not resample yet).
enum StrategyBars {
    /// The largest count accepted in `--interval` (`1000000s` is about 11.6 days).
    static let maxIntervalCount = 1_000_000

    static func load(store: DatasetStore, symbol: String, interval: Interval?, strategyInterval: Interval, from: Int64?, to: Int64?,
                     adjusted: Bool = false, requestedBy: String? = nil) throws -> BarSeries {
        let wanted = interval ?? strategyInterval
        let available = try store.intervals(of: symbol)
        guard available.contains(wanted) else {
            throw MissingIntervalError(symbol: symbol, requested: wanted, available: available,
                                       requestedBy: requestedBy ?? (interval != nil ? "--interval" : "the strategy's interval"))
        }
        return try store.load(symbol: symbol, interval: wanted, from: from, to: to, adjusted: adjusted)
    }

    /// `--interval TEXT` as an interval: a one-line error when it is not one.
    static func interval(_ text: String?) throws -> Interval? {
        guard let text else { return nil }
        guard let interval = Interval(text), interval.count <= maxIntervalCount else {
            throw ValidationError("--interval \(InputEcho.quoted(text)) is not an interval (use e.g. 1d, 1h, 5m, 1wk, 1mo)")
        }
        return interval
    }
}
