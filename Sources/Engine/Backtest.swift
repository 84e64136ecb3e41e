import MarketData
import Signals

/// A whole backtest over loaded series: a `BarFeed` driving a `Simulation` to the end.
public enum Backtest {
    /// Runs `program` over `series` (one per symbol, any calendars) with one shared cash account.
    /// - Throws: `EngineError` for no series, an empty series or bars out of time order.
    public static func run(program: SignalProgram, series: [BarSeries], config: EngineConfig) throws(EngineError) -> RunResult {
        try check(series, config)
        var feed = BarFeed(series)
        var simulation = Simulation(program: program, symbols: series.map(\.symbol), config: config, expectedSteps: feed.maxSteps)
        if series.count == 1 {
            // One symbol: every timestamp has exactly its bar; no merge needed.
            simulation.replay(series[0])
            return simulation.finish()
        }
        var batch = BarBatch(capacity: series.count)
        while feed.next(into: &batch) { simulation.step(batch) }
        return simulation.finish()
    }

    /// Runs one sweep member over `series`, its rules read from `signals` (recorded by a
    /// `ProgramFamily` on this very series): the same simulation as `run(program:…)` on the
    /// member's own program, without stepping that program here.
    /// - Parameter ordered: the caller has already checked `series` with `validate` (a sweep
    ///   checks each series once, not once per combination).
    public static func run(signals: RecordedSignals, series: BarSeries, config: EngineConfig, ordered: Bool = false) throws(EngineError) -> RunResult {
        if ordered {
            try config.validate()
            guard !series.isEmpty else { throw .noBars(symbol: series.symbol) }
        } else {
            try check([series], config)
        }
        var simulation = Simulation(signals: signals, symbol: series.symbol, config: config, expectedSteps: series.count)
        simulation.replay(series)
        return simulation.finish()
    }

    /// Every series has bars, in strictly increasing time. O(total bars).
    public static func validate(_ series: [BarSeries]) throws(EngineError) {
        guard !series.isEmpty else { throw .noSymbols }
        for s in series {
            guard !s.isEmpty else { throw .noBars(symbol: s.symbol) }
            for i in 1..<max(1, s.count) where s.timestamps[i] <= s.timestamps[i - 1] {
                throw .unsortedBars(symbol: s.symbol, index: i)
            }
        }
    }

    /// The config is valid, and `validate(series)`.
    private static func check(_ series: [BarSeries], _ config: EngineConfig) throws(EngineError) {
        try config.validate()
        try validate(series)
    }

    /// Compiles a strategy and runs it over `series`.
    public static func run(spec: StrategySpec, series: [BarSeries], cash: Double? = nil, closeAtEnd: Bool = false) throws -> RunResult {
        let program = try spec.compile()
        return try run(program: program, series: series, config: EngineConfig(spec: spec, cash: cash, closeAtEnd: closeAtEnd))
    }
}
