import Analytics
import Engine
import MarketData

/// The full metric set of a run (`Analytics.PerformanceMetrics`, empyrical's conventions) with
/// alpha and beta against a benchmark's buy-and-hold.
enum RunMetrics {
    /// The benchmark's close is carried forward onto the run's timestamps (its last price when
    /// it has no bar at t), resampled to days like the equity curve for intraday runs, and
    /// turned into simple returns aligned with the equity's.
    static func compute(result: RunResult, benchmarkCloses b: BarSeries) -> PerformanceMetrics {
        var aligned: [Double] = []
        aligned.reserveCapacity(result.timestamps.count)
        var j = 0
        var last = Double.nan
        for t in result.timestamps {
            while j < b.count && b.timestamps[j] <= t {
                last = b.close[j]
                j += 1
            }
            aligned.append(last)
        }
        var stamps = result.timestamps
        if let first = stamps.first, let end = stamps.last, stamps.count > 1, (end - first) / Int64(stamps.count - 1) < 86_400 {
            (aligned, stamps) = DailyResampler.resample(values: aligned, timestamps: stamps)
        }
        let returns = (1..<max(1, aligned.count)).map { aligned[$0] / aligned[$0 - 1] - 1 }
        let usable = returns.allSatisfy(\.isFinite) && !returns.isEmpty
        return PerformanceMetrics(
            equity: result.equity, timestamps: result.timestamps, benchmarkReturns: usable ? returns : nil,
            tradePnL: result.trades.map(\.pnl), tradeReturns: result.trades.map(\.returnPct))
    }
}
