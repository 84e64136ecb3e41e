import MarketData

/// The bars a strategy runs on (`signals`, `run`, `sweep`): an explicit `--interval` as given;
/// otherwise the symbol's only stored interval, or the strategy's interval when the store holds
/// several.
enum StrategyBars {
    static func load(store: DatasetStore, symbol: String, interval: Interval?, strategyInterval: Interval, from: Int64?, to: Int64?) throws -> BarSeries {
        if let interval { return try store.load(symbol: symbol, interval: interval, from: from, to: to) }
        do {
            return try store.load(symbol: symbol, interval: nil, from: from, to: to)
        } catch StoreError.ambiguousInterval {
            return try store.load(symbol: symbol, interval: strategyInterval, from: from, to: to)
        }
    }
}
