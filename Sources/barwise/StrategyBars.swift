import MarketData

/// The bars `barwise signals` steps through: the store seam. Later commands (run, stream) feed
/// the same `SignalProgram` from their own bar sources.
///
/// An explicit `--interval` is used as given; otherwise the symbol's only stored interval, or
/// the strategy's interval when the store holds several.
func loadBarsForSignals(
    store: StoreOptions, symbol: String, interval: Interval?, strategyInterval: Interval, from: Int64?, to: Int64?
) throws -> BarSeries {
    let db = try store.open(readOnly: true)
    if let interval { return try db.load(symbol: symbol, interval: interval, from: from, to: to) }
    do {
        return try db.load(symbol: symbol, interval: nil, from: from, to: to)
    } catch StoreError.ambiguousInterval {
        return try db.load(symbol: symbol, interval: strategyInterval, from: from, to: to)
    }
}
