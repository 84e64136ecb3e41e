import Foundation

/// A base-10 logarithmic map (positive domain): `p = r0 + (log10 x - log10 d0) / (log10 d1 - log10 d0) * (r1 - r0)`.
/// Equal percentage moves take equal heights, which is how long equity curves compare fairly.
public struct LogScale: Sendable, Equatable {
    public var domain: (Double, Double)
    public var range: (Double, Double)

    /// Non-positive bounds are clamped to a tiny positive number.
    public init(domain: (Double, Double), range: (Double, Double)) {
        var a = max(domain.0, 1e-12), b = max(domain.1, 1e-12)
        if a == b { a /= 2; b *= 2 }
        self.domain = (a, b)
        self.range = range
    }

    public static func == (a: LogScale, b: LogScale) -> Bool { a.domain == b.domain && a.range == b.range }

    public func callAsFunction(_ x: Double) -> Double {
        let l0 = log10(domain.0), l1 = log10(domain.1)
        return range.0 + (log10(max(x, 1e-12)) - l0) / (l1 - l0) * (range.1 - range.0)
    }

    /// Ticks inside the domain: the densest of {1..9, then 1-2-5, then 1} x powers of ten that
    /// gives at most `maximum` ticks (powers of ten thinned when even they are too many); a narrow
    /// domain (fewer than `minimum` such ticks) falls back to nice linear ticks.
    public func ticks(minimum: Int = 3, maximum: Int = 8) -> [Double] {
        let lo = domain.0, hi = domain.1
        let e0 = Int(floor(log10(lo))), e1 = Int(ceil(log10(hi)))
        var candidates: [Double] = []
        for multipliers in [[1.0, 2, 3, 4, 5, 6, 7, 8, 9], [1.0, 2, 5], [1.0]] {
            candidates = []
            for e in e0...e1 {
                for m in multipliers {
                    let v = m * pow(10, Double(e))
                    if v >= lo * (1 - 1e-9), v <= hi * (1 + 1e-9) { candidates.append(v) }
                }
            }
            if candidates.count <= maximum { break }
        }
        if candidates.count > maximum {
            let powers = candidates.filter { abs(log10($0) - log10($0).rounded()) < 1e-9 }
            let every = max(1, Int((Double(powers.count) / Double(maximum)).rounded(.up)))
            candidates = powers.enumerated().filter { $0.offset % every == 0 }.map(\.element)
        }
        if candidates.count < minimum {
            return NiceTicks.ticks(lo, hi, count: maximum - 2).filter { $0 >= lo && $0 <= hi }
        }
        return candidates
    }
}
