/// Feasible starting points for the active-set solver, and the range of reachable portfolio
/// returns under box bounds (a fractional knapsack: fill the best assets first).
enum FeasibleStart {
    /// Weights within bounds summing to 1: start at the lower bounds (0, or an equal split when
    /// unbounded below) and fill up to the upper bounds in order.
    static func budget(n: Int, bounds: Optimizer.Bounds) throws(RiskError) -> [Double] {
        if !bounds.longOnly {
            let w = 1 / Double(n)
            if w <= bounds.upper { return [Double](repeating: w, count: n) }
        }
        return try fill(order: Array(0..<n), bounds: bounds)
    }

    static func fill(order: [Int], bounds: Optimizer.Bounds) throws(RiskError) -> [Double] {
        let n = order.count
        let lower = bounds.longOnly ? 0.0 : min(0, 1 - bounds.upper * Double(n - 1))
        var w = [Double](repeating: lower, count: n)
        var remaining = 1 - lower * Double(n)
        for i in order where remaining > 0 {
            let add = min(bounds.upper - lower, remaining)
            w[i] += add
            remaining -= add
        }
        guard remaining <= 1e-12 else { throw .infeasible("the bounds do not allow weights summing to 1") }
        return w
    }

    /// The lowest and highest μᵀw with 1ᵀw = 1 within bounds (bounded problems only).
    static func returnRange(mu: [Double], bounds: Optimizer.Bounds) throws(RiskError) -> (min: Double, max: Double, wMin: [Double], wMax: [Double]) {
        let ascending = mu.indices.sorted { mu[$0] < mu[$1] }
        let wLow = try fill(order: ascending, bounds: bounds)
        let wHigh = try fill(order: ascending.reversed(), bounds: bounds)
        return (Optimizer.dot(mu, wLow), Optimizer.dot(mu, wHigh), wLow, wHigh)
    }

    /// A feasible point with μᵀw = target: a convex mix of the lowest- and highest-return fills.
    /// Nil when shorting is allowed (the first solves find a feasible point).
    static func targetReturn(mu: [Double], target: Double, bounds: Optimizer.Bounds) throws(RiskError) -> [Double]? {
        // Shorting allowed: the reachable range is unbounded; the solver's warm start finds a point.
        guard bounds.longOnly else { return nil }
        let r = try returnRange(mu: mu, bounds: bounds)
        let slack = 1e-12 * max(1, abs(target))
        guard target >= r.min - slack, target <= r.max + slack else {
            throw .infeasible("target return \(target) is outside the reachable range [\(r.min), \(r.max)] for these bounds")
        }
        if r.max - r.min <= 0 { return r.wMax }
        let t = min(1, max(0, (target - r.min) / (r.max - r.min)))
        return zip(r.wMin, r.wMax).map { (1 - t) * $0 + t * $1 }
    }
}
