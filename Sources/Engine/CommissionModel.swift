/// What a fill costs: relative, per unit and fixed parts, with a minimum per order.
///
///     commission(q, P) = max(minimum, fixed + |q|·P·relative + |q|·perUnit)
///
/// With only `relative` set this is exactly backtesting.py's `abs(size) * price * commission`
/// (the same floating-point operations, so fills match it bit for bit). A fill of size 0 costs 0.
public struct CommissionModel: Sendable, Equatable {
    /// Share of traded value (0.002 = 0.2 %).
    public var relative: Double
    /// Currency per unit traded.
    public var perUnit: Double
    /// Currency per order.
    public var fixed: Double
    /// Lower bound per order.
    public var minimum: Double

    public init(relative: Double = 0, perUnit: Double = 0, fixed: Double = 0, minimum: Double = 0) {
        self.relative = relative
        self.perUnit = perUnit
        self.fixed = fixed
        self.minimum = minimum
    }

    /// The commission of one fill of `size` units (sign ignored) at `price`.
    @inline(__always)
    public func commission(size: Double, price: Double) -> Double {
        let q = Swift.abs(size)
        if q == 0 { return 0 }
        var c = fixed + q * price * relative
        if perUnit != 0 { c += q * perUnit }
        return c < minimum ? minimum : c
    }

    /// The part of the commission proportional to size, per unit: `P·relative + perUnit`.
    @inline(__always)
    func variablePerUnit(price: Double) -> Double { price * relative + perUnit }
}
