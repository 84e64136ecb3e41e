import MarketData

/// Where a simulation's bars come from, one timestamp at a time (DESIGN.md section 1): the
/// store's loaded series (`BarFeed`: backtest, sweep, stream warm-up) or live input
/// (`LiveBarSource`: the stream). Whatever the source, the bars go through `Simulation.step`.
public protocol BarSource {
    /// Fills `batch` with every bar of the next timestamp; false when the bars have ended.
    mutating func next(into batch: inout BarBatch) throws -> Bool
}

extension BarFeed: BarSource {}
