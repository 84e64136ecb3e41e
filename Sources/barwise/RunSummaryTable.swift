import Engine
import MarketData
import Signals

/// The short summary `barwise run` prints: the headline figures of DESIGN.md section 5.
enum RunSummaryTable {
    /// `allocation`: an allocation strategy's log, shown as a `rebalances` row (weights.csv).
    static func render(spec: StrategySpec, series: [BarSeries], summary s: RunSummary, report: String,
                       allocation: AllocationLog? = nil) -> String {
        func pct(_ x: Double) -> String { x.isFinite ? String(format: "%.2f %%", x * 100) : "n/a" }
        func ratio(_ x: Double) -> String { x.isFinite ? String(format: "%.3f", x) : "n/a" }
        let symbols = series.map(\.symbol).joined(separator: ", ")
        var table = TextTable(["metric", "value"], rightAligned: [1])
        table.append(["total return", pct(s.totalReturn)])
        table.append(["CAGR", pct(s.cagr)])
        table.append(["Sharpe", ratio(s.sharpe)])
        table.append(["max drawdown", pct(s.maxDrawdown)])
        table.append(["trades", s.openTrades > 0 ? "\(s.trades) (+\(s.openTrades) open)" : "\(s.trades)"])
        table.append(["win rate", pct(s.winRate)])
        table.append(["exposure", pct(s.exposure)])
        if let allocation {
            let failed = allocation.failures.isEmpty ? "" : " (+\(allocation.failures.count) failed)"
            table.append(["rebalances", "\(allocation.times.count)\(failed)"])
        }
        table.append(["final equity", String(format: "%.2f", s.finalEquity)])
        return """
            \(spec.name) on \(symbols) (\(series[0].interval)): \(s.bars) bars, \(DateText.day(s.start)) to \(DateText.day(s.end)), initial cash \(String(format: "%.2f", s.initialCash))
            \(table.render())
            report: \(report)
            """
    }
}
