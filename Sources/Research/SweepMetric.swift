import Engine

/// The summary figures a sweep writes and ranks by, under their `summary.json` names.
public enum SweepMetric: String, CaseIterable, Sendable {
    case finalEquity = "final_equity", totalReturn = "total_return", cagr, annualReturn = "annual_return"
    case annualVolatility = "annual_volatility", sharpe, sortino, calmar, maxDrawdown = "max_drawdown"
    case trades, openTrades = "open_trades", winRate = "win_rate", exposure
    /// Moments of the daily returns (see `RunSummary`), for the deflated Sharpe ratio of merged
    /// shards.
    case returnCount = "return_count", returnSkewness = "return_skew", returnKurtosis = "return_kurtosis"

    public func value(_ s: RunSummary) -> Double {
        switch self {
        case .finalEquity: s.finalEquity
        case .totalReturn: s.totalReturn
        case .cagr: s.cagr
        case .annualReturn: s.annualReturn
        case .annualVolatility: s.annualVolatility
        case .sharpe: s.sharpe
        case .sortino: s.sortino
        case .calmar: s.calmar
        case .maxDrawdown: s.maxDrawdown
        case .trades: Double(s.trades)
        case .openTrades: Double(s.openTrades)
        case .winRate: s.winRate
        case .exposure: s.exposure
        case .returnCount: Double(s.returnCount)
        case .returnSkewness: s.returnSkewness
        case .returnKurtosis: s.returnKurtosis
        }
    }

    /// Whether a smaller value ranks first (volatility); every other metric ranks largest
    /// first (a drawdown is negative, so the shallowest ranks first).
    public var smallerIsBetter: Bool { self == .annualVolatility }

    /// Rows ordered best first by this metric; NaN last; ties keep the grid order.
    public func rank(_ rows: [SweepRunner.Row]) -> [SweepRunner.Row] {
        rows.enumerated().sorted { a, b in
            let x = value(a.element.summary), y = value(b.element.summary)
            if x.isNaN != y.isNaN { return y.isNaN }
            if x != y, !x.isNaN { return smallerIsBetter ? x < y : x > y }
            return a.offset < b.offset
        }.map(\.element)
    }
}
