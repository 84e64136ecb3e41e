import Foundation

/// Return-based performance metrics with empyrical's conventions (SEMANTICS.md section 3):
/// simple periodic returns `r`, `periodsPerYear` N (252 for daily business days), risk-free 0
/// unless given, sample statistics with ddof = 1. Each function states its formula.
public enum ReturnMetrics {
    /// Total compounded return, ∏(1 + r) − 1.
    public static func totalReturn(_ r: [Double]) -> Double {
        var g = 1.0
        for v in r { g *= 1 + v }
        return g - 1
    }

    /// Annual return (empyrical `annual_return` = `cagr`): ∏(1 + r)^(N/n) − 1, i.e. years = n/N,
    /// counted in periods, not calendar time.
    public static func annualReturn(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        guard !r.isEmpty else { return .nan }
        return pow(totalReturn(r) + 1, n / Double(r.count)) - 1
    }

    /// Annual volatility: std(r, ddof = 1)·√N.
    public static func annualVolatility(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        Statistics.standardDeviation(r, ddof: 1) * n.squareRoot()
    }

    /// Sharpe ratio (arithmetic, empyrical): mean(r − rf)/std(r − rf, ddof = 1)·√N, with `riskFree`
    /// the per-period rate.
    public static func sharpe(_ r: [Double], riskFree: Double = 0, periodsPerYear n: Double = 252) -> Double {
        let x = riskFree == 0 ? r : r.map { $0 - riskFree }
        return Statistics.mean(x) / Statistics.standardDeviation(x, ddof: 1) * n.squareRoot()
    }

    /// Downside risk: √(mean(min(r, 0)²))·√N, the mean taken over ALL n returns (empyrical).
    public static func downsideRisk(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        var s = 0.0
        for v in r where v < 0 { s += v * v }
        return (s / Double(r.count)).squareRoot() * n.squareRoot()
    }

    /// Sortino ratio: mean(r)·N / downsideRisk(r).
    public static func sortino(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        Statistics.mean(r) * n / downsideRisk(r, periodsPerYear: n)
    }

    /// Calmar ratio: annualReturn / |maxDrawdown|, the drawdown on W = [1, ∏(1 + r)].
    public static func calmar(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        annualReturn(r, periodsPerYear: n) / abs(maxDrawdown(r))
    }

    /// Maximum drawdown (negative): min(W/cummax(W) − 1) on W = [1, cumprod(1 + r)] (a 1.0 anchor
    /// before the first return, as empyrical).
    public static func maxDrawdown(_ r: [Double]) -> Double {
        var w = 1.0, peak = 1.0, worst = 0.0
        for v in r {
            w *= 1 + v
            if w > peak { peak = w }
            worst = min(worst, w / peak - 1)
        }
        return worst
    }

    /// Omega ratio at threshold 0: Σ positive r / |Σ negative r|.
    public static func omega(_ r: [Double]) -> Double {
        var up = 0.0, down = 0.0
        for v in r { if v > 0 { up += v } else if v < 0 { down -= v } }
        return up / down
    }

    /// Stability: R² of the OLS fit of cumsum(log1p(r)) on t = 0…n−1 (empyrical
    /// `stability_of_timeseries`), the squared Pearson correlation.
    public static func stability(_ r: [Double]) -> Double {
        var cl = [Double](repeating: 0, count: r.count)
        var s = 0.0
        for i in r.indices { s += log1p(r[i]); cl[i] = s }
        let t = (0..<r.count).map(Double.init)
        let c = Statistics.correlation(t, cl)
        return c * c
    }

    /// Tail ratio: |percentile(r, 95)| / |percentile(r, 5)|, numpy linear interpolation.
    public static func tailRatio(_ r: [Double]) -> Double {
        let s = r.sorted()
        return abs(Statistics.percentile(sorted: s, 95)) / abs(Statistics.percentile(sorted: s, 5))
    }

    /// Historical value at risk as a RETURN (negative for a loss): percentile(r, 100·cutoff),
    /// numpy linear interpolation (empyrical `value_at_risk`, cutoff 0.05).
    public static func historicalVaR(_ r: [Double], cutoff: Double = 0.05) -> Double {
        Statistics.percentile(r, 100 * cutoff)
    }

    /// Historical conditional VaR (empyrical): the mean of the ⌊(n − 1)·cutoff⌋ + 1 smallest returns.
    public static func historicalCVaR(_ r: [Double], cutoff: Double = 0.05) -> Double {
        let s = r.sorted()
        let k = Int(Double(r.count - 1) * cutoff)
        var sum = 0.0
        for i in 0...k { sum += s[i] }
        return sum / Double(k + 1)
    }

    /// Parametric (normal) VaR as a return (quantstats `value_at_risk`): μ + σ·Φ⁻¹(cutoff), σ ddof 1.
    public static func parametricVaR(_ r: [Double], cutoff: Double = 0.05) -> Double {
        Statistics.mean(r) + Statistics.standardDeviation(r) * NormalDistribution.quantile(cutoff)
    }

    /// Parametric (Gaussian expected shortfall) CVaR as a return (quantstats `cvar`):
    /// μ − σ·φ(Φ⁻¹(cutoff))/cutoff.
    public static func parametricCVaR(_ r: [Double], cutoff: Double = 0.05) -> Double {
        Statistics.mean(r) - Statistics.standardDeviation(r) * NormalDistribution.pdf(NormalDistribution.quantile(cutoff)) / cutoff
    }

    /// Beta against benchmark returns b: cov(r, b)/var(b) (ddof cancels).
    public static func beta(_ r: [Double], benchmark b: [Double]) -> Double {
        Statistics.covariance(r, b, ddof: 1) / Statistics.variance(b, ddof: 1)
    }

    /// Alpha, empyrical's compounded convention: (1 + mean(r − β·b))^N − 1.
    public static func alpha(_ r: [Double], benchmark b: [Double], periodsPerYear n: Double = 252) -> Double {
        let be = beta(r, benchmark: b)
        var s = 0.0
        for i in r.indices { s += r[i] - be * b[i] }
        return pow(1 + s / Double(r.count), n) - 1
    }

    /// Alpha, quantstats' arithmetic convention (`greeks`): (mean(r) − β·mean(b))·N.
    public static func arithmeticAlpha(_ r: [Double], benchmark b: [Double], periodsPerYear n: Double = 252) -> Double {
        (Statistics.mean(r) - beta(r, benchmark: b) * Statistics.mean(b)) * n
    }

    /// Probabilistic Sharpe ratio (Bailey & López de Prado 2012): the probability that the true
    /// per-period Sharpe exceeds `benchmarkSharpe` (per period, not annualised),
    /// Φ((ŜR − SR*)·√(n − 1) / √(1 − γ₃ŜR + (γ₄ − 1)/4·ŜR²)) with ŜR = mean/std (ddof 1) per period,
    /// γ₃ the biased skewness and γ₄ the biased (non-excess) kurtosis.
    public static func probabilisticSharpe(_ r: [Double], benchmarkSharpe: Double = 0) -> Double {
        probabilisticSharpe(sharpe: Statistics.mean(r) / Statistics.standardDeviation(r, ddof: 1),
                            skewness: Statistics.skewness(r, bias: true), excessKurtosis: Statistics.excessKurtosis(r, bias: true),
                            count: r.count, benchmarkSharpe: benchmarkSharpe)
    }

    /// The same from the figures of n returns: per-period Sharpe SR (mean / std, ddof 1), biased
    /// skewness γ₃ and excess kurtosis γ₄ − 3.
    public static func probabilisticSharpe(sharpe sr: Double, skewness g3: Double, excessKurtosis: Double, count: Int,
                                           benchmarkSharpe: Double = 0) -> Double {
        let g4 = excessKurtosis + 3
        let denom = (1 - g3 * sr + (g4 - 1) / 4 * sr * sr).squareRoot()
        return NormalDistribution.cdf((sr - benchmarkSharpe) * Double(count - 1).squareRoot() / denom)
    }

    /// Exposure (quantstats): the share of periods with a non-zero return, rounded UP to a whole
    /// percent, ⌈100·count(r ≠ 0)/n⌉/100.
    public static func exposure(_ r: [Double]) -> Double {
        guard !r.isEmpty else { return .nan }
        let nonZero = r.reduce(0) { $0 + ($1 != 0 && !$1.isNaN ? 1 : 0) }
        return (Double(nonZero) / Double(r.count) * 100).rounded(.up) / 100
    }

    /// Win rate of periods (quantstats): count(r > 0)/count(r ≠ 0).
    public static func periodWinRate(_ r: [Double]) -> Double {
        var wins = 0, nonZero = 0
        for v in r where v != 0 { nonZero += 1; if v > 0 { wins += 1 } }
        return Double(wins) / Double(nonZero)
    }
}
