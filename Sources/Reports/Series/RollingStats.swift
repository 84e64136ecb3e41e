/// Rolling annualized volatility and Sharpe ratio of periodic returns.
///
/// Conventions: window 126 periods (six months of trading days), 252 periods per year, sample
/// standard deviation (ddof 1), risk-free rate 0:
/// `vol = std(r, ddof 1) * sqrt(252)`, `sharpe = mean(r) / std(r, ddof 1) * sqrt(252)`.
/// Values before the first full window are NaN, and Sharpe is NaN when the window is flat.
public enum RollingStats {
    public static let window = 126
    public static let periodsPerYear = 252.0

    /// Rolling (volatility, sharpe) aligned with `returns`; O(n x window), exact two-pass per window.
    public static func compute(_ returns: [Double], window: Int = window, periodsPerYear: Double = periodsPerYear) -> (volatility: [Double], sharpe: [Double]) {
        let n = returns.count
        var vol = [Double](repeating: .nan, count: n)
        var sharpe = [Double](repeating: .nan, count: n)
        guard window >= 2, n >= window else { return (vol, sharpe) }
        let w = Double(window)
        let annual = periodsPerYear.squareRoot()
        for end in (window - 1)..<n {
            var sum = 0.0
            for i in (end - window + 1)...end { sum += returns[i] }
            let mean = sum / w
            var ss = 0.0
            for i in (end - window + 1)...end { let d = returns[i] - mean; ss += d * d }
            let sd = (ss / (w - 1)).squareRoot()
            vol[end] = sd * annual
            sharpe[end] = sd > 0 ? mean / sd * annual : .nan
        }
        return (vol, sharpe)
    }
}
