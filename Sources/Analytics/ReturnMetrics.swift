import Foundation

/// Return-based performance metrics with empyrical's conventions (SEMANTICS.md section 3):
/// simple periodic returns `r`, `periodsPerYear` N (252 for daily business days), risk-free 0
/// unless given, sample statistics with ddof = 1. Each function states its formula.
///
/// Too-short or degenerate input never traps: a figure that is undefined for it (no returns, one
/// return where a sample deviation is needed, a zero denominator) is NaN, which `summary.json`
/// writes as null and tables show as `n/a`. Each function names the inputs that give NaN.
public enum ReturnMetrics {
    /// Total compounded return, ∏(1 + r) − 1 (0 without returns: nothing was gained).
    public static func totalReturn(_ r: [Double]) -> Double {
        var g = 1.0
        for v in r { g *= 1 + v }
        return g - 1
    }

    /// Annual return (empyrical `annual_return` = `cagr`): ∏(1 + r)^(N/n) − 1, i.e. years = n/N,
    /// counted in periods, not calendar time. NaN without returns.
    public static func annualReturn(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        guard !r.isEmpty else { return .nan }
        return pow(totalReturn(r) + 1, n / Double(r.count)) - 1
    }

    /// Annual volatility: std(r, ddof = 1)·√N. NaN for fewer than two returns.
    public static func annualVolatility(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        Statistics.standardDeviation(r, ddof: 1) * n.squareRoot()
    }

    /// Sharpe ratio (arithmetic, empyrical): mean(r − rf)/std(r − rf, ddof = 1)·√N, with `riskFree`
    /// the per-period rate. NaN for fewer than two returns or a zero deviation (flat returns).
    public static func sharpe(_ r: [Double], riskFree: Double = 0, periodsPerYear n: Double = 252) -> Double {
        let x = riskFree == 0 ? r : r.map { $0 - riskFree }
        let sd = Statistics.standardDeviation(x, ddof: 1)
        guard sd > 0 else { return .nan }
        return Statistics.mean(x) / sd * n.squareRoot()
    }

    /// Downside risk: √(mean(min(r, 0)²))·√N, the mean taken over ALL n returns (empyrical).
    /// NaN without returns.
    public static func downsideRisk(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        guard !r.isEmpty else { return .nan }
        var s = 0.0
        for v in r where v < 0 { s += v * v }
        return (s / Double(r.count)).squareRoot() * n.squareRoot()
    }

    /// Sortino ratio: mean(r)·N / downsideRisk(r). NaN without returns or without a negative
    /// return (zero downside risk; empyrical would give ±∞, which JSON cannot hold).
    public static func sortino(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        let downside = downsideRisk(r, periodsPerYear: n)
        guard downside > 0 else { return .nan }
        return Statistics.mean(r) * n / downside
    }

    /// Calmar ratio: annualReturn / |maxDrawdown|, the drawdown on W = [1, ∏(1 + r)]. NaN without
    /// returns or without a drawdown.
    public static func calmar(_ r: [Double], periodsPerYear n: Double = 252) -> Double {
        calmar(annualReturn: annualReturn(r, periodsPerYear: n), maxDrawdown: maxDrawdown(r))
    }

    /// Calmar ratio from its two figures: annualReturn / |maxDrawdown|, NaN when the drawdown is
    /// not negative (a curve that never fell has no Calmar ratio).
    public static func calmar(annualReturn: Double, maxDrawdown: Double) -> Double {
        maxDrawdown < 0 ? annualReturn / -maxDrawdown : .nan
    }

    /// Maximum drawdown (negative): min(W/cummax(W) − 1) on W = [1, cumprod(1 + r)] (a 1.0 anchor
    /// before the first return, as empyrical). 0 without returns (nothing fell).
    public static func maxDrawdown(_ r: [Double]) -> Double {
        var w = 1.0, peak = 1.0, worst = 0.0
        for v in r {
            w *= 1 + v
            if w > peak { peak = w }
            worst = min(worst, w / peak - 1)
        }
        return worst
    }

    /// Omega ratio at threshold 0: Σ positive r / |Σ negative r|. NaN without a negative return
    /// (empyrical's rule).
    public static func omega(_ r: [Double]) -> Double {
        var up = 0.0, down = 0.0
        for v in r { if v > 0 { up += v } else if v < 0 { down -= v } }
        return down > 0 ? up / down : .nan
    }

    /// Stability: R² of the OLS fit of cumsum(log1p(r)) on t = 0…n−1 (empyrical
    /// `stability_of_timeseries`), the squared Pearson correlation. NaN for fewer than two returns
    /// or a flat cumulative curve.
    public static func stability(_ r: [Double]) -> Double {
        guard r.count >= 2 else { return .nan }
        var cl = [Double](repeating: 0, count: r.count)
        var s = 0.0
        for i in r.indices { s += log1p(r[i]); cl[i] = s }
        let t = (0..<r.count).map(Double.init)
        let c = Statistics.correlation(t, cl)
        return c * c
    }

    /// Tail ratio: |percentile(r, 95)| / |percentile(r, 5)|, numpy linear interpolation. NaN
    /// without returns or when the 5th percentile is 0.
    public static func tailRatio(_ r: [Double]) -> Double {
        let s = r.sorted()
        let low = abs(Statistics.percentile(sorted: s, 5))
        guard low > 0 else { return .nan }
        return abs(Statistics.percentile(sorted: s, 95)) / low
    }

    /// Historical value at risk as a RETURN (negative for a loss): percentile(r, 100·cutoff),
    /// numpy linear interpolation (empyrical `value_at_risk`, cutoff 0.05). NaN without returns.
    public static func historicalVaR(_ r: [Double], cutoff: Double = 0.05) -> Double {
        Statistics.percentile(r, 100 * cutoff)
    }

    /// Historical conditional VaR (empyrical): the mean of the ⌊(n − 1)·cutoff⌋ + 1 smallest returns.
    /// NaN without returns.
    public static func historicalCVaR(_ r: [Double], cutoff: Double = 0.05) -> Double {
        guard !r.isEmpty else { return .nan }
        let s = r.sorted()
        let k = Int(Double(r.count - 1) * cutoff)
        var sum = 0.0
        for i in 0...k { sum += s[i] }
        return sum / Double(k + 1)
    }

    /// Parametric (normal) VaR as a return (quantstats `value_at_risk`): μ + σ·Φ⁻¹(cutoff), σ ddof 1.
    /// NaN for fewer than two returns.
    public static func parametricVaR(_ r: [Double], cutoff: Double = 0.05) -> Double {
        Statistics.mean(r) + Statistics.standardDeviation(r) * NormalDistribution.quantile(cutoff)
    }

    /// Parametric (Gaussian expected shortfall) CVaR as a return (quantstats `cvar`):
    /// μ − σ·φ(Φ⁻¹(cutoff))/cutoff. NaN for fewer than two returns.
    public static func parametricCVaR(_ r: [Double], cutoff: Double = 0.05) -> Double {
        Statistics.mean(r) - Statistics.standardDeviation(r) * NormalDistribution.pdf(NormalDistribution.quantile(cutoff)) / cutoff
    }

    /// Beta against benchmark returns b: cov(r, b)/var(b) (ddof cancels). NaN for fewer than two
    /// returns, a flat benchmark or series of different lengths.
    public static func beta(_ r: [Double], benchmark b: [Double]) -> Double {
        guard r.count == b.count, r.count >= 2 else { return .nan }
        let v = Statistics.variance(b, ddof: 1)
        guard v > 0 else { return .nan }
        return Statistics.covariance(r, b, ddof: 1) / v
    }

    /// Alpha, empyrical's compounded convention: (1 + mean(r − β·b))^N − 1. NaN where beta is.
    public static func alpha(_ r: [Double], benchmark b: [Double], periodsPerYear n: Double = 252) -> Double {
        let be = beta(r, benchmark: b)
        guard be.isFinite else { return .nan }
        var s = 0.0
        for i in r.indices { s += r[i] - be * b[i] }
        return pow(1 + s / Double(r.count), n) - 1
    }

    /// Alpha, quantstats' arithmetic convention (`greeks`): (mean(r) − β·mean(b))·N. NaN where
    /// beta is.
    public static func arithmeticAlpha(_ r: [Double], benchmark b: [Double], periodsPerYear n: Double = 252) -> Double {
        (Statistics.mean(r) - beta(r, benchmark: b) * Statistics.mean(b)) * n
    }

    /// Probabilistic Sharpe ratio (Bailey & López de Prado 2012): the probability that the true
    /// per-period Sharpe exceeds `benchmarkSharpe` (per period, not annualised),
    /// Φ((ŜR − SR*)·√(n − 1) / √(1 − γ₃ŜR + (γ₄ − 1)/4·ŜR²)) with ŜR = mean/std (ddof 1) per period,
    /// γ₃ the biased skewness and γ₄ the biased (non-excess) kurtosis. NaN for fewer than four
    /// returns (no kurtosis) or flat returns (no Sharpe).
    public static func probabilisticSharpe(_ r: [Double], benchmarkSharpe: Double = 0) -> Double {
        probabilisticSharpe(sharpe: Statistics.mean(r) / Statistics.standardDeviation(r, ddof: 1),
                            skewness: Statistics.skewness(r, bias: true), excessKurtosis: Statistics.excessKurtosis(r, bias: true),
                            count: r.count, benchmarkSharpe: benchmarkSharpe)
    }

    /// The same from the figures of n returns: per-period Sharpe SR (mean / std, ddof 1), biased
    /// skewness γ₃ and excess kurtosis γ₄ − 3. NaN when a figure is not finite, for fewer than
    /// two returns or when the variance term under the root is not positive.
    public static func probabilisticSharpe(sharpe sr: Double, skewness g3: Double, excessKurtosis: Double, count: Int,
                                           benchmarkSharpe: Double = 0) -> Double {
        guard count >= 2, sr.isFinite, g3.isFinite, excessKurtosis.isFinite else { return .nan }
        let g4 = excessKurtosis + 3
        let variance = 1 - g3 * sr + (g4 - 1) / 4 * sr * sr
        guard variance > 0 else { return .nan }
        let denom = variance.squareRoot()
        return NormalDistribution.cdf((sr - benchmarkSharpe) * Double(count - 1).squareRoot() / denom)
    }

    /// Exposure (quantstats): the share of periods with a non-zero return, rounded UP to a whole
    /// percent, ⌈100·count(r ≠ 0)/n⌉/100. NaN without returns.
    public static func exposure(_ r: [Double]) -> Double {
        guard !r.isEmpty else { return .nan }
        let nonZero = r.reduce(0) { $0 + ($1 != 0 && !$1.isNaN ? 1 : 0) }
        return (Double(nonZero) / Double(r.count) * 100).rounded(.up) / 100
    }

    /// Win rate of periods (quantstats): count(r > 0)/count(r ≠ 0). NaN without a non-zero return.
    public static func periodWinRate(_ r: [Double]) -> Double {
        var wins = 0, nonZero = 0
        for v in r where v != 0 { nonZero += 1; if v > 0 { wins += 1 } }
        guard nonZero > 0 else { return .nan }
        return Double(wins) / Double(nonZero)
    }
}
