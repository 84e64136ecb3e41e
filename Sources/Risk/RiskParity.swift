import Foundation

/// Equal risk contribution (risk parity): long-only weights with equal contributions
/// w_i·(Sw)_i to the portfolio variance. Solved as min ½yᵀSy − Σ b_i ln y_i with b_i = 1/N by
/// Newton's method (Hessian S + diag(b/y²), Cholesky solves, step halving to stay positive),
/// then w = y/Σy (Spinu 2013). Converges to rounding in a few iterations.
public enum RiskParity {
    /// Weights whose risk contributions are proportional to `budgets` (equal by default).
    public static func weights(covariance s: Matrix, budgets: [Double]? = nil) throws(RiskError) -> [Double] {
        let n = s.rows
        guard n > 0 else { throw .invalidArgument("no assets") }
        let b = budgets ?? [Double](repeating: 1 / Double(n), count: n)
        guard b.count == n, b.allSatisfy({ $0 > 0 }) else { throw .invalidArgument("risk budgets must be positive, one per asset") }
        guard s.diagonal.allSatisfy({ $0 > 0 }) else { throw .singularCovariance("an asset has zero variance") }
        var y = s.diagonal.map { 1 / $0.squareRoot() }
        let scale = (s.quadraticForm(y)).squareRoot()
        y = y.map { $0 / scale }
        func objective(_ y: [Double]) -> Double {
            var f = 0.5 * s.quadraticForm(y)
            for i in 0..<n { f -= b[i] * log(y[i]) }
            return f
        }
        for _ in 0..<100 {
            let sy = s.multiply(y)
            let g = (0..<n).map { sy[$0] - b[$0] / y[$0] }
            if g.map(abs).max()! <= 1e-15 * max(1, sy.map(abs).max()!) { break }
            var h = s
            for i in 0..<n { h[i, i] += b[i] / (y[i] * y[i]) }
            let step = try LinearAlgebra.solvePositiveDefinite(h, g)
            var t = 1.0
            let f0 = objective(y)
            var next = y
            while true {
                next = (0..<n).map { y[$0] - t * step[$0] }
                if next.allSatisfy({ $0 > 0 }) && objective(next) <= f0 + 1e-15 * abs(f0) { break }
                t /= 2
                if t < 1e-20 { next = y; break }
            }
            if next == y { break }
            y = next
        }
        let total = y.reduce(0, +)
        return y.map { $0 / total }
    }

    /// Each asset's share of the portfolio variance, w_i(Sw)_i / wᵀSw (sums to 1).
    public static func contributions(weights w: [Double], covariance s: Matrix) -> [Double] {
        let sw = s.multiply(w)
        let v = s.quadraticForm(w)
        return (0..<w.count).map { w[$0] * sw[$0] / v }
    }
}
