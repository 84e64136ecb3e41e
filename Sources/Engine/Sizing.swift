import Foundation

/// How many units an entry trades, computed at fill time from the fill price (DESIGN.md
/// section 3). Sizes are whole units unless `fractional` is set.
///
/// - `all`: the most units the available margin pays for, commission included. For whole units
///   this is backtesting.py's rule, with the same floating-point operations:
///   `q = ⌊ avail·f / (P + commission(f, P)/f) ⌋` with `f = 1 − 2⁻⁵²` and Python's float floor
///   division, then reduced while `q·P + commission(q, P) > avail` (fixed and minimum commissions).
/// - `fraction(f)`: `⌊ f·equity / (P + variable commission per unit) ⌋`.
/// - `units(u)`: `u` (whole part unless fractional).
/// - `notional(n)`: `⌊ n / P ⌋`.
/// - `risk(r)`: `⌊ r·equity / stop distance ⌋`, the distance of the `stop_loss` rule (else the
///   `trailing_stop` rule) on the signal bar.
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

    /// backtesting.py's default order size, "all available": 1 − 2⁻⁵².
    static let allFraction = 1 - Double.ulpOfOne

    /// The unsigned size of an entry at `price`, or 0 when nothing can be traded.
    func size(price: Double, available: Double, equity: Double, stopDistance: Double, commission: CommissionModel) -> Double {
        guard price > 0, price.isFinite else { return 0 }
        switch mode {
        case .all:
            if fractional {
                var q = (available - commission.fixed) / (price + commission.variablePerUnit(price: price))
                if commission.commission(size: q, price: price) <= commission.minimum, commission.minimum > 0 {
                    q = (available - commission.minimum) / price
                }
                q = max(0, q)
                // Guard the last ulp: never more than the available cash.
                while q > 0 && q * price + commission.commission(size: q, price: price) > available { q = q.nextDown * (1 - 1e-15) }
                return q
            }
            // backtesting.py: size = avail·f // (P + commission(f, P)/f), relative part only here;
            // fixed and minimum commissions are taken out of the budget first.
            let f = Sizing.allFraction
            var variable = f * price * commission.relative
            if commission.perUnit != 0 { variable += f * commission.perUnit }
            let flat = max(commission.fixed, commission.minimum)
            var q = Sizing.pythonFloorDivide(max(0, available - flat) * f, price + variable / f)
            while q > 0 && q * price + commission.commission(size: q, price: price) > available { q -= 1 }
            while flat > 0 && (q + 1) * price + commission.commission(size: q + 1, price: price) <= available { q += 1 }
            return max(0, q)
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

    @inline(__always)
    private func whole(_ q: Double) -> Double {
        guard q.isFinite, q > 0 else { return 0 }
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
