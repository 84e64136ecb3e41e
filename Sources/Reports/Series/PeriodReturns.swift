import MarketData

/// Calendar-period returns of an equity curve (UTC calendar).
///
/// The return of a period is `E_last(period) / E_last(previous period) - 1`, where `E_last` is
/// the last equity value inside the period; the first period uses the curve's first value as
/// its base. So the monthly returns compound exactly to the yearly ones and to the total return.
public enum PeriodReturns {
    /// One calendar month's return (`month` 1...12).
    public struct Month: Sendable, Equatable {
        public var year: Int
        public var month: Int
        public var value: Double
        public init(year: Int, month: Int, value: Double) {
            self.year = year
            self.month = month
            self.value = value
        }
    }

    /// One calendar year's return.
    public struct Year: Sendable, Equatable {
        public var year: Int
        public var value: Double
        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public static func monthly(timestamps: [Int64], equity: [Double]) -> [Month] {
        periods(timestamps: timestamps, equity: equity) { y, m in y * 12 + (m - 1) }
            .map { Month(year: $0.key / 12, month: $0.key % 12 + 1, value: $0.value) }
    }

    public static func yearly(timestamps: [Int64], equity: [Double]) -> [Year] {
        periods(timestamps: timestamps, equity: equity) { y, _ in y }.map { Year(year: $0.key, value: $0.value) }
    }

    /// The year and month of epoch seconds, UTC.
    static func yearMonth(_ t: Int64) -> (year: Int, month: Int) {
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let d = CivilTime.date(fromDays: days)
        return (d.year, d.month)
    }

    private static func periods(timestamps: [Int64], equity: [Double], key: (Int, Int) -> Int) -> [(key: Int, value: Double)] {
        guard let first = equity.first else { return [] }
        var out: [(key: Int, value: Double)] = []
        var base = first
        var currentKey: Int? = nil
        var lastDay: Int64 = .min
        var lastKey = 0
        for i in timestamps.indices {
            let day = timestamps[i] >= 0 ? timestamps[i] / 86_400 : (timestamps[i] - 86_399) / 86_400
            if day != lastDay {  // the calendar only changes with the day
                let ym = CivilTime.date(fromDays: day)
                lastKey = key(ym.year, ym.month)
                lastDay = day
            }
            if let k = currentKey, k != lastKey {
                out.append((k, equity[i - 1] / base - 1))
                base = equity[i - 1]
            }
            currentKey = lastKey
        }
        if let k = currentKey { out.append((k, equity[equity.count - 1] / base - 1)) }
        return out
    }
}
