import Analytics
import Engine
import MarketData

/// The full metric set of a run (`Analytics.PerformanceMetrics`, empyrical's conventions) with
/// alpha and beta against a benchmark's buy-and-hold.
enum RunMetrics {
    /// The benchmark's close is carried forward onto the run's timestamps (its last price when
    /// it has no bar at t), resampled to days as the equity curve is (`DailyResampler`), and
    /// turned into simple returns aligned with the equity's. A run of any length works: too few
    /// points leave alpha and beta out.
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
        let returns = DailyResampler.returns(DailyResampler.resample(values: aligned, timestamps: result.timestamps).values)
        let usable = returns.allSatisfy(\.isFinite) && !returns.isEmpty
        return PerformanceMetrics(
            equity: result.equity, timestamps: result.timestamps, benchmarkReturns: usable ? returns : nil,
            tradePnL: result.trades.map(\.pnl), tradeReturns: result.trades.map(\.returnPct))
    }
}
