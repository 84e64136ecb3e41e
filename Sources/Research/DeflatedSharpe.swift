import Analytics
import Engine
import Foundation

/// Overfitting statistics of a sweep (Bailey and López de Prado, "The Deflated Sharpe Ratio",
/// 2014): how likely the best combination's Sharpe is to be real, given how many were tried.
///
/// With T trials whose per-period Sharpe ratios have variance V (ddof 1), the Sharpe the best
/// of T would reach by luck alone is
///
///     SR₀ = √V · ((1 − γ)·Φ⁻¹(1 − 1/T) + γ·Φ⁻¹(1 − 1/(T·e))),   γ = 0.5772… (Euler-Mascheroni)
///
/// and the deflated Sharpe ratio is the probabilistic Sharpe ratio of the best combination's
/// returns against SR₀ (per period, not annualised; skewness and kurtosis of those returns).
public enum DeflatedSharpe {
    static let eulerGamma = 0.5772156649015329

    /// SR₀ for `trials` Sharpe ratios (per period). NaN with fewer than two trials.
    public static func expectedMaximum(perPeriodSharpes s: [Double]) -> Double {
        let finite = s.filter(\.isFinite)
        let t = Double(finite.count)
        guard finite.count >= 2 else { return .nan }
        let v = Statistics.variance(finite, ddof: 1)
        return v.squareRoot() * ((1 - eulerGamma) * NormalDistribution.quantile(1 - 1 / t)
                                 + eulerGamma * NormalDistribution.quantile(1 - 1 / (t * M_E)))
    }

    /// The probabilistic and deflated Sharpe ratios of the best row of a sweep from its summary
    /// (per-period Sharpe = annual Sharpe / √`periodsPerYear`, moments of its daily returns),
    /// with every row's Sharpe as a trial: what `sweep` and `sweep merge` report.
    public static func ofBest(_ best: RunSummary, sharpes: [Double], periodsPerYear n: Double) -> (psr: Double, dsr: Double, expectedMaxSharpe: Double) {
        let perPeriod = sharpes.map { $0 / n.squareRoot() }
        let sr = best.sharpe / n.squareRoot()
        let sr0 = expectedMaximum(perPeriodSharpes: perPeriod)
        func psr(_ benchmark: Double) -> Double {
            guard best.returnCount > 2, sr.isFinite, benchmark.isFinite else { return .nan }
            return ReturnMetrics.probabilisticSharpe(sharpe: sr, skewness: best.returnSkewness, excessKurtosis: best.returnKurtosis,
                                                     count: best.returnCount, benchmarkSharpe: benchmark)
        }
        return (psr(0), psr(sr0), sr0 * n.squareRoot())
    }

    /// The deflated Sharpe ratio of `bestReturns` (per-period simple returns) given the
    /// per-period Sharpe ratios of every trial.
    public static func deflated(bestReturns r: [Double], perPeriodSharpes s: [Double]) -> Double {
        let sr0 = expectedMaximum(perPeriodSharpes: s)
        guard sr0.isFinite, r.count > 2 else { return .nan }
        return ReturnMetrics.probabilisticSharpe(r, benchmarkSharpe: sr0)
    }
}
