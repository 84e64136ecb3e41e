import Foundation
import MarketData

/// The headline figures of a run (`summary.json`, DESIGN.md section 5), computed with
/// empyrical's conventions. Deliberately small: the full metrics library is `Analytics`; this
/// file is the one place to re-point at it.
///
/// Returns r_t = E_t / E_{t−1} − 1 of the equity curve sampled once per UTC day (the last
/// point of each day; for daily or coarser bars, every bar). N = `periodsPerYear` (252 for daily
/// bars), risk-free rate 0, n = number of returns:
///
///     total_return      = E_last / E_0 − 1
///     cagr              = (E_last / E_0)^(1 / years) − 1,  years = (t_last − t_0) / 365.25 days
///     annual_return     = Π(1 + r)^(N / n) − 1                         (empyrical.annual_return)
///     annual_volatility = std(r, ddof 1) · √N
///     sharpe            = mean(r) / std(r, ddof 1) · √N                (arithmetic)
///     sortino           = mean(r) · N / (√(mean(min(r, 0)²)) · √N)      (downside over all n)
///     max_drawdown      = min_t (E_t / max_{s≤t} E_s − 1)               (negative fraction)
///     calmar            = annual_return / |max_drawdown|
///     win_rate          = share of closed trades with pnl > 0
///     exposure          = share of bars with a position held (entry through exit bar)
///
/// Undefined figures (no returns, zero volatility, no trades) are NaN, written as JSON null.
public struct RunSummary: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var bars: Int
    public var initialCash: Double
    public var finalEquity: Double
    public var totalReturn: Double
    public var cagr: Double
    public var annualReturn: Double
    public var annualVolatility: Double
    public var sharpe: Double
    public var sortino: Double
    public var calmar: Double
    public var maxDrawdown: Double
    public var trades: Int
    public var openTrades: Int
    public var winRate: Double
    public var exposure: Double

    /// Periods per year for bars of `interval`: 252 for daily and finer (returns are daily),
    /// 52 weekly, 12 monthly, 1 yearly.
    public static func periodsPerYear(for interval: Interval) -> Double {
        switch interval.unit {
        case .week: 52 / Double(interval.count)
        case .month: 12 / Double(interval.count)
        case .year: 1 / Double(interval.count)
        default: interval.unit == .day && interval.count > 1 ? 252 / Double(interval.count) : 252
        }
    }

    public init(result r: RunResult, periodsPerYear n: Double = 252) {
        start = r.timestamps.first ?? 0
        end = r.timestamps.last ?? 0
        bars = r.timestamps.count
        initialCash = r.initialCash
        finalEquity = r.finalEquity
        let e0 = r.equity.first ?? r.initialCash
        totalReturn = finalEquity / e0 - 1
        let years = Double(end - start) / (365.25 * 86_400)
        cagr = years > 0 ? pow(finalEquity / e0, 1 / years) - 1 : .nan
        // One pass over the curve: daily returns (kept for the variance), their product, sum and
        // downside squares, and the drawdown; then one pass for the squared deviations.
        let t = r.timestamps, e = r.equity
        var returns: [Double] = []
        returns.reserveCapacity(max(0, e.count - 1))
        var growth = 1.0, sum = 0.0, downside = 0.0
        var peak = -Double.infinity, worst = 0.0
        var previous = 0.0, started = false
        for i in e.indices {
            let x = e[i]
            peak = max(peak, x)
            worst = min(worst, x / peak - 1)
            if i + 1 < e.count && RunSummary.sameDay(t[i], t[i + 1]) { continue }
            if started {
                let daily = x / previous - 1
                returns.append(daily)
                growth *= 1 + daily
                sum += daily
                downside += min(daily, 0) * min(daily, 0)
            }
            previous = x
            started = true
        }
        let count = Double(returns.count)
        let mean = sum / count
        var squares = 0.0
        for x in returns { squares += (x - mean) * (x - mean) }
        let std = returns.count > 1 ? (squares / (count - 1)).squareRoot() : .nan
        annualReturn = returns.isEmpty ? .nan : pow(growth, n / count) - 1
        annualVolatility = std * n.squareRoot()
        sharpe = std > 0 ? mean / std * n.squareRoot() : .nan
        let downsideRisk = (downside / count).squareRoot() * n.squareRoot()
        sortino = downsideRisk > 0 ? mean * n / downsideRisk : .nan
        maxDrawdown = worst
        calmar = worst < 0 ? annualReturn / -worst : .nan
        trades = r.trades.count
        openTrades = r.openTrades.count
        winRate = r.trades.isEmpty ? .nan : Double(r.trades.count { $0.pnl > 0 }) / Double(r.trades.count)
        exposure = bars > 0 ? Double(r.exposedBars) / Double(bars) : .nan
    }

    /// Whether `b`, not earlier than `a`, falls on the same UTC day.
    @inline(__always)
    static func sameDay(_ a: Int64, _ b: Int64) -> Bool {
        b - a < 86_400 && a.floorDiv(86_400) == b.floorDiv(86_400)
    }
}

extension Int64 {
    /// Division rounding toward −∞.
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
