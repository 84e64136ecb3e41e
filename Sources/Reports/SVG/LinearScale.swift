/// A linear map from a data domain to pixels: `p = r0 + (x - d0) / (d1 - d0) * (r1 - r0)`.
public struct LinearScale: Sendable, Equatable {
    public var domain: (Double, Double)
    public var range: (Double, Double)

    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = domain.0 == domain.1 ? (domain.0 - 1, domain.1 + 1) : domain
        self.range = range
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool { a.domain == b.domain && a.range == b.range }

    public func callAsFunction(_ x: Double) -> Double {
        range.0 + (x - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
    }

    /// The domain widened to nice tick bounds, and those ticks.
    public func niced(count: Int = 6) -> (scale: LinearScale, ticks: [Double]) {
        let t = NiceTicks.ticks(domain.0, domain.1, count: count)
        guard let a = t.first, let b = t.last else { return (self, []) }
        return (LinearScale(domain: (a, b), range: range), t)
    }
}
