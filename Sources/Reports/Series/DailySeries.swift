/// An equity curve resampled to one value per UTC day (the last of the day), and its simple
/// daily returns `r[i] = E[i] / E[i-1] - 1`. Daily runs pass through unchanged; intraday runs
/// are reduced so that every statistic (histogram, VaR, rolling Sharpe) is per day.
public struct DailySeries: Sendable, Equatable {
    /// Timestamps of each day's last bar.
    public var timestamps: [Int64]
    public var equity: [Double]

    public init(timestamps: [Int64], equity: [Double]) {
        var ts: [Int64] = [], eq: [Double] = []
        var lastDay: Int64? = nil
        for i in timestamps.indices {
            let t = timestamps[i]
            let day = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
            if day == lastDay {
                ts[ts.count - 1] = t
                eq[eq.count - 1] = equity[i]
            } else {
                ts.append(t)
                eq.append(equity[i])
                lastDay = day
            }
        }
        self.timestamps = ts
        self.equity = eq
    }

    /// Simple returns, one per day after the first (`returns[i-1]` is day `i`'s).
    public var returns: [Double] {
        guard equity.count > 1 else { return [] }
        return (1..<equity.count).map { equity[$0 - 1] != 0 ? equity[$0] / equity[$0 - 1] - 1 : 0 }
    }
}
