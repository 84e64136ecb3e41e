import MarketData
import Signals

/// A whole backtest over loaded series: a `BarFeed` driving a `Simulation` to the end.
public enum Backtest {
    /// Runs `program` over `series` (one per symbol, any calendars) with one shared cash account.
    /// - Throws: `EngineError` for no series, an empty series or bars out of time order.
    public static func run(program: SignalProgram, series: [BarSeries], config: EngineConfig) throws(EngineError) -> RunResult {
        try config.validate()
        guard !series.isEmpty else { throw .noSymbols }
        for s in series {
            guard !s.isEmpty else { throw .noBars(symbol: s.symbol) }
            for i in 1..<max(1, s.count) where s.timestamps[i] <= s.timestamps[i - 1] {
                throw .unsortedBars(symbol: s.symbol, index: i)
            }
        }
        var feed = BarFeed(series)
        var simulation = Simulation(program: program, symbols: series.map(\.symbol), config: config, expectedSteps: feed.maxSteps)
        if series.count == 1 {
            // One symbol: every timestamp has exactly its bar; no merge needed.
            let s = series[0]
            for i in 0..<s.count {
                simulation.step(symbol: 0, index: i, bar: Bar(
                    timestamp: s.timestamps[i], open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i]))
            }
            return simulation.finish()
        }
        var batch = BarBatch(capacity: series.count)
        while feed.next(into: &batch) { simulation.step(batch) }
        return simulation.finish()
    }

    /// Compiles a strategy and runs it over `series`.
    public static func run(spec: StrategySpec, series: [BarSeries], cash: Double? = nil, closeAtEnd: Bool = false) throws -> RunResult {
        let program = try spec.compile()
        return try run(program: program, series: series, config: EngineConfig(spec: spec, cash: cash, closeAtEnd: closeAtEnd))
    }
}
