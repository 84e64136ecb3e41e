import MarketData

/// The annualisation factor N of a return series, inferred from its timestamps the way
/// backtesting.py does (SEMANTICS.md section 1.5): the median spacing of the last 100 stamps gives
/// 52 (weekly, 6–9 days), 12 (monthly, 27–33 days), 4 (quarterly, 85–95 days) or 1 (yearly,
/// 360–370 days); anything else is daily data, 252 for business days or 365 when more than
/// 2/7·0.6 ≈ 17 % of the bars fall on a Saturday or Sunday (crypto). Intraday data is first
/// resampled to daily closes (`DailyResampler`), so it is annualised as daily data.
///
/// This is THE rule: the run summary (`RunSummary`, every sweep row), alpha and beta
/// (`PerformanceMetrics`), the report's rolling figures and risk's annualisation all take N from
/// here, and `summary.json` records it as `periods_per_year`. Ranges rather than backtesting.py's
/// exact 7/31/365 days keep months of 28–31 days monthly; the quarterly case is an addition
/// (backtesting.py would call quarterly bars daily).
public enum PeriodsPerYear {
    /// Business-day convention (empyrical's default).
    public static let businessDays = 252.0

    /// The factor for `timestamps` (UTC epoch seconds, ascending); 252 when there are fewer than two.
    public static func infer(timestamps: [Int64]) -> Double {
        guard timestamps.count >= 2 else { return businessDays }
        let tail = timestamps.suffix(101)
        var gaps: [Int64] = []
        gaps.reserveCapacity(tail.count)
        var previous = tail.first!
        for t in tail.dropFirst() { gaps.append(t - previous); previous = t }
        gaps.sort()
        let median = gaps.count % 2 == 1 ? Double(gaps[gaps.count / 2])
            : Double(gaps[gaps.count / 2 - 1] + gaps[gaps.count / 2]) / 2
        let days = median / 86_400
        if days < 1 {
            return infer(timestamps: DailyResampler.dailyTimestamps(timestamps))
        }
        switch days {
        case 6..<9: return 52
        case 27..<33: return 12
        case 85..<95: return 4
        case 360..<370: return 1
        default:
            var weekend = 0
            for t in timestamps {
                let weekday = ((t.floorDiv(86_400) % 7) + 7 + 3) % 7   // 0 = Monday (1970-01-01 was a Thursday)
                if weekday >= 5 { weekend += 1 }
            }
            return Double(weekend) / Double(timestamps.count) > 2.0 / 7.0 * 0.6 ? 365 : businessDays
        }
    }
}

/// Resamples an intraday equity curve to one value per UTC calendar day (the day's last value),
/// as pandas `resample('D').last().dropna()`.
public enum DailyResampler {
    /// The stamp of each day's last observation, re-stamped at 00:00 UTC of that day.
    public static func dailyTimestamps(_ timestamps: [Int64]) -> [Int64] {
        resample(values: [Double](repeating: 0, count: timestamps.count), timestamps: timestamps).timestamps
    }

    /// Keeps the last value of every UTC day; stamps become midnight UTC. Daily and coarser data
    /// keep every value. The one daily resampler: the run summary, the metrics and the report use it.
    public static func resample(values: [Double], timestamps: [Int64]) -> (values: [Double], timestamps: [Int64]) {
        var outV: [Double] = [], outT: [Int64] = []
        for i in timestamps.indices {
            let day = timestamps[i].floorDiv(86_400) * 86_400
            if let last = outT.last, last == day {
                outV[outV.count - 1] = values[i]
            } else {
                outT.append(day); outV.append(values[i])
            }
        }
        return (outV, outT)
    }
}

extension DailyResampler {
    /// Simple returns r_i = v_i / v_{i−1} − 1 of consecutive values (none for fewer than two).
    public static func returns(_ values: [Double]) -> [Double] {
        guard values.count > 1 else { return [] }
        return (1..<values.count).map { values[$0] / values[$0 - 1] - 1 }
    }
}

extension Int64 {
    /// Floor division (rounds toward −∞, unlike `/`).
    @usableFromInline
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
