/// An exact primal active-set solver for `QuadraticProgram` (Nocedal & Wright, Algorithm 16.3,
/// specialised to bound constraints). Each iteration fixes a working set of variables at their
/// bounds and solves the equality-constrained problem on the free ones exactly: a Cholesky
/// solve with H_FF (`dposv`) for [H_FF⁻¹E_Fᵀ, H_FF⁻¹q] and a small Schur system for the
/// multipliers. Steps stop at the first bound hit; at a stationary point a bound whose multiplier
/// has the wrong sign is released. The answer is the KKT solution on the final support, exact to
/// rounding (no iterative tolerance).
///
/// A warm start (solve with everything free, fix all violators at the violated bound, repeat)
/// finds a nearly right working set in a few large solves, which keeps problems of hundreds of
/// assets fast; the primal iterations then only correct it.
public struct ActiveSetSolver: Sendable {
    /// Relative tolerance on multiplier signs.
    public var tolerance = 1e-12
    public var maxIterations: Int?

    public init() {}

    enum State { case free, atLower, atUpper }

    /// Solves `problem`; `feasibleStart` (satisfying every constraint) is the fallback when the
    /// warm start does not reach a feasible point.
    public func solve(_ problem: QuadraticProgram, feasibleStart: [Double]?) throws(RiskError) -> [Double] {
        let n = problem.size
        var state = [State](repeating: .free, count: n)
        var x: [Double]
        if let warm = try warmStart(problem, state: &state) {
            x = warm
        } else if let start = feasibleStart {
            x = start
            for i in 0..<n {
                if x[i] <= problem.lower[i] { x[i] = problem.lower[i]; state[i] = .atLower }
                else if x[i] >= problem.upper[i] { x[i] = problem.upper[i]; state[i] = .atUpper }
                else { state[i] = .free }
            }
        } else {
            throw .infeasible("no feasible starting point for the constraints")
        }
        let budget = maxIterations ?? (20 * n + 100)
        for _ in 0..<budget {
            let (target, lambda) = try subproblem(problem, state: state, x: x)
            // Step towards the subproblem optimum, stopping at the first bound hit.
            var alpha = 1.0
            var blocking: (Int, State)?
            for i in 0..<n where state[i] == .free {
                let p = target[i] - x[i]
                if p < 0, problem.lower[i] > -.infinity {
                    let a = (problem.lower[i] - x[i]) / p
                    if a < alpha { alpha = a; blocking = (i, .atLower) }
                } else if p > 0, problem.upper[i] < .infinity {
                    let a = (problem.upper[i] - x[i]) / p
                    if a < alpha { alpha = a; blocking = (i, .atUpper) }
                }
            }
            if let (i, bound) = blocking {
                for k in 0..<n where state[k] == .free { x[k] += alpha * (target[k] - x[k]) }
                x[i] = bound == .atLower ? problem.lower[i] : problem.upper[i]
                state[i] = bound
                continue
            }
            x = target
            // Multipliers of the fixed bounds: g = Hx + c − Eᵀλ must be ≥ 0 at a lower bound, ≤ 0 at an upper one.
            let hx = problem.h.multiply(x)
            var worst = 0.0, release: Int?
            var scale = 0.0
            for i in 0..<n { scale = max(scale, abs(hx[i] + problem.c[i])) }
            for i in 0..<n where state[i] != .free {
                var g = hx[i] + problem.c[i]
                for (k, row) in problem.equalities.enumerated() { g -= row[i] * lambda[k] }
                let violation = state[i] == .atLower ? -g : g
                if violation > tolerance * max(scale, 1e-300) && violation > worst { worst = violation; release = i }
            }
            guard let i = release else { return x }
            state[i] = .free
        }
        throw .notConverged(iterations: budget)
    }

    /// Heuristic working set: solve with the current free set, fix every variable that breaks a
    /// bound at that bound, repeat until the solution is feasible. Nil when it cannot get there.
    func warmStart(_ problem: QuadraticProgram, state: inout [State]) throws(RiskError) -> [Double]? {
        let n = problem.size
        var x = [Double](repeating: 0, count: n)
        for _ in 0..<n {
            let free = (0..<n).filter { state[$0] == .free }
            if free.isEmpty { return nil }
            for i in 0..<n where state[i] != .free { x[i] = state[i] == .atLower ? problem.lower[i] : problem.upper[i] }
            let target: [Double]
            do { target = try subproblem(problem, state: state, x: x).x } catch { return nil }
            var changed = false
            for i in free {
                if target[i] < problem.lower[i] { state[i] = .atLower; changed = true }
                else if target[i] > problem.upper[i] { state[i] = .atUpper; changed = true }
            }
            if !changed {
                for (r, row) in problem.equalities.enumerated() {
                    var v = 0.0
                    for i in 0..<n { v += row[i] * target[i] }
                    if abs(v - problem.equalityValues[r]) > 1e-10 * max(1, abs(problem.equalityValues[r])) { return nil }
                }
                return target
            }
        }
        return nil
    }

    /// The equality-constrained optimum over the free variables with the others fixed at x:
    /// H_FF x_F = E_Fᵀλ − q with q = c_F + H_FW x_W, and E_F x_F = e − E_W x_W. Returns the full
    /// vector and λ.
    func subproblem(_ problem: QuadraticProgram, state: [State], x: [Double]) throws(RiskError) -> (x: [Double], lambda: [Double]) {
        let n = problem.size
        let free = (0..<n).filter { state[$0] == .free }
        let fixed = (0..<n).filter { state[$0] != .free }
        let m = problem.equalities.count
        let k = free.count
        var out = x
        for i in fixed { out[i] = state[i] == .atLower ? problem.lower[i] : problem.upper[i] }
        var residual = problem.equalityValues
        for (r, row) in problem.equalities.enumerated() { for i in fixed { residual[r] -= row[i] * out[i] } }
        if k == 0 {
            guard residual.allSatisfy({ abs($0) < 1e-12 }) else { throw .infeasible("every variable is at a bound") }
            return (out, [Double](repeating: 0, count: m))
        }
        // q = c_F + H_FW x_W
        var q = free.map { problem.c[$0] }
        for j in fixed where out[j] != 0 { for (a, i) in free.enumerated() { q[a] += problem.h[i, j] * out[j] } }
        let hff = problem.h.submatrix(rows: free, columns: free)
        // Right-hand sides: columns E_Fᵀ (m of them), then q.
        var rhs: [Double] = []
        rhs.reserveCapacity(k * (m + 1))
        for row in problem.equalities { for i in free { rhs.append(row[i]) } }
        rhs.append(contentsOf: q)
        let sol = try LinearAlgebra.solvePositiveDefinite(hff, rhs, rhs: m + 1)
        // Schur system M λ = residual + E_F H⁻¹ q, M = E_F H⁻¹ E_Fᵀ.
        var mm = Matrix(rows: m, columns: m)
        var b = residual
        for r in 0..<m {
            let row = problem.equalities[r]
            for s in 0..<m {
                var v = 0.0
                for (a, i) in free.enumerated() { v += row[i] * sol[s * k + a] }
                mm[r, s] = v
            }
            for (a, i) in free.enumerated() { b[r] += row[i] * sol[m * k + a] }
        }
        let lambda = try solveSmall(mm, b)
        for (a, i) in free.enumerated() {
            var v = -sol[m * k + a]
            for s in 0..<m { v += sol[s * k + a] * lambda[s] }
            out[i] = v
        }
        return (out, lambda)
    }

    /// Solves the m×m Schur system; when the equality rows are dependent on the free set (e.g.
    /// one free variable and two constraints) it keeps the first row and requires the rest to hold.
    func solveSmall(_ m: Matrix, _ b: [Double]) throws(RiskError) -> [Double] {
        if m.rows == 0 { return [] }
        if m.rows == 1 {
            guard m[0, 0] != 0 else { throw .infeasible("the constraints cannot be met by the free assets") }
            return [b[0] / m[0, 0]]
        }
        let det = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]
        if m.rows == 2, abs(det) <= 1e-13 * abs(m[0, 0] * m[1, 1]) {
            guard m[0, 0] != 0 else { throw .infeasible("the constraints cannot be met by the free assets") }
            return [b[0] / m[0, 0], 0]
        }
        return try LinearAlgebra.solveGeneral(m, b)
    }
}
