extension Optimizer {
    /// Maximum Sharpe ratio over the long-only, bounded efficient frontier.
    ///
    /// 1. Golden-section search over the target return R ∈ [R_minvar, R_max] of
    ///    (R − rf)/σ(R), σ(R) the volatility of `efficientReturn(R)` (quasi-concave: one maximum).
    /// 2. Exact polish: on the active set found (assets at 0 or at the cap), the frontier is
    ///    w(R) = a + R·b, so σ²(R) = αR² + βR + γ (α = bᵀSb, β = 2aᵀSb, γ = aᵀSa) and the Sharpe
    ///    ratio is maximal where σ² − (R − rf)·(σ²)'/2 = 0, i.e. R* = −(γ + rf·β/2)/(β/2 + rf·α).
    ///    R* is kept when w(R*) respects the bounds (else the search result stands).
    public static func maxSharpeOnFrontier(expectedReturns mu: [Double], covariance s: Matrix, riskFree rf: Double = 0,
                                           bounds: Bounds = Bounds()) throws(RiskError) -> [Double] {
        guard bounds.longOnly else { throw .invalidArgument("the frontier search needs long-only bounds") }
        guard mu.contains(where: { $0 > rf }) else {
            throw .infeasible("no asset has an expected return above the risk-free rate \(rf)")
        }
        let wMin = try minVariance(covariance: s, bounds: bounds)
        var lo = dot(mu, wMin)
        var hi = try FeasibleStart.returnRange(mu: mu, bounds: bounds).max
        func sharpe(_ r: Double) throws(RiskError) -> Double {
            let w = try efficientReturn(expectedReturns: mu, covariance: s, target: r, bounds: bounds)
            return (r - rf) / s.quadraticForm(w).squareRoot()
        }
        let phi = (5.0.squareRoot() - 1) / 2
        var x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo)
        var f1 = try sharpe(x1), f2 = try sharpe(x2)
        for _ in 0..<200 where hi - lo > 1e-13 * max(1, abs(hi)) {
            if f1 < f2 { lo = x1; x1 = x2; f1 = f2; x2 = lo + phi * (hi - lo); f2 = try sharpe(x2) }
            else { hi = x2; x2 = x1; f2 = f1; x1 = hi - phi * (hi - lo); f1 = try sharpe(x1) }
        }
        let r0 = f1 > f2 ? x1 : x2
        let w0 = try efficientReturn(expectedReturns: mu, covariance: s, target: r0, bounds: bounds)
        return (try? polish(w0, mu: mu, s: s, rf: rf, bounds: bounds)) ?? w0
    }

    /// Step 2 of `maxSharpeOnFrontier`: the exact optimum on w0's active set, nil when it leaves the bounds.
    static func polish(_ w0: [Double], mu: [Double], s: Matrix, rf: Double, bounds: Bounds) throws(RiskError) -> [Double]? {
        let n = w0.count
        let state: [ActiveSetSolver.State] = w0.map { $0 <= bounds.lower ? .atLower : ($0 >= bounds.upper ? .atUpper : .free) }
        var problem = QuadraticProgram(h: s.scaled(2), equalities: [[Double](repeating: 1, count: n), mu], equalityValues: [1, 0],
                                       lower: [Double](repeating: bounds.lower, count: n),
                                       upper: [Double](repeating: bounds.upper, count: n))
        let solver = ActiveSetSolver()
        let a = try solver.subproblem(problem, state: state, x: w0).x
        problem.equalityValues = [1, 1]
        let a1 = try solver.subproblem(problem, state: state, x: w0).x
        let b = zip(a1, a).map { $0 - $1 }
        let sb = s.multiply(b)
        let alpha = dot(b, sb), beta = 2 * dot(a, sb), gamma = s.quadraticForm(a)
        let denominator = beta / 2 + rf * alpha
        guard denominator != 0 else { return nil }
        let r = -(gamma + rf * beta / 2) / denominator
        var w = zip(a, b).map { $0 + r * $1 }
        for i in 0..<n {
            if state[i] != .free { continue }
            guard w[i] >= bounds.lower - 1e-12, w[i] <= bounds.upper + 1e-12 else { return nil }
            w[i] = min(max(w[i], bounds.lower), bounds.upper)
        }
        let before = (dot(w0, mu) - rf) / s.quadraticForm(w0).squareRoot()
        let after = (dot(w, mu) - rf) / s.quadraticForm(w).squareRoot()
        return after >= before - 1e-12 * abs(before) ? w : nil
    }
}
