import Analytics
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

    /// The deflated Sharpe ratio of `bestReturns` (per-period simple returns) given the
    /// per-period Sharpe ratios of every trial.
    public static func deflated(bestReturns r: [Double], perPeriodSharpes s: [Double]) -> Double {
        let sr0 = expectedMaximum(perPeriodSharpes: s)
        guard sr0.isFinite, r.count > 2 else { return .nan }
        return ReturnMetrics.probabilisticSharpe(r, benchmarkSharpe: sr0)
    }
}
