import Analytics
import Foundation
import MarketData

/// The headline figures of a run (`summary.json`, DESIGN.md section 5), computed with
/// empyrical's conventions. Deliberately small: the full metrics library is `Analytics`; this
/// file is the one place to re-point at it.
///
/// Returns r_t = E_t / E_{t−1} − 1 of the equity curve sampled once per UTC day (the last
/// point of each day; for daily or coarser bars, every bar, as `Analytics.DailyResampler`).
/// N = `periodsPerYear`, from `Analytics.PeriodsPerYear` on the run's timestamps (252 for
/// business-day bars, 365 for bars on weekends, 52 weekly, 12 monthly), risk-free rate 0,
/// n = number of returns:
///
///     total_return      = E_last / E_0 − 1
///     cagr              = (E_last / E_0)^(1 / years) − 1,  years = (t_last − t_0) / 365.25 days
///     annual_return     = Π(1 + r)^(N / n) − 1                         (empyrical.annual_return)
///     annual_volatility = std(r, ddof 1) · √N
///     sharpe            = mean(r) / std(r, ddof 1) · √N                (arithmetic)
///     sortino           = mean(r) · N / (√(mean(min(r, 0)²)) · √N)      (downside over all n)
///     max_drawdown      = min_t (E_t / max_{s≤t} E_s − 1)    (negative; `DrawdownAnalysis.maximum`)
///     calmar            = annual_return / |max_drawdown|
///     win_rate          = share of closed trades with pnl > 0
///     exposure          = share of bars with a position held (entry through exit bar)
///
/// Undefined figures are NaN, written as JSON null, an empty results.csv cell and `n/a` in tables:
/// a run of one bar has no returns (annual return, volatility, Sharpe, Sortino, CAGR are NaN;
/// total return and max drawdown 0), one return has no deviation (volatility, Sharpe NaN), flat
/// returns none either (Sharpe NaN), no losing day gives no Sortino, no drawdown no Calmar, no
/// closed trade no win rate; skewness needs 3 returns and kurtosis 4.
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
    /// Number of daily returns n, their skewness m₃/m₂^1.5 and excess kurtosis m₄/m₂² − 3 (biased
    /// central moments mₖ = Σ(r − mean)ᵏ/n, scipy's `bias=True`): what the probabilistic and
    /// deflated Sharpe ratios need, so that merged sweep shards can compute them from the rows.
    public var returnCount: Int
    public var returnSkewness: Double
    public var returnKurtosis: Double
    /// The annualisation factor N the figures use (`periods_per_year` in summary.json); NaN for
    /// a summary read back from a sweep's results.csv.
    public var periodsPerYear: Double

    /// N for a run over `series` alone: `PeriodsPerYear.infer` on its timestamps, the run's
    /// timestamps. Sweeps compute it once per series instead of once per run.
    public static func periodsPerYear(for series: BarSeries) -> Double {
        PeriodsPerYear.infer(timestamps: series.timestamps)
    }

    /// The summary of `r`. `periodsPerYear`: N, inferred from the run's timestamps when nil (pass
    /// it only to save the inference when it is known to be that value, as a sweep does).
    public init(result r: RunResult, periodsPerYear given: Double? = nil) {
        let n = given ?? PeriodsPerYear.infer(timestamps: r.timestamps)
        periodsPerYear = n
        start = r.timestamps.first ?? 0
        end = r.timestamps.last ?? 0
        bars = r.timestamps.count
        initialCash = r.initialCash
        finalEquity = r.finalEquity
        let e0 = r.equity.first ?? r.initialCash
        totalReturn = finalEquity / e0 - 1
        let years = Double(end - start) / (365.25 * 86_400)
        cagr = years > 0 ? pow(finalEquity / e0, 1 / years) - 1 : .nan
        // The daily returns, the drawdown, then the sums over the returns (`moments`,
        // `centralMoments`).
        let returns = RunSummary.dailyReturns(timestamps: r.timestamps, equity: r.equity)
        let worst = DrawdownAnalysis.maximum(r.equity)
        let (growth, sum, downside) = RunSummary.moments(returns)
        let count = Double(returns.count)
        let mean = sum / count
        let (squares, cubes, fourths) = RunSummary.centralMoments(returns, from: mean)
        let std = returns.count > 1 ? (squares / (count - 1)).squareRoot() : .nan
        returnCount = returns.count
        let m2 = squares / count
        returnSkewness = returns.count > 2 && m2 > 0 ? cubes / count / (m2 * m2.squareRoot()) : .nan
        returnKurtosis = returns.count > 3 && m2 > 0 ? fourths / count / (m2 * m2) - 3 : .nan
        annualReturn = returns.isEmpty ? .nan : pow(growth, n / count) - 1
        annualVolatility = std * n.squareRoot()
        sharpe = std > 0 ? mean / std * n.squareRoot() : .nan
        let downsideRisk = (downside / count).squareRoot() * n.squareRoot()
        sortino = downsideRisk > 0 ? mean * n / downsideRisk : .nan
        maxDrawdown = worst
        calmar = ReturnMetrics.calmar(annualReturn: annualReturn, maxDrawdown: worst)
        trades = r.trades.count
        openTrades = r.openTrades.count
        winRate = r.trades.isEmpty ? .nan : Double(r.trades.count { $0.pnl > 0 }) / Double(r.trades.count)
        exposure = bars > 0 ? Double(r.exposedBars) / Double(bars) : .nan
    }

    /// Simple returns of the equity sampled at the last point of each UTC day. When every point
    /// is a day or more after the one before (daily and coarser bars) that is every point, and
    /// the loop is one division per point with nothing between them. O(n).
    ///
    /// A return from an equity of 0 (after a bankruptcy the curve stays at 0 to its end) is 0/0,
    /// undefined: it is left out, as empyrical's NaN-ignoring means and backtesting.py's `dropna` do. The
    /// −100 % return into the bankruptcy stays in, so the figures describe the ruin.
    static func dailyReturns(timestamps t: [Int64], equity e: [Double]) -> [Double] {
        let n = e.count
        guard n > 1 else { return [] }
        var daily = true
        for i in 1..<n where t[i] &- t[i - 1] < 86_400 { daily = false; break }
        if daily {
            return [Double](unsafeUninitializedCapacity: n - 1) { out, written in
                for i in 1..<n { out[i - 1] = e[i] / e[i - 1] - 1 }
                // A curve that reaches 0 stays there (bankruptcy): drop the returns from its zero tail.
                var last = n - 1
                while last > 0 && e[last - 1] == 0 { last -= 1 }
                written = last
            }
        }
        return [Double](unsafeUninitializedCapacity: n - 1) { out, written in
            var previous = 0.0, started = false, k = 0
            for i in 0..<n {
                if i + 1 < n && sameDay(t[i], t[i + 1]) { continue }
                if started && previous != 0 {
                    out[k] = e[i] / previous - 1
                    k += 1
                }
                previous = e[i]
                started = true
            }
            written = k
        }
    }

    /// Π(1 + r), Σ r and Σ min(r, 0)² over `r`, each accumulated in four interleaved partial
    /// results (elements i, i+4, i+8, … in lane i mod 4, lanes combined as (0 + 1) + (2 + 3)), so
    /// that the loop is not one long chain of dependent additions. O(n).
    static func moments(_ r: [Double]) -> (growth: Double, sum: Double, downside: Double) {
        var g = (1.0, 1.0, 1.0, 1.0), s = (0.0, 0.0, 0.0, 0.0), d = (0.0, 0.0, 0.0, 0.0)
        let n = r.count, whole = n & ~3
        var i = 0
        while i < whole {
            let a = r[i], b = r[i + 1], c = r[i + 2], e = r[i + 3]
            g.0 *= 1 + a; g.1 *= 1 + b; g.2 *= 1 + c; g.3 *= 1 + e
            s.0 += a; s.1 += b; s.2 += c; s.3 += e
            d.0 += min(a, 0) * min(a, 0); d.1 += min(b, 0) * min(b, 0)
            d.2 += min(c, 0) * min(c, 0); d.3 += min(e, 0) * min(e, 0)
            i += 4
        }
        while i < n {
            g.0 *= 1 + r[i]
            s.0 += r[i]
            d.0 += min(r[i], 0) * min(r[i], 0)
            i += 1
        }
        return ((g.0 * g.1) * (g.2 * g.3), (s.0 + s.1) + (s.2 + s.3), (d.0 + d.1) + (d.2 + d.3))
    }

    /// Σ (r − mean)², Σ (r − mean)³ and Σ (r − mean)⁴, each in four interleaved partial sums as
    /// `moments`. O(n).
    static func centralMoments(_ r: [Double], from mean: Double) -> (squares: Double, cubes: Double, fourths: Double) {
        var q = (0.0, 0.0, 0.0, 0.0), c = (0.0, 0.0, 0.0, 0.0), f = (0.0, 0.0, 0.0, 0.0)
        let n = r.count, whole = n & ~3
        var i = 0
        while i < whole {
            let a = r[i] - mean, b = r[i + 1] - mean, d = r[i + 2] - mean, e = r[i + 3] - mean
            let a2 = a * a, b2 = b * b, d2 = d * d, e2 = e * e
            q.0 += a2; q.1 += b2; q.2 += d2; q.3 += e2
            c.0 += a2 * a; c.1 += b2 * b; c.2 += d2 * d; c.3 += e2 * e
            f.0 += a2 * a2; f.1 += b2 * b2; f.2 += d2 * d2; f.3 += e2 * e2
            i += 4
        }
        while i < n {
            let a = r[i] - mean, a2 = a * a
            q.0 += a2
            c.0 += a2 * a
            f.0 += a2 * a2
            i += 1
        }
        return ((q.0 + q.1) + (q.2 + q.3), (c.0 + c.1) + (c.2 + c.3), (f.0 + f.1) + (f.2 + f.3))
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
