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
        let returns = RunSummary.dailyReturns(timestamps: r.timestamps, equity: r.equity)
        let count = Double(returns.count)
        var growth = 1.0, sum = 0.0, downside = 0.0
        for x in returns {
            growth *= 1 + x
            sum += x
            downside += min(x, 0) * min(x, 0)
        }
        let mean = sum / count
        var squares = 0.0
        for x in returns { squares += (x - mean) * (x - mean) }
        let std = returns.count > 1 ? (squares / (count - 1)).squareRoot() : .nan
        annualReturn = returns.isEmpty ? .nan : pow(growth, n / count) - 1
        annualVolatility = std * n.squareRoot()
        sharpe = std > 0 ? mean / std * n.squareRoot() : .nan
        let downsideRisk = (downside / count).squareRoot() * n.squareRoot()
        sortino = downsideRisk > 0 ? mean * n / downsideRisk : .nan
        var peak = -Double.infinity, worst = 0.0
        for e in r.equity {
            peak = max(peak, e)
            worst = min(worst, e / peak - 1)
        }
        maxDrawdown = worst
        calmar = worst < 0 ? annualReturn / -worst : .nan
        trades = r.trades.count
        openTrades = r.openTrades.count
        winRate = r.trades.isEmpty ? .nan : Double(r.trades.filter { $0.pnl > 0 }.count) / Double(r.trades.count)
        exposure = bars > 0 ? Double(r.exposedBars) / Double(bars) : .nan
    }

    /// Simple returns of the equity sampled at the last point of each UTC day.
    static func dailyReturns(timestamps: [Int64], equity: [Double]) -> [Double] {
        var daily: [Double] = []
        daily.reserveCapacity(equity.count)
        for i in equity.indices {
            let day = timestamps[i].floorDiv(86_400)
            if i + 1 < equity.count && timestamps[i + 1].floorDiv(86_400) == day { continue }
            daily.append(equity[i])
        }
        var out: [Double] = []
        out.reserveCapacity(max(0, daily.count - 1))
        for i in 1..<max(1, daily.count) { out.append(daily[i] / daily[i - 1] - 1) }
        return out
    }
}

extension Int64 {
    /// Division rounding toward −∞.
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
