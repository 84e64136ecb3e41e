import Foundation

/// "Nice" axis ticks (Heckbert, Graphics Gems 1990): steps of 1, 2, 5 or 10 times a power of
/// ten, so labels read 0, 0.2, 0.4 ... rather than 0, 0.173, 0.346.
public enum NiceTicks {
    /// The nice number nearest `x` (`round`) or the smallest nice number >= `x`.
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = floor(log10(x))
        let fraction = x / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }

    /// The tick step for about `count` ticks over [lo, hi].
    public static func step(_ lo: Double, _ hi: Double, count: Int = 6) -> Double {
        let span = niceNumber(hi - lo, round: false)
        return niceNumber(span / Double(max(1, count - 1)), round: true)
    }

    /// Ticks covering [lo, hi]: multiples of the nice step from floor(lo/step) to ceil(hi/step).
    /// A degenerate range (lo == hi) is widened by one unit on each side.
    public static func ticks(_ lo: Double, _ hi: Double, count: Int = 6) -> [Double] {
        guard lo.isFinite, hi.isFinite else { return [] }
        var (a, b) = (min(lo, hi), max(lo, hi))
        if a == b { a -= abs(a) > 0 ? abs(a) * 0.1 : 1; b += abs(b) > 0 ? abs(b) * 0.1 : 1 }
        let s = step(a, b, count: count)
        let first = (a / s).rounded(.down), last = (b / s).rounded(.up)
        return stride(from: first, through: last, by: 1).map { $0 * s == 0 ? 0 : $0 * s }
    }
}
