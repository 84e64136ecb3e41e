import Analytics
import CLinearAlgebra
import Foundation

/// Value at risk and conditional VaR (expected shortfall) of a weighted portfolio over a
/// T×N panel of simple per-period returns. Losses are reported as POSITIVE fractions.
///
/// Conventions (SEMANTICS.md section 4): the portfolio return is r_p = R·w (rebalanced every
/// period); μ_p = wᵀμ (arithmetic means), σ_p = √(wᵀSw) with S the ddof-1 sample covariance.
public enum PortfolioVaR {
    /// How the loss distribution is obtained.
    public enum Method: String, Sendable, CaseIterable {
        case parametric, historical, monteCarlo = "montecarlo"
    }

    /// VaR and CVaR at one confidence level, with each asset's additive contribution.
    public struct Estimate: Sendable {
        /// e.g. 0.95.
        public var confidence: Double
        /// Loss (positive fraction) not exceeded with probability `confidence`.
        public var valueAtRisk: Double
        /// Mean loss beyond the VaR (expected shortfall), a positive fraction.
        public var conditionalValueAtRisk: Double
        /// Euler components of the VaR per asset; they sum to `valueAtRisk`.
        public var contributions: [Double]
    }

    /// Options shared by the methods.
    public struct Options: Sendable {
        /// Horizon in periods: √h scaling (parametric, Monte Carlo), overlapping h-period sums
        /// of portfolio returns (historical).
        public var horizon = 1
        /// Parametric: include the mean (VaR = −(μ_p·h + z·σ_p·√h)); false gives −z·σ_p·√h.
        public var includeMean = true
        public var paths = 100_000
        public var seed: UInt64 = 42
        public init(horizon: Int = 1, includeMean: Bool = true, paths: Int = 100_000, seed: UInt64 = 42) {
            self.horizon = horizon
            self.includeMean = includeMean
            self.paths = paths
            self.seed = seed
        }
    }

    /// Estimates VaR and CVaR at each confidence (e.g. 0.95, 0.99).
    public static func estimate(returns r: Matrix, weights w: [Double], confidences: [Double], method: Method,
                                options: Options = Options()) throws(RiskError) -> [Estimate] {
        guard w.count == r.columns else { throw .invalidWeights("\(w.count) weights for \(r.columns) symbols") }
        guard w.allSatisfy(\.isFinite) else { throw .invalidWeights("weights must be finite numbers") }
        guard options.horizon >= 1 else { throw .invalidArgument("--horizon must be at least 1 period") }
        for c in confidences where !(c > 0 && c < 1) { throw .invalidArgument("confidence \(c) must be between 0 and 1 (e.g. 0.95)") }
        switch method {
        case .parametric: return try parametric(r, w, confidences, options)
        case .historical:
            let scenarios = overlappingSums(r, horizon: options.horizon)
            guard scenarios.rows >= 2 else { throw .tooFewObservations(count: scenarios.rows, needed: 2) }
            return empirical(scenarios, w, confidences)
        case .monteCarlo:
            try checkPaths(options.paths, symbols: r.columns)
            return empirical(try simulate(r, options), w, confidences)
        }
    }

    /// The memory budget of a Monte Carlo estimate: 1 GiB.
    public static let monteCarloMemoryLimit = 1 << 30

    /// Bytes per Monte Carlo path over `symbols` assets: the normal draws and the scenarios
    /// (`symbols` doubles each), then the portfolio returns, their order and the sorted copy.
    public static func monteCarloBytesPerPath(symbols: Int) -> Int { (2 * max(symbols, 1) + 3) * 8 }

    /// The most paths that fit in `monteCarloMemoryLimit` for `symbols` assets.
    public static func maxMonteCarloPaths(symbols: Int) -> Int {
        monteCarloMemoryLimit / monteCarloBytesPerPath(symbols: symbols)
    }

    /// Checks a path count before anything is allocated: at least 100, and few enough to fit
    /// in `monteCarloMemoryLimit` (no product of user input is computed in integers).
    public static func checkPaths(_ paths: Int, symbols: Int) throws(RiskError) {
        guard paths >= 100 else { throw .invalidArgument("Monte Carlo needs at least 100 paths, got \(paths)") }
        let limit = maxMonteCarloPaths(symbols: symbols)
        guard paths <= limit else {
            let gib = Double(paths) * Double(monteCarloBytesPerPath(symbols: symbols)) / Double(1 << 30)
            let s = symbols == 1 ? "" : "s"
            throw .invalidArgument(
                "Monte Carlo with \(paths) paths over \(symbols) symbol\(s) needs about \(String(format: "%.1f", gib)) GiB of memory; "
                + "the limit is 1 GiB, at most \(limit) paths for \(symbols) symbol\(s)")
        }
    }

    /// Normal VaR: −(μ_p·h + z_α·σ_p·√h) with z_α = Φ⁻¹(1 − c); CVaR −(μ_p·h − σ_p·√h·φ(z_α)/α).
    /// Components: w_i·∂VaR/∂w_i = −w_i·(μ_i·h + z_α·√h·(Sw)_i/σ_p), summing to the VaR.
    static func parametric(_ r: Matrix, _ w: [Double], _ confidences: [Double], _ o: Options) throws(RiskError) -> [Estimate] {
        let s = try Covariance.sample(r)
        let mu = Covariance.columnMeans(r)
        let sw = s.multiply(w)
        let sigma = s.quadraticForm(w).squareRoot()
        let h = Double(o.horizon), rootH = h.squareRoot()
        let m = o.includeMean ? Optimizer.dot(w, mu) * h : 0
        return confidences.map { c in
            let alpha = 1 - c
            let z = NormalDistribution.quantile(alpha)
            let contributions = (0..<w.count).map { i in
                -w[i] * ((o.includeMean ? mu[i] * h : 0) + z * rootH * sw[i] / sigma)
            }
            return Estimate(confidence: c, valueAtRisk: -(m + z * sigma * rootH),
                            conditionalValueAtRisk: -(m - sigma * rootH * NormalDistribution.pdf(z) / alpha),
                            contributions: contributions)
        }
    }

    /// Historical/simulated VaR from scenario rows: VaR = −percentile(r_p, 100α) with numpy's
    /// linear interpolation, CVaR = −mean(r_p[r_p ≤ that percentile]).
    ///
    /// Components estimate −w_i·E[r_i | r_p = −VaR] by averaging the asset returns of the
    /// scenarios ranked within ±0.5 % of n around the percentile (at least the two it lies
    /// between; a single scenario is too noisy), then scale them so they sum exactly to the VaR.
    static func empirical(_ x: Matrix, _ w: [Double], _ confidences: [Double]) -> [Estimate] {
        let port = x.multiply(w)
        let order = port.indices.sorted { port[$0] < port[$1] }
        let sorted = order.map { port[$0] }
        return confidences.map { c in
            let alpha = 1 - c
            let q = Statistics.percentile(sorted: sorted, 100 * alpha)
            var tail = 0.0, count = 0
            for v in sorted { if v <= q { tail += v; count += 1 } else { break } }
            let h = Double(sorted.count - 1) * alpha
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
            let f = h - Double(lo)
            let interpolated = (0..<w.count).map { i in
                -w[i] * ((1 - f) * x[order[lo], i] + f * x[order[hi], i])
            }
            let half = Int(0.005 * Double(sorted.count))
            let window = max(0, lo - half)...min(sorted.count - 1, hi + half)
            var averaged = [Double](repeating: 0, count: w.count)
            for k in window { for i in 0..<w.count { averaged[i] -= w[i] * x[order[k], i] } }
            let total = averaged.reduce(0, +)
            let contributions = total != 0 && (total > 0) == (-q > 0)
                ? averaged.map { $0 * (-q) / total } : interpolated
            return Estimate(confidence: c, valueAtRisk: -q, conditionalValueAtRisk: -tail / Double(count),
                            contributions: contributions)
        }
    }

    /// Rows of overlapping h-period sums of the returns (the row count is T − h + 1).
    static func overlappingSums(_ r: Matrix, horizon h: Int) -> Matrix {
        if h == 1 { return r }
        let rows = max(0, r.rows - h + 1)
        var out = Matrix(rows: rows, columns: r.columns)
        for j in 0..<r.columns {
            var s = 0.0
            for i in 0..<r.rows {
                s += r[i, j]
                if i >= h { s -= r[i - h, j] }
                if i >= h - 1 { out[i - h + 1, j] = s }
            }
        }
        return out
    }

    /// `paths` correlated normal scenarios of h-period returns: X = μ·h + Z·Lᵀ with L the Cholesky
    /// factor of S·h (`dpotrf`) and Z standard normal draws, multiplied by `dgemm`.
    static func simulate(_ r: Matrix, _ o: Options) throws(RiskError) -> Matrix {
        let n = r.columns
        let h = Double(o.horizon)
        let l = try LinearAlgebra.cholesky(try Covariance.sample(r).scaled(h))
        let mu = Covariance.columnMeans(r).map { $0 * h }
        var rng = RandomNormal(seed: o.seed)
        var z = Matrix(rows: o.paths, columns: n)
        for k in z.values.indices { z.values[k] = rng.next() }
        var x = LinearAlgebra.multiply(z, l, transposeB: true)
        for j in 0..<n { for i in 0..<o.paths { x[i, j] += mu[j] } }
        return x
    }
}
