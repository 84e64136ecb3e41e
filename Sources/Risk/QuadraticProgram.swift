/// A convex quadratic programme with equality constraints and bounds:
///
///     minimise ½·xᵀHx + cᵀx   subject to   E·x = e,   lower ≤ x ≤ upper
///
/// H must be positive definite on every subset of variables (a covariance matrix is).
/// Bounds may be ±∞.
public struct QuadraticProgram: Sendable {
    public var h: Matrix
    public var c: [Double]
    /// Rows of E (each of length n) and the right-hand sides e.
    public var equalities: [[Double]]
    public var equalityValues: [Double]
    public var lower: [Double]
    public var upper: [Double]

    public init(h: Matrix, c: [Double]? = nil, equalities: [[Double]], equalityValues: [Double], lower: [Double], upper: [Double]) {
        self.h = h
        self.c = c ?? [Double](repeating: 0, count: h.rows)
        self.equalities = equalities
        self.equalityValues = equalityValues
        self.lower = lower
        self.upper = upper
    }

    public var size: Int { h.rows }

    /// ½xᵀHx + cᵀx.
    public func objective(_ x: [Double]) -> Double {
        var s = 0.5 * h.quadraticForm(x)
        for i in x.indices { s += c[i] * x[i] }
        return s
    }
}
