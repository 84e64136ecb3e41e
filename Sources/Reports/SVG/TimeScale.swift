import MarketData

/// A linear map from UTC epoch seconds to pixels, with calendar-aligned ticks: whole years,
/// months, days or clock hours/minutes, the coarsest unit giving at most `count` ticks.
public struct TimeScale: Sendable, Equatable {
    public var domain: (Int64, Int64)
    public var range: (Double, Double)

    public init(domain: (Int64, Int64), range: (Double, Double)) {
        self.domain = domain.0 == domain.1 ? (domain.0 - 43_200, domain.1 + 43_200) : domain
        self.range = range
    }

    public static func == (a: TimeScale, b: TimeScale) -> Bool { a.domain == b.domain && a.range == b.range }

    public func callAsFunction(_ t: Int64) -> Double {
        range.0 + Double(t - domain.0) / Double(domain.1 - domain.0) * (range.1 - range.0)
    }

    /// A tick unit: a count of seconds, months or years.
    enum Unit: Equatable { case seconds(Int64), months(Int), years(Int) }

    static let units: [Unit] = [
        .seconds(60), .seconds(300), .seconds(900), .seconds(1800), .seconds(3600), .seconds(3 * 3600),
        .seconds(6 * 3600), .seconds(12 * 3600), .seconds(86_400), .seconds(2 * 86_400), .seconds(7 * 86_400),
        .months(1), .months(3), .months(6), .years(1), .years(2), .years(5), .years(10), .years(25), .years(50), .years(100),
    ]

    /// Calendar-aligned ticks inside the domain with their labels (`2005`, `2005-03`,
    /// `2005-03-14`, `03-14 10:00`).
    public func ticks(count: Int = 8) -> [(time: Int64, label: String)] {
        for unit in Self.units {
            let t = times(unit)
            if t.count <= count { return t.map { ($0, label($0, unit)) } }
        }
        return []
    }

    func times(_ unit: Unit) -> [Int64] {
        let (lo, hi) = domain
        var out: [Int64] = []
        switch unit {
        case .seconds(let s):
            let estimate = (hi - lo) / s
            if estimate > 1_000 { return Array(repeating: 0, count: 1_001) }
            var t = (lo + s - 1).floorDiv(s) * s
            while t <= hi { out.append(t); t += s }
        case .months(let m):
            out = monthTicks(step: m)
        case .years(let y):
            out = monthTicks(step: 12 * y)
        }
        return out
    }

    private func monthTicks(step: Int) -> [Int64] {
        let (lo, hi) = domain
        if (hi - lo) / (28 * 86_400) / Int64(step) > 1_000 { return Array(repeating: 0, count: 1_001) }
        let start = CivilTime.date(fromDays: lo.floorDiv(86_400))
        var index = start.year * 12 + (start.month - 1)
        index = (index + step - 1) / step * step  // align: January for years, quarter starts...
        var out: [Int64] = []
        while true {
            let t = CivilTime.days(year: index / 12, month: index % 12 + 1, day: 1) * 86_400
            if t > hi { break }
            if t >= lo { out.append(t) }
            index += step
        }
        return out
    }

    func label(_ t: Int64, _ unit: Unit) -> String {
        let iso = CivilTime.iso8601(t)  // 2005-03-14T10:00:00Z
        switch unit {
        case .years: return String(iso.prefix(4))
        case .months: return String(iso.prefix(7))
        case .seconds(let s) where s >= 86_400: return String(iso.prefix(10))
        case .seconds: return String(iso.dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " ")
        }
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
}
