/// A bar interval such as `1m`, `5m`, `1h`, `1d`, `1wk`, `1mo`. Stored in the database by its
/// canonical text. Months and years are calendar units; `nominalSeconds` gives their average
/// length for gap checks and interval inference.
public struct Interval: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case second = "s", minute = "m", hour = "h", day = "d", week = "wk", month = "mo", year = "y"

        var seconds: Int64 {
            switch self {
            case .second: 1
            case .minute: 60
            case .hour: 3_600
            case .day: 86_400
            case .week: 604_800
            case .month: 2_629_746  // 365.2425 days / 12
            case .year: 31_556_952
            }
        }
    }

    public let count: Int
    public let unit: Unit

    /// The largest count `init?(_:)` accepts (`100000m`, `100000d`): longer intervals are not bar
    /// intervals, and the bound keeps `nominalSeconds` far from overflow.
    public static let maxCount = 100_000

    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    public static let daily = Interval(count: 1, unit: .day)
    public static let hourly = Interval(count: 1, unit: .hour)
    public static let weekly = Interval(count: 1, unit: .week)
    public static let monthly = Interval(count: 1, unit: .month)

    /// Parses `5m`, `1h`, `1d`, `1wk`, `1mo`, `1y` (also `1w`, `1M`, `daily`, `hourly`, `weekly`,
    /// `monthly`). Returns nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        switch t.lowercased() {
        case "daily": self = .daily; return
        case "hourly": self = .hourly; return
        case "weekly": self = .weekly; return
        case "monthly": self = .monthly; return
        default: break
        }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard digits.count <= 9, let n = Int(digits), n > 0, n <= Self.maxCount else { return nil }
        let suffix = String(t.dropFirst(digits.count))
        let unit: Unit
        switch suffix {
        case "s": unit = .second
        case "m", "min": unit = .minute
        case "h": unit = .hour
        case "d": unit = .day
        case "w", "wk": unit = .week
        case "M", "mo": unit = .month
        case "y": unit = .year
        default: return nil
        }
        self.init(count: n, unit: unit)
    }

    /// Canonical text, e.g. `1d`, `5m`, `1mo`.
    public var description: String { "\(count)\(unit.rawValue)" }

    /// Length in seconds; months and years use their average Gregorian length. Saturates at
    /// `Int64.max` for counts no parser accepts (an `Interval(count:unit:)` built in code).
    public var nominalSeconds: Int64 {
        let (product, overflow) = Int64(count).multipliedReportingOverflow(by: unit.seconds)
        return overflow ? .max : product
    }

    public var isIntraday: Bool { nominalSeconds < 86_400 }

    public static func < (a: Interval, b: Interval) -> Bool { a.nominalSeconds < b.nominalSeconds }
}

import Foundation
