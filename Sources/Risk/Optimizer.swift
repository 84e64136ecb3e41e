/// Portfolio weights from expected returns μ and a covariance S (both in the same units, e.g.
/// annual). Every objective returns weights summing to 1 or throws a `RiskError`; weights are
/// never NaN. Bounds: `long-only` = [0, maxWeight ?? 1]; otherwise (−∞, maxWeight ?? ∞).
public enum Optimizer {
    /// Weight bounds shared by the optimisers.
    public struct Bounds: Sendable, Equatable {
        public var longOnly: Bool
        public var maxWeight: Double?
        public init(longOnly: Bool = true, maxWeight: Double? = nil) {
            self.longOnly = longOnly
            self.maxWeight = maxWeight
        }
        public static let unconstrained = Bounds(longOnly: false)

        var lower: Double { longOnly ? 0 : -.infinity }
        var upper: Double { maxWeight ?? (longOnly ? 1 : .infinity) }
        var isBounded: Bool { longOnly || maxWeight != nil }

        func validate(assets n: Int) throws(RiskError) {
            if let w = maxWeight {
                guard w > 0, w.isFinite else { throw .invalidArgument("--max-weight must be a positive fraction, got \(w)") }
                guard w * Double(n) >= 1 - 1e-12 else {
                    throw .infeasible("max weight \(w) × \(n) assets < 1: weights cannot sum to 1")
                }
            }
        }
    }

    /// Minimum variance. Unconstrained: the closed form w = S⁻¹1 / 1ᵀS⁻¹1 by Cholesky (`dposv`).
    /// With bounds: min wᵀSw s.t. 1ᵀw = 1, bounds, by the exact active-set QP.
    public static func minVariance(covariance s: Matrix, bounds: Bounds = .unconstrained) throws(RiskError) -> [Double] {
        let n = s.rows
        guard n > 0 else { throw .invalidArgument("no assets") }
        try bounds.validate(assets: n)
        if !bounds.isBounded {
            let x = try LinearAlgebra.solvePositiveDefinite(s, [Double](repeating: 1, count: n))
            let total = x.reduce(0, +)
            guard total.isFinite, total != 0 else { throw .singularCovariance("1ᵀS⁻¹1 is not positive") }
            return x.map { $0 / total }
        }
        try requirePositiveDefinite(s)
        let problem = QuadraticProgram(h: s.scaled(2), equalities: [[Double](repeating: 1, count: n)], equalityValues: [1],
                                       lower: [Double](repeating: bounds.lower, count: n),
                                       upper: [Double](repeating: bounds.upper, count: n))
        return try ActiveSetSolver().solve(problem, feasibleStart: try FeasibleStart.budget(n: n, bounds: bounds))
    }

    /// Efficient return: min wᵀSw s.t. 1ᵀw = 1, μᵀw = target, bounds (PyPortfolioOpt's
    /// `efficient_return`). Throws `.infeasible` with the reachable range when the target is outside it.
    public static func efficientReturn(expectedReturns mu: [Double], covariance s: Matrix, target: Double,
                                       bounds: Bounds = Bounds()) throws(RiskError) -> [Double] {
        let n = s.rows
        try bounds.validate(assets: n)
        try requirePositiveDefinite(s)
        let start = try FeasibleStart.targetReturn(mu: mu, target: target, bounds: bounds)
        let problem = QuadraticProgram(h: s.scaled(2), equalities: [[Double](repeating: 1, count: n), mu], equalityValues: [1, target],
                                       lower: [Double](repeating: bounds.lower, count: n),
                                       upper: [Double](repeating: bounds.upper, count: n))
        return try ActiveSetSolver().solve(problem, feasibleStart: start)
    }

    /// Maximum Sharpe ratio (μ − rf)ᵀw / √(wᵀSw).
    /// Long-only: PyPortfolioOpt's transform, min yᵀSy s.t. (μ − rf)ᵀy = 1, y ≥ 0, w = y/Σy, solved
    /// by the active-set QP. Unconstrained: the tangency portfolio S⁻¹(μ − rf) normalised.
    /// With a maximum weight (long-only only) the transformed bound y ≤ W·Σy is not a box, so the
    /// optimum is found on the bounded efficient frontier instead (`maxSharpeOnFrontier`).
    public static func maxSharpe(expectedReturns mu: [Double], covariance s: Matrix, riskFree rf: Double = 0,
                                 bounds: Bounds = Bounds()) throws(RiskError) -> [Double] {
        let n = s.rows
        let excess = mu.map { $0 - rf }
        if bounds.maxWeight != nil {
            guard bounds.longOnly else { throw .invalidArgument("--max-weight with max-sharpe needs --long-only") }
            return try maxSharpeOnFrontier(expectedReturns: mu, covariance: s, riskFree: rf, bounds: bounds)
        }
        let y: [Double]
        if bounds.longOnly {
            guard let best = excess.indices.max(by: { excess[$0] < excess[$1] }), excess[best] > 0 else {
                throw .infeasible("no asset has an expected return above the risk-free rate \(rf)")
            }
            try requirePositiveDefinite(s)
            var start = [Double](repeating: 0, count: n)
            start[best] = 1 / excess[best]
            let problem = QuadraticProgram(h: s.scaled(2), equalities: [excess], equalityValues: [1],
                                           lower: [Double](repeating: 0, count: n), upper: [Double](repeating: .infinity, count: n))
            y = try ActiveSetSolver().solve(problem, feasibleStart: start)
        } else {
            y = try LinearAlgebra.solvePositiveDefinite(s, excess)
        }
        let total = y.reduce(0, +)
        guard total > 0, total.isFinite else {
            throw .infeasible("the tangency portfolio has non-positive total weight (every excess return is too low)")
        }
        return y.map { $0 / total }
    }

    /// Efficient risk: the highest expected return with volatility √(wᵀSw) ≤ `targetVolatility`
    /// (PyPortfolioOpt's `efficient_risk`). Found by bisection on the target return of
    /// `efficientReturn` between the min-variance return and the highest reachable return (the
    /// frontier's volatility is increasing there), to 1e-15 in return.
    public static func efficientRisk(expectedReturns mu: [Double], covariance s: Matrix, targetVolatility v: Double,
                                     bounds: Bounds = Bounds()) throws(RiskError) -> [Double] {
        let wMin = try minVariance(covariance: s, bounds: bounds)
        let volMin = s.quadraticForm(wMin).squareRoot()
        guard v >= volMin * (1 - 1e-12) else {
            throw .infeasible("target volatility \(v) is below the minimum-variance volatility \(volMin)")
        }
        var lo = dot(mu, wMin)
        var hi: Double
        if bounds.longOnly {
            hi = try FeasibleStart.returnRange(mu: mu, bounds: bounds).max
        } else {
            hi = lo + 1
            while try portfolioVolatility(mu: mu, s: s, target: hi, bounds: bounds) < v { hi = lo + 2 * (hi - lo) }
        }
        if try portfolioVolatility(mu: mu, s: s, target: hi, bounds: bounds) <= v {
            return try efficientReturn(expectedReturns: mu, covariance: s, target: hi, bounds: bounds)
        }
        for _ in 0..<200 where hi - lo > 1e-15 * max(1, abs(hi)) {
            let mid = (lo + hi) / 2
            if try portfolioVolatility(mu: mu, s: s, target: mid, bounds: bounds) <= v { lo = mid } else { hi = mid }
        }
        return try efficientReturn(expectedReturns: mu, covariance: s, target: lo, bounds: bounds)
    }

    static func portfolioVolatility(mu: [Double], s: Matrix, target: Double, bounds: Bounds) throws(RiskError) -> Double {
        s.quadraticForm(try efficientReturn(expectedReturns: mu, covariance: s, target: target, bounds: bounds)).squareRoot()
    }

    /// `count` frontier points with target returns evenly spaced from the min-variance portfolio's
    /// return to the highest reachable one (the highest μ_i when unbounded).
    public static func frontier(expectedReturns mu: [Double], covariance s: Matrix, count: Int,
                                bounds: Bounds = Bounds()) throws(RiskError) -> [(target: Double, weights: [Double])] {
        guard count >= 2 else { throw .invalidArgument("--frontier needs at least 2 points") }
        let wMin = try minVariance(covariance: s, bounds: bounds)
        let lo = dot(mu, wMin)
        let range = bounds.longOnly ? try FeasibleStart.returnRange(mu: mu, bounds: bounds) : nil
        let hi = range?.max ?? (mu.max() ?? lo)
        var out: [(Double, [Double])] = [(lo, wMin)]
        for k in 1..<count {
            let t = lo + (hi - lo) * Double(k) / Double(count - 1)
            // The top of a bounded frontier is the highest-return fill itself: there the budget,
            // the return target and the bounds leave a single point, on which the active-set
            // iteration would only cycle between equivalent active sets.
            if k == count - 1, let range {
                out.append((t, range.wMax))
            } else {
                out.append((t, try efficientReturn(expectedReturns: mu, covariance: s, target: t, bounds: bounds)))
            }
        }
        return out
    }

    /// Expected return, volatility and Sharpe ratio (rf subtracted) of weights w.
    public static func performance(weights w: [Double], expectedReturns mu: [Double], covariance s: Matrix,
                                   riskFree rf: Double = 0) -> (expectedReturn: Double, volatility: Double, sharpe: Double) {
        let r = dot(w, mu)
        let v = s.quadraticForm(w).squareRoot()
        return (r, v, (r - rf) / v)
    }

    /// Throws `.singularCovariance` unless S has a Cholesky factor: with a singular S the optimum
    /// is not unique, and the solver would return one of many answers silently.
    static func requirePositiveDefinite(_ s: Matrix) throws(RiskError) {
        _ = try LinearAlgebra.cholesky(s)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }
}
