import Foundation

/// Descriptive statistics over `[Double]`, written to follow numpy/pandas definitions so that
/// results match the reference libraries to rounding (see each function for its convention).
public enum Statistics {
    /// Arithmetic mean, Σx / n (NaN for an empty array).
    @inlinable
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// Variance with `ddof` delta degrees of freedom: Σ(x − x̄)² / (n − ddof), numpy's two-pass
    /// definition (`np.var(x, ddof=)`). NaN when n ≤ ddof.
    public static func variance(_ x: [Double], ddof: Int = 1) -> Double {
        guard x.count > ddof else { return .nan }
        let m = mean(x)
        var s = 0.0
        for v in x { let d = v - m; s += d * d }
        return s / Double(x.count - ddof)
    }

    /// Standard deviation, √variance(x, ddof) (ddof = 1 by default, as pandas and empyrical).
    public static func standardDeviation(_ x: [Double], ddof: Int = 1) -> Double {
        variance(x, ddof: ddof).squareRoot()
    }

    /// Sample covariance of two equal-length arrays, Σ(x − x̄)(y − ȳ) / (n − ddof) (`np.cov`).
    /// NaN when n ≤ ddof or the lengths differ.
    public static func covariance(_ x: [Double], _ y: [Double], ddof: Int = 1) -> Double {
        guard x.count == y.count, x.count > ddof else { return .nan }
        let mx = mean(x), my = mean(y)
        var s = 0.0
        for i in x.indices { s += (x[i] - mx) * (y[i] - my) }
        return s / Double(x.count - ddof)
    }

    /// Pearson correlation (`np.corrcoef`): cov(x, y) / (σx σy), the ddof cancels. NaN when either
    /// is constant or empty.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        covariance(x, y, ddof: 0) / (variance(x, ddof: 0) * variance(y, ddof: 0)).squareRoot()
    }

    /// The q-th percentile (q in 0…100) with numpy's default linear interpolation (Hyndman–Fan
    /// type 7): position h = (n − 1)·q/100 between the order statistics ⌊h⌋ and ⌊h⌋ + 1.
    public static func percentile(_ x: [Double], _ q: Double) -> Double {
        percentile(sorted: x.sorted(), q)
    }

    /// `percentile(_:_:)` on an already ascending array (saves the sort when several are needed).
    public static func percentile(sorted s: [Double], _ q: Double) -> Double {
        guard !s.isEmpty else { return .nan }
        let h = Double(s.count - 1) * q / 100
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, s.count - 1)
        let frac = h - Double(lo)
        // numpy's _lerp: a + (b - a)·t, switching to b - (b - a)·(1 - t) for t ≥ 0.5.
        let a = s[lo], b = s[hi], d = b - a
        return frac >= 0.5 ? b - d * (1 - frac) : a + d * frac
    }

    /// Skewness. `bias == false` (default): the adjusted Fisher–Pearson G1 that pandas
    /// `Series.skew()` and quantstats report, g1·√(n(n−1))/(n−2); `bias == true`: scipy's default
    /// g1 = m3 / m2^1.5 with population moments. NaN for fewer than three values (pandas' rule,
    /// applied to both) or when they are all equal (m2 = 0).
    public static func skewness(_ x: [Double], bias: Bool = false) -> Double {
        guard x.count >= 3 else { return .nan }
        let n = Double(x.count)
        let m = mean(x)
        var m2 = 0.0, m3 = 0.0
        for v in x { let d = v - m; m2 += d * d; m3 += d * d * d }
        m2 /= n; m3 /= n
        guard m2 > 0 else { return .nan }
        let g1 = m3 / pow(m2, 1.5)
        return bias ? g1 : g1 * (n * (n - 1)).squareRoot() / (n - 2)
    }

    /// Excess kurtosis. `bias == false` (default): pandas' bias-corrected G2 (quantstats'
    /// `kurtosis`), ((n+1)g2 + 6)(n−1)/((n−2)(n−3)); `bias == true`: scipy's default g2 = m4/m2² − 3.
    /// NaN for fewer than four values (pandas' rule, applied to both) or when they are all equal.
    public static func excessKurtosis(_ x: [Double], bias: Bool = false) -> Double {
        guard x.count >= 4 else { return .nan }
        let n = Double(x.count)
        let m = mean(x)
        var m2 = 0.0, m4 = 0.0
        for v in x { let d2 = (v - m) * (v - m); m2 += d2; m4 += d2 * d2 }
        m2 /= n; m4 /= n
        guard m2 > 0 else { return .nan }
        let g2 = m4 / (m2 * m2) - 3
        return bias ? g2 : ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
    }
}
