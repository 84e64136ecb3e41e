/// Which moment of its interval a file stamps a bar with (`ingest --stamp`).
///
/// The store's convention is the start (`open`): Binance klines, Yahoo and Stooq dates and
/// pandas' default labels do the same. CoinGecko's OHLC candles carry their close time; such a
/// file (or any given `--stamp close`) has every bar moved back one interval at ingest: by the
/// interval's length for minutes, hours, days and weeks, by calendar months for `mo` and `y` (a candle
/// stamped 2024-03-01 that closes February becomes 2024-02-01).
public enum BarStamp: String, Sendable, CaseIterable {
    case open
    case close

    /// The start of the interval of a bar stamped at its end `t`.
    public static func start(ofBarEndingAt t: Int64, interval: Interval) -> Int64 {
        guard interval.unit == .month || interval.unit == .year else { return t - interval.nominalSeconds }
        let day = CivilTime.floorDays(t)
        let seconds = t - day * 86_400
        let (y, m, d) = CivilTime.date(fromDays: day)
        let months = y * 12 + (m - 1) - interval.count * (interval.unit == .year ? 12 : 1)
        let year = months >= 0 ? months / 12 : (months + 1) / 12 - 1
        let month = months - year * 12 + 1
        let lastDay = (1...31).last { CivilTime.isValid(year: year, month: month, day: $0) } ?? 28
        return CivilTime.days(year: year, month: month, day: min(d, lastDay)) * 86_400 + seconds
    }

    /// Every bar of `parsed` moved from its close stamp to its open stamp.
    public static func moveToOpen(_ parsed: inout ParsedFile) {
        for k in parsed.series.indices {
            let interval = parsed.series[k].interval
            for i in parsed.series[k].timestamps.indices {
                parsed.series[k].timestamps[i] = start(ofBarEndingAt: parsed.series[k].timestamps[i], interval: interval)
            }
        }
    }
}
