import Analytics

/// Portfolio weights from a returns panel, shared by `barwise optimize` and the engine's
/// allocation strategies so that both give the same weights on the same window.
///
/// Estimation follows PyPortfolioOpt (SEMANTICS.md section 4):
/// - the annualisation factor F is inferred from the return stamps (`PeriodsPerYear.infer`:
///   252 for business-day data);
/// - expected returns μ_i = ∏(1 + r_i)^(F/T) − 1 (`mean_historical_return`, geometric, annual);
/// - covariance S = F · sample covariance (ddof 1), or F · Ledoit–Wolf.
///
/// Methods (every weight vector sums to 1):
/// - `equal`: w_i = 1/N;
/// - `inverseVolatility`: w_i ∝ 1/σ_i, σ_i = √S_ii (sample standard deviation, ddof 1);
/// - `minVariance`: min wᵀSw within `bounds` (long-only by default), exact active-set QP;
/// - `maxSharpe`: max (μ − rf)ᵀw / √(wᵀSw) within `bounds` (PyPortfolioOpt's transform);
/// - `riskParity`: equal risk contributions w_i(Sw)_i (long-only);
/// - `hrp`: hierarchical risk parity, single linkage (López de Prado; PyPortfolioOpt's HRPOpt).
public enum AllocationWeights {
    /// How target weights are chosen.
    public enum Method: String, Sendable, CaseIterable {
        case equal
        case inverseVolatility = "inverse_volatility"
        case minVariance = "min_variance"
        case maxSharpe = "max_sharpe"
        case riskParity = "risk_parity"
        case hrp
    }

    /// The covariance estimator.
    public enum CovarianceEstimator: Sendable, Equatable {
        case sample
        case ledoitWolf
        /// Exponentially weighted, the given half-life in periods (`Covariance.ewma`).
        case ewma(halfLife: Double)
    }

    /// The estimates every method works from, annualised with `periodsPerYear`.
    public struct Inputs: Sendable {
        public var periodsPerYear: Double
        /// Geometric annual expected returns μ, one per column of the panel.
        public var expectedReturns: [Double]
        /// Annual covariance S (N×N).
        public var covariance: Matrix
    }

    /// PyPortfolioOpt's inputs from a returns panel: F inferred from the stamps, μ geometric
    /// annual, S the annualised sample (ddof 1; pairwise-complete repaired to PSD when the panel
    /// is pairwise) or Ledoit–Wolf covariance.
    public static func inputs(_ panel: ReturnsPanel, covariance estimator: CovarianceEstimator = .sample) throws(RiskError) -> Inputs {
        let periods = PeriodsPerYear.infer(timestamps: panel.timestamps)
        let mu = panel.geometricAnnualReturns(periodsPerYear: periods)
        let s: Matrix
        switch estimator {
        case .sample: s = try panel.sampleCovariance()
        case .ledoitWolf: s = try panel.ledoitWolfCovariance()
        case .ewma(let halfLife): s = try panel.ewmaCovariance(halfLife: halfLife)
        }
        return Inputs(periodsPerYear: periods, expectedReturns: mu, covariance: s.scaled(periods))
    }

    /// The weights of `method` from `inputs` (see the type's comment for the formulas).
    /// - Parameters:
    ///   - riskFree: annual risk-free rate of `maxSharpe` (`barwise optimize --risk-free`, default 0).
    ///   - bounds: weight bounds of `minVariance` and `maxSharpe` (long-only by default).
    /// - Throws: `RiskError` when the covariance is singular, no asset beats the risk-free rate, …
    public static func weights(_ method: Method, inputs: Inputs, riskFree: Double = 0,
                               bounds: Optimizer.Bounds = Optimizer.Bounds()) throws(RiskError) -> [Double] {
        let s = inputs.covariance
        let n = s.rows
        guard n > 0 else { throw .invalidArgument("no assets") }
        let w: [Double]
        switch method {
        case .equal:
            w = [Double](repeating: 1 / Double(n), count: n)
        case .inverseVolatility:
            let inverse = s.diagonal.map { 1 / $0.squareRoot() }
            guard inverse.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw .singularCovariance("an asset has zero or undefined volatility")
            }
            let total = inverse.reduce(0, +)
            w = inverse.map { $0 / total }
        case .minVariance:
            w = try Optimizer.minVariance(covariance: s, bounds: bounds)
        case .maxSharpe:
            w = try Optimizer.maxSharpe(expectedReturns: inputs.expectedReturns, covariance: s, riskFree: riskFree, bounds: bounds)
        case .riskParity:
            w = try RiskParity.weights(covariance: s)
        case .hrp:
            w = try HierarchicalRiskParity.weights(covariance: s).weights
        }
        guard w.count == n, w.allSatisfy(\.isFinite) else { throw .invalidWeights("\(method.rawValue) gave non-finite weights") }
        return w
    }

    /// `inputs` then `weights`, on the sample covariance: what an allocation strategy computes at
    /// a rebalance, and `barwise optimize --objective … --long-only` on the same window.
    public static func weights(_ method: Method, panel: ReturnsPanel, riskFree: Double = 0) throws(RiskError) -> [Double] {
        try weights(method, inputs: try inputs(panel), riskFree: riskFree)
    }
}
