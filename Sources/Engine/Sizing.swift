import Foundation

/// How many units an entry trades, computed at fill time from the fill price (DESIGN.md
/// section 3). Sizes are whole units unless `fractional` is set.
///
/// - `all`: the most units the available margin pays for, commission included. For whole units
///   and commissions without a fixed or minimum part this is backtesting.py's rule, with the same
///   floating-point operations: `q = ⌊ avail·f / (P + commission(f, P)/f) ⌋` with `f = 1 − 2⁻⁵²`
///   and Python's float floor division (with a relative commission c, `⌊avail / (P·(1+c))⌋`).
///   With a fixed part F and a minimum M, commission(q, P) = max(M, F + q·u) with
///   u = P·relative + perUnit, so q·P + commission ≤ avail exactly when both
///   `q·(P + u) + F ≤ avail` and `q·P + M ≤ avail`:
///   `q = min(⌊(avail − F) / (P + u)⌋, ⌊(avail − M) / P⌋)` (no floor when fractional).
/// - `fraction(f)`: `⌊ f·equity / (P + variable commission per unit) ⌋`.
/// - `units(u)`: `u` (whole part unless fractional).
/// - `notional(n)`: `⌊ n / P ⌋`.
/// - `risk(r)`: `⌊ r·equity / stop distance ⌋`, the distance of the `stop_loss` rule (else the
///   `trailing_stop` rule) on the signal bar.
///
/// Every size is closed-form: the floating-point rounding of a quotient is corrected by at most
/// two unit steps, never by a loop whose length depends on the magnitudes. A size that is not
/// finite or above `maximumUnits` is not corrected at all: the broker rejects the order
/// (`size_out_of_bounds`).
///
/// `avail = max(0, equity − Σ|q_j|·price_j)` (margin 1, longs and shorts alike). An explicit size
/// that costs more than `avail` is rejected by the broker, never filled on credit.
public struct Sizing: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case all
        case fraction(Double)
        case units(Double)
        case notional(Double)
        case risk(Double)
    }

    public var mode: Mode = .all
    public var fractional = false

    public init(mode: Mode = .all, fractional: Bool = false) {
        self.mode = mode
        self.fractional = fractional
    }

    /// The largest order, in units, the broker fills: 10¹⁵. Larger sizes come from prices
    /// near zero (e.g. 1e-300) and are rejected rather than traded. Below 2⁵³, so whole sizes are
    /// exact and `q ± 1` always moves.
    public static let maximumUnits = 1e15

    /// backtesting.py's default order size, "all available": 1 − 2⁻⁵².
    static let allFraction = 1 - Double.ulpOfOne

    /// The unsigned size of an entry at `price`, or 0 when nothing can be traded. It may exceed
    /// `maximumUnits` or be infinite (the broker rejects those).
    func size(price: Double, available: Double, equity: Double, stopDistance: Double, commission: CommissionModel) -> Double {
        guard price > 0, price.isFinite else { return 0 }
        switch mode {
        case .all:
            if fractional { return Sizing.affordable(available: available, price: price, commission: commission, fractional: true) }
            guard commission.fixed == 0 && commission.minimum == 0 else {
                return Sizing.affordable(available: available, price: price, commission: commission, fractional: false)
            }
            // backtesting.py: size = avail·f // (P + commission(f, P)/f).
            let f = Sizing.allFraction
            var variable = f * price * commission.relative
            if commission.perUnit != 0 { variable += f * commission.perUnit }
            var q = Sizing.pythonFloorDivide(max(0, available) * f, price + variable / f)
            guard q > 0 && q <= Sizing.maximumUnits else { return max(0, q) }
            for _ in 0..<2 where q > 0 && q * price + commission.commission(size: q, price: price) > available { q -= 1 }
            return q
        case .fraction(let share):
            return whole(share * equity / (price + commission.variablePerUnit(price: price)))
        case .units(let u):
            return whole(u)
        case .notional(let n):
            return whole(n / price)
        case .risk(let r):
            guard stopDistance > 0, stopDistance.isFinite else { return 0 }
            return whole(r * equity / stopDistance)
        }
    }

    /// The most units `available` pays for at `price`, commission included (see the type's
    /// comment for the formula): whole units, or fractional ones. 0 when nothing is affordable;
    /// possibly above `maximumUnits` (not corrected then).
    static func affordable(available: Double, price: Double, commission c: CommissionModel, fractional: Bool) -> Double {
        guard price > 0, price.isFinite, available > 0 else { return 0 }
        @inline(__always) func cost(_ q: Double) -> Double { q * price + c.commission(size: q, price: price) }
        var q = (available - c.fixed) / (price + c.variablePerUnit(price: price))
        if c.minimum > 0 { q = min(q, (available - c.minimum) / price) }
        guard !q.isNaN else { return 0 }
        q = max(0, q)
        if !fractional { q.round(.down) }
        guard q <= maximumUnits else { return q }
        if fractional {
            // The quotient may be one ulp too large; each step removes at least 1e-15 of it.
            for _ in 0..<4 where q > 0 && cost(q) > available { q = q.nextDown * (1 - 1e-15) }
            return cost(q) > available ? 0 : q
        }
        // The rounded quotients are within a unit of the exact bound: two steps each way.
        for _ in 0..<2 where q > 0 && cost(q) > available { q -= 1 }
        for _ in 0..<2 where cost(q + 1) <= available { q += 1 }
        return q
    }

    @inline(__always)
    private func whole(_ q: Double) -> Double {
        guard q.isFinite, q > 0 else { return q.isNaN ? 0 : max(0, q) }
        return fractional ? q : q.rounded(.down)
    }

    /// Python's `a // b` for floats (CPython `float_floor_div`): `(a − fmod(a, b)) / b`, adjusted
    /// toward −∞ and rounded, which can differ from `floor(a / b)` in the last place.
    static func pythonFloorDivide(_ a: Double, _ b: Double) -> Double {
        guard b != 0, a.isFinite, b.isFinite else { return 0 }
        var mod = fmod(a, b)
        var div = (a - mod) / b
        if mod != 0 {
            if (b < 0) != (mod < 0) {
                mod += b
                div -= 1
            }
        }
        if div != 0 {
            var fl = div.rounded(.down)
            if div - fl > 0.5 { fl += 1 }
            return fl
        }
        return (a / b).sign == .minus ? -0.0 : 0.0
    }
}
