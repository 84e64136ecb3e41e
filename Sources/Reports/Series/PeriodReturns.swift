import Analytics

/// Calendar-period returns of an equity curve (UTC calendar), for the monthly heatmap, the yearly
/// bars and `monthly_returns.csv`.
///
/// They are `Analytics.CalendarReturns` of the curve's daily returns (`DailyResampler`): each
/// period's value is ∏(1 + r) − 1 over the daily returns stamped in it, the first return (from
/// the first point to the end of its day) counting in the first period. These are exactly the
/// numbers behind summary.json's `best_month`, `worst_month`, `best_year` and `worst_year`.
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

    /// Monthly and yearly returns of `equity` at `timestamps` (none for fewer than two days).
    public static func of(timestamps: [Int64], equity: [Double]) -> (months: [Month], years: [Year]) {
        let daily = DailyResampler.resample(values: equity, timestamps: timestamps)
        let calendar = CalendarReturns(returns: DailyResampler.returns(daily.values), timestamps: Array(daily.timestamps.dropFirst()))
        return (calendar.monthly.map { Month(year: $0.year, month: $0.month ?? 0, value: $0.value) },
                calendar.yearly.map { Year(year: $0.year, value: $0.value) })
    }

    public static func monthly(timestamps: [Int64], equity: [Double]) -> [Month] { of(timestamps: timestamps, equity: equity).months }

    public static func yearly(timestamps: [Int64], equity: [Double]) -> [Year] { of(timestamps: timestamps, equity: equity).years }
}
