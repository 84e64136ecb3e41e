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
        let digits = t.prefix { $0.isNumber }
        guard let n = Int(digits), n > 0 else { return nil }
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

    /// Length in seconds; months and years use their average Gregorian length.
    public var nominalSeconds: Int64 { Int64(count) * unit.seconds }

    public var isIntraday: Bool { nominalSeconds < 86_400 }

    public static func < (a: Interval, b: Interval) -> Bool { a.nominalSeconds < b.nominalSeconds }

    /// The interval that the median spacing of ascending timestamps shows. Daily data with
    /// weekends (median 1 day) is `1d`; a 2–4 day spacing is `2d`…`4d`; 28–31 day spacing is `1mo`; 6–8 days `1wk`;
    /// 88–93 days `3mo`; 360–370 days `1y`; an intraday median is rounded to whole minutes or
    /// hours. Nil when there are fewer than two distinct timestamps.
    public static func inferred(from timestamps: [Int64]) -> Interval? {
        guard timestamps.count >= 2 else { return nil }
        var gaps: [Int64] = []
        gaps.reserveCapacity(min(timestamps.count, 1001))
        // The median of at most ~1000 spacings is plenty and keeps this cheap on 1M-row files.
        let stride = max(1, timestamps.count / 1000)
        var i = stride
        while i < timestamps.count {
            let g = timestamps[i] - timestamps[i - 1]
            if g != 0 { gaps.append(abs(g)) }
            i += stride
        }
        if gaps.isEmpty { return nil }
        gaps.sort()
        let median = gaps[gaps.count / 2]
        let day: Int64 = 86_400
        switch median {
        case ..<60: return Interval(count: Int(max(1, median)), unit: .second)
        case ..<3_600: return Interval(count: Int((median + 30) / 60), unit: .minute)
        case ..<day: return Interval(count: Int((median + 1_800) / 3_600), unit: .hour)
        case ..<(3 * day / 2): return .daily
        case ..<(5 * day): return Interval(count: Int((median + day / 2) / day), unit: .day)  // e.g. CoinGecko's 4-day candles
        case ..<(20 * day): return .weekly
        case ..<(60 * day): return .monthly
        case ..<(200 * day): return Interval(count: 3, unit: .month)
        default: return Interval(count: 1, unit: .year)
        }
    }
}

import Foundation
