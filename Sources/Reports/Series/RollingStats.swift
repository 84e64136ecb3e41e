import Analytics

/// Rolling annualised volatility and Sharpe ratio of daily returns: over each window of
/// `window` returns, `Analytics.ReturnMetrics.annualVolatility` (std(r, ddof 1)·√N) and
/// `ReturnMetrics.sharpe` (mean/std·√N, risk-free 0), N the run's periods per year
/// (summary.json's `periods_per_year`, `PeriodsPerYear` when absent). The last window's figures
/// are those of summary.json's formulas on the last `window` returns.
/// Values before the first full window are NaN, and Sharpe is NaN when the window is flat.
public enum RollingStats {
    /// Six months of trading days.
    public static let window = 126

    /// Rolling (volatility, sharpe) aligned with `returns`; O(n × window).
    public static func compute(_ returns: [Double], window: Int = window, periodsPerYear: Double) -> (volatility: [Double], sharpe: [Double]) {
        let n = returns.count
        var vol = [Double](repeating: .nan, count: n)
        var sharpe = [Double](repeating: .nan, count: n)
        guard window >= 2, n >= window else { return (vol, sharpe) }
        var slice = [Double](repeating: 0, count: window)
        for end in (window - 1)..<n {
            for k in 0..<window { slice[k] = returns[end - window + 1 + k] }
            vol[end] = ReturnMetrics.annualVolatility(slice, periodsPerYear: periodsPerYear)
            sharpe[end] = ReturnMetrics.sharpe(slice, periodsPerYear: periodsPerYear)
        }
        return (vol, sharpe)
    }
}
