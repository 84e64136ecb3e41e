import Foundation

/// Covariance estimators over a T×N returns matrix (rows = dates, columns = assets), per period
/// (multiply by the annualisation factor, e.g. 252, for annual figures).
public enum Covariance {
    /// Column means.
    static func columnMeans(_ r: Matrix) -> [Double] {
        (0..<r.columns).map { j in
            var s = 0.0
            for i in 0..<r.rows { s += r[i, j] }
            return s / Double(r.rows)
        }
    }

    /// The returns with each column's mean subtracted (column-major values).
    static func demeaned(_ r: Matrix) -> [Double] {
        let means = columnMeans(r)
        var x = r.values
        for j in 0..<r.columns { let m = means[j]; for i in 0..<r.rows { x[i + j * r.rows] -= m } }
        return x
    }

    /// Sample covariance, `np.cov(R, rowvar=False, ddof=1)`: XᵀX/(T − 1) with X the demeaned
    /// columns, computed by `cblas_dsyrk`. Requires complete data (no NaN) and T ≥ 2.
    public static func sample(_ returns: Matrix, ddof: Int = 1) throws(RiskError) -> Matrix {
        guard returns.rows > ddof else { throw .tooFewObservations(count: returns.rows, needed: ddof + 1) }
        let x = demeaned(returns)
        return LinearAlgebra.gram(x, rows: returns.rows, columns: returns.columns, alpha: 1 / Double(returns.rows - ddof))
    }

    /// Ledoit–Wolf (2004) shrinkage towards μ_T·I exactly as scikit-learn's `ledoit_wolf`
    /// (assume_centered = False): S = XᵀX/T (ddof 0), μ_T = trace(S)/N, shrinkage
    /// δ = min(β, d)/d with β = (Σ(X²ᵀX²)/T − Σ(XᵀX)²/T²)/(N·T) and
    /// d = (Σ(XᵀX)²/T² − 2μ_T·trace(S) + N·μ_T²)/N; result (1 − δ)·S + δ·μ_T·I.
    /// PyPortfolioOpt multiplies by 252 for the annual matrix.
    public static func ledoitWolf(_ returns: Matrix) throws(RiskError) -> (covariance: Matrix, shrinkage: Double) {
        let n = returns.rows, p = returns.columns
        guard n >= 2 else { throw .tooFewObservations(count: n, needed: 2) }
        let x = demeaned(returns)
        let nd = Double(n)
        let xtx = LinearAlgebra.gram(x, rows: n, columns: p, alpha: 1)
        let x2 = x.map { $0 * $0 }
        let x2tx2 = LinearAlgebra.gram(x2, rows: n, columns: p, alpha: 1)
        var traceSum = 0.0
        for j in 0..<p { var s = 0.0; for i in 0..<n { s += x2[i + j * n] }; traceSum += s / nd }
        let mu = traceSum / Double(p)
        var betaRaw = 0.0, deltaRaw = 0.0
        for k in xtx.values.indices { betaRaw += x2tx2.values[k]; deltaRaw += xtx.values[k] * xtx.values[k] }
        deltaRaw /= nd * nd
        var beta = 1 / (Double(p) * nd) * (betaRaw / nd - deltaRaw)
        let delta = (deltaRaw - 2 * mu * traceSum + Double(p) * mu * mu) / Double(p)
        beta = min(beta, delta)
        let shrinkage = beta == 0 ? 0 : beta / delta
        var s = xtx.scaled((1 - shrinkage) / nd)
        for j in 0..<p { s[j, j] += shrinkage * mu }
        return (s, shrinkage)
    }

    /// Exponentially weighted covariance with a half-life of `halfLife` periods: weights
    /// w_t ∝ λ^(T−1−t), λ = 2^(−1/halfLife), normalised to Σw = 1; the mean is the weighted mean
    /// and C = Σ w_t (r_t − m)(r_t − m)ᵀ (no bias correction, RiskMetrics style).
    public static func ewma(_ returns: Matrix, halfLife: Double) throws(RiskError) -> Matrix {
        guard halfLife > 0, halfLife.isFinite else { throw .invalidArgument("the EWMA half-life must be a positive number of periods") }
        let n = returns.rows, p = returns.columns
        guard n >= 2 else { throw .tooFewObservations(count: n, needed: 2) }
        let lambda = pow(2, -1 / halfLife)
        var w = (0..<n).map { pow(lambda, Double(n - 1 - $0)) }
        let total = w.reduce(0, +)
        w = w.map { $0 / total }
        var x = returns.values
        for j in 0..<p {
            var m = 0.0
            for i in 0..<n { m += w[i] * x[i + j * n] }
            for i in 0..<n { x[i + j * n] = (x[i + j * n] - m) * w[i].squareRoot() }
        }
        return LinearAlgebra.gram(x, rows: n, columns: p, alpha: 1)
    }

    /// Pairwise-complete sample covariance (pandas `DataFrame.cov` with NaN): each pair uses the
    /// rows where both returns exist, with means over those rows and ddof 1. Not PSD in general;
    /// see `repairedPSD`. A pair with fewer than 2 common rows throws.
    public static func pairwise(_ returns: Matrix) throws(RiskError) -> Matrix {
        let n = returns.rows, p = returns.columns
        var c = Matrix(rows: p, columns: p)
        for a in 0..<p {
            for b in a..<p {
                var count = 0, sa = 0.0, sb = 0.0
                for i in 0..<n where !returns[i, a].isNaN && !returns[i, b].isNaN {
                    count += 1; sa += returns[i, a]; sb += returns[i, b]
                }
                guard count >= 2 else { throw .tooFewObservations(count: count, needed: 2) }
                let ma = sa / Double(count), mb = sb / Double(count)
                var s = 0.0
                for i in 0..<n where !returns[i, a].isNaN && !returns[i, b].isNaN {
                    s += (returns[i, a] - ma) * (returns[i, b] - mb)
                }
                c[a, b] = s / Double(count - 1)
                c[b, a] = c[a, b]
            }
        }
        return c
    }

    /// The nearest PSD matrix by spectral clipping (PyPortfolioOpt's "spectral" fix): V·max(Λ, 0)·Vᵀ
    /// from `dsyevd`. As PyPortfolioOpt, a matrix is left unchanged when C + 1e-16·I has a Cholesky
    /// factor. The clipped matrix is singular (its negative eigenvalues become 0).
    public static func repairedPSD(_ c: Matrix) throws(RiskError) -> Matrix {
        var ridged = c
        for i in 0..<c.rows { ridged[i, i] += 1e-16 }
        if (try? LinearAlgebra.cholesky(ridged)) != nil { return c }
        let (values, v) = try LinearAlgebra.symmetricEigen(c)
        var scaled = v
        for j in 0..<c.columns { let l = max(values[j], 0); for i in 0..<c.rows { scaled[i, j] *= l } }
        var fixed = LinearAlgebra.multiply(scaled, v, transposeB: true)
        for j in 0..<c.columns { for i in 0..<j { let m = (fixed[i, j] + fixed[j, i]) / 2; fixed[i, j] = m; fixed[j, i] = m } }
        return fixed
    }

    /// Pairwise-complete correlation (pandas `DataFrame.corr` with NaN): each pair's correlation
    /// uses only the rows where both returns exist, for its means and both variances.
    public static func pairwiseCorrelation(_ returns: Matrix) -> Matrix {
        let n = returns.rows, p = returns.columns
        var c = Matrix.identity(p)
        for a in 0..<p {
            for b in (a + 1)..<max(a + 1, p) {
                var count = 0, sa = 0.0, sb = 0.0
                for i in 0..<n where !returns[i, a].isNaN && !returns[i, b].isNaN {
                    count += 1; sa += returns[i, a]; sb += returns[i, b]
                }
                let ma = sa / Double(count), mb = sb / Double(count)
                var sab = 0.0, saa = 0.0, sbb = 0.0
                for i in 0..<n where !returns[i, a].isNaN && !returns[i, b].isNaN {
                    let da = returns[i, a] - ma, db = returns[i, b] - mb
                    sab += da * db; saa += da * da; sbb += db * db
                }
                c[a, b] = sab / (saa * sbb).squareRoot()
                c[b, a] = c[a, b]
            }
        }
        return c
    }

    /// Correlation matrix from a covariance: C_ij / √(C_ii C_jj).
    public static func correlation(_ c: Matrix) -> Matrix {
        var r = c
        let sd = c.diagonal.map { $0.squareRoot() }
        for j in 0..<c.columns { for i in 0..<c.rows { r[i, j] = c[i, j] / (sd[i] * sd[j]) } }
        return r
    }
}
