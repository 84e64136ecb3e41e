/// Statistics over closed trades, backtesting.py's conventions (SEMANTICS.md 1.5): `pnl` in cash
/// after commission, `returns` as fractions (ReturnPct).
public struct TradeStatistics: Sendable, Equatable {
    /// Number of closed trades.
    public var count: Int
    /// Share of trades with pnl > 0.
    public var winRate: Double
    /// Σ positive returns / |Σ negative returns| (returns, not cash); NaN without a losing return
    /// (backtesting.py's `or np.nan`).
    public var profitFactor: Double
    /// Arithmetic mean trade return.
    public var expectancy: Double
    /// Mean pnl of winning trades (pnl > 0) and of losing ones (pnl < 0, negative).
    public var averageWin: Double
    public var averageLoss: Double
    /// Best and worst trade return.
    public var bestTrade: Double
    public var worstTrade: Double
    /// System quality number: √n·mean(pnl)/std(pnl, ddof = 1); NaN for fewer than two trades or
    /// equal pnl.
    public var sqn: Double

    /// Computes the statistics; `pnl` and `returns` describe the same trades in the same order
    /// (only the first min(count) of each are used). Without trades every figure is NaN.
    public init(pnl allPnL: [Double], returns allReturns: [Double]) {
        let shared = min(allPnL.count, allReturns.count)
        let pnl = Array(allPnL.prefix(shared)), returns = Array(allReturns.prefix(shared))
        count = pnl.count
        let wins = pnl.filter { $0 > 0 }, losses = pnl.filter { $0 < 0 }
        winRate = count == 0 ? .nan : Double(wins.count) / Double(count)
        var up = 0.0, down = 0.0
        for r in returns { if r > 0 { up += r } else { down -= r } }
        profitFactor = down > 0 ? up / down : .nan
        expectancy = Statistics.mean(returns)
        averageWin = Statistics.mean(wins)
        averageLoss = Statistics.mean(losses)
        bestTrade = returns.max() ?? .nan
        worstTrade = returns.min() ?? .nan
        let sd = Statistics.standardDeviation(pnl, ddof: 1)
        sqn = sd > 0 ? Double(count).squareRoot() * Statistics.mean(pnl) / sd : .nan
    }
}
