import MarketData

/// Compounded returns per calendar month and year (UTC): ∏(1 + r) − 1 over the returns stamped
/// in each period, as quantstats' monthly/yearly tables; plus best and worst periods.
public struct CalendarReturns: Sendable, Equatable {
    /// One period's compounded return.
    public struct Period: Sendable, Equatable {
        /// Calendar year (UTC).
        public var year: Int
        /// 1…12 for a month, nil for a whole year.
        public var month: Int?
        /// ∏(1 + r) − 1 over the period's returns.
        public var value: Double
    }

    /// Month by month, in time order.
    public var monthly: [Period]
    /// Year by year, in time order.
    public var yearly: [Period]

    /// Groups `returns` by the UTC calendar date of `timestamps` (one stamp per return; extra
    /// entries of the longer array are ignored). No returns give no periods.
    public init(returns r: [Double], timestamps: [Int64]) {
        monthly = []; yearly = []
        for i in 0..<min(r.count, timestamps.count) {
            let (y, m, _) = CivilTime.date(fromDays: timestamps[i].floorDiv(86_400))
            if let last = monthly.last, last.year == y, last.month == m {
                monthly[monthly.count - 1].value = (1 + last.value) * (1 + r[i]) - 1
            } else {
                monthly.append(Period(year: y, month: m, value: r[i]))
            }
            if let last = yearly.last, last.year == y {
                yearly[yearly.count - 1].value = (1 + last.value) * (1 + r[i]) - 1
            } else {
                yearly.append(Period(year: y, month: nil, value: r[i]))
            }
        }
    }

    /// Best month (nil without returns).
    public var bestMonth: Double? { monthly.map(\.value).max() }
    /// Worst month.
    public var worstMonth: Double? { monthly.map(\.value).min() }
    /// Best year.
    public var bestYear: Double? { yearly.map(\.value).max() }
    /// Worst year.
    public var worstYear: Double? { yearly.map(\.value).min() }
}
