import Analytics
import Foundation

/// A run's report: what it computes from a `RunFolder` (drawdown, monthly and yearly returns,
/// daily returns with their histogram and VaR, rolling Sharpe and volatility, buy-and-hold)
/// and the files it writes next to the run's CSV/JSON: `index.html`, `metrics.csv`
/// (`name,value,unit`) and `monthly_returns.csv` (`year,month,return`).
///
/// Every figure comes from `Analytics`, the library that computed summary.json, on the equity
/// curve read back exactly from equity.csv: the drawdown (`DrawdownAnalysis.series`), the daily
/// returns (`DailyResampler`), the calendar returns (`CalendarReturns`), the VaR (numpy's
/// percentile) and N (`periods_per_year`). So whatever the report shows that summary.json also
/// holds is the same double, to the last digit.
///
/// The engine calls `RunReport.write(folder:)` after writing equity.csv, trades.csv,
/// summary.json, manifest.json and prices.csv; `barwise report RUN_DIR` calls the same.
public struct RunReport: Sendable {
    public var run: RunFolder
    /// Drawdown per bar, recomputed from equity (`DrawdownAnalysis.series`).
    public var drawdown: [Double]
    public var months: [PeriodReturns.Month]
    public var years: [PeriodReturns.Year]
    /// Each UTC day's stamp (midnight) and the simple return from the day before; the first day
    /// has no return (`dailyReturns[i]` is the return of day `dailyTimestamps[i + 1]`).
    public var dailyTimestamps: [Int64]
    public var dailyReturns: [Double]
    public var histogram: ReturnHistogram
    /// The annualisation factor N: summary.json's `periods_per_year`, else inferred from the
    /// equity stamps (`PeriodsPerYear`, the rule the run used).
    public var periodsPerYear: Double
    /// Rolling statistics aligned with `dailyReturns` (one per daily return).
    public var rollingVolatility: [Double]
    public var rollingSharpe: [Double]
    /// Buy-and-hold equity per bar (nil without prices.csv), invested at the warm-up bar.
    public var benchmark: [Double]?
    /// The strategy's warm-up bar (summary.json's `warmup_bars`; 0 for folders written before it
    /// was recorded), from which buy-and-hold is measured (SEMANTICS.md section 1.5).
    public var warmUpBars: Int

    public init(run: RunFolder) {
        self.run = run
        let e = run.equity
        drawdown = e.drawdown
        (months, years) = PeriodReturns.of(timestamps: e.timestamps, equity: e.equity)
        let daily = DailyResampler.resample(values: e.equity, timestamps: e.timestamps)
        dailyTimestamps = daily.timestamps
        dailyReturns = DailyResampler.returns(daily.values)
        histogram = ReturnHistogram(returns: dailyReturns)
        let n = run.summary.metrics["periods_per_year"] ?? .nan
        periodsPerYear = n.isFinite && n > 0 ? n : PeriodsPerYear.infer(timestamps: e.timestamps)
        (rollingVolatility, rollingSharpe) = RollingStats.compute(dailyReturns, periodsPerYear: periodsPerYear)
        let initial = run.summary.metrics["initial_cash"] ?? e.equity[0]
        let w = run.summary.metrics["warmup_bars"] ?? 0
        let warmUp = w.isFinite && w >= 0 && w < 1e9 ? Int(w) : 0
        warmUpBars = warmUp
        benchmark = run.prices.flatMap { BuyAndHold.equity(prices: $0, timestamps: e.timestamps, initial: initial, warmUp: warmUp) }
    }

    /// Every metric: summary.json's numbers, plus what the report computes when summary.json
    /// lacks it (`best_month`, `worst_month`, `var_95`, `buy_and_hold_return`), with the same
    /// Analytics functions. Catalog order first, then the remaining names alphabetically.
    public var metrics: [(name: String, value: Double, unit: String)] {
        var values = run.summary.metrics
        func fill(_ name: String, _ v: Double?) { if values[name] == nil, let v, v.isFinite { values[name] = v } }
        fill("best_month", months.map(\.value).max())
        fill("worst_month", months.map(\.value).min())
        fill("var_95", histogram.var95)
        // summary.json's figure when it has one; the same function on prices.csv otherwise.
        fill("buy_and_hold_return", run.prices.map { BuyAndHoldReturn.of(closes: $0.series.map(\.closes), warmUp: warmUpBars) })
        let ordered = MetricCatalog.groups.flatMap { $0.metrics.map(\.name) }
        let names = ordered.filter { values[$0] != nil } + values.keys.filter { !ordered.contains($0) }.sorted()
        return names.map { ($0, values[$0]!, MetricCatalog.unit(of: $0)) }
    }

    /// `metrics.csv`: `name,value,unit`, values as plain numbers (fractions, not percent).
    public var metricsCSV: String {
        "name,value,unit\n" + metrics.map { "\($0.name),\(CSVText.number($0.value)),\($0.unit)\n" }.joined()
    }

    /// `monthly_returns.csv`: `year,month,return` (month 1-12, return a fraction), one row per
    /// calendar month the run covers, conventions in `PeriodReturns`.
    public var monthlyReturnsCSV: String {
        "year,month,return\n" + months.map { "\($0.year),\($0.month),\(CSVText.number($0.value))\n" }.joined()
    }

    /// The self-contained index.html.
    public func html() throws(ReportError) -> String { try ReportTemplate.render(ReportPage(report: self).context()) }

    /// Paths of the files `write` produced.
    public struct Output: Sendable, Equatable {
        public var index: String
        public var metrics: String
        public var monthlyReturns: String
    }

    /// Reads the run folder and writes index.html, metrics.csv and monthly_returns.csv into it.
    @discardableResult
    public static func write(folder: String) throws(ReportError) -> Output {
        let report = RunReport(run: try RunFolder.read(folder))
        return try report.write(to: folder)
    }

    /// Writes the report's files into `folder`.
    @discardableResult
    public func write(to folder: String) throws(ReportError) -> Output {
        let f = folder as NSString
        let out = Output(index: f.appendingPathComponent("index.html"), metrics: f.appendingPathComponent("metrics.csv"),
                         monthlyReturns: f.appendingPathComponent("monthly_returns.csv"))
        try ReportFiles.write(try html(), to: out.index)
        try ReportFiles.write(metricsCSV, to: out.metrics)
        try ReportFiles.write(monthlyReturnsCSV, to: out.monthlyReturns)
        return out
    }
}
