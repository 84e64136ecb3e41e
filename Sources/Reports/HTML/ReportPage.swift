import MarketData

/// Builds the mustache context of index.html from a `RunReport`: run facts and provenance,
/// grouped metrics, every chart's SVG, price charts per symbol and the trades table.
struct ReportPage {
    var report: RunReport

    /// A summary timestamp as a date alone when it is midnight UTC (`2004-08-19`), else as given.
    static func day(_ text: String, fallback: Int64) -> String {
        guard !text.isEmpty else { return CivilTime.isoDate(fallback) }
        guard let t = ISOTimestamp.parse(text) else { return text }
        return t % 86_400 == 0 ? CivilTime.isoDate(t) : CivilTime.iso8601(t)
    }

    func context() -> [String: Any] {
        let run = report.run, s = run.summary, e = run.equity
        let values = Dictionary(report.metrics.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let groups: [[String: Any]] = MetricCatalog.groups.compactMap { g in
            let rows: [[String: Any]] = g.metrics.compactMap { m in
                guard let v = values[m.name] else { return nil }
                return ["name": m.name, "label": m.label, "value": MetricCatalog.display(v.value, unit: m.unit)]
            }
            return rows.isEmpty ? nil : ["title": g.title, "id": g.title.lowercased(), "rows": rows]
        }
        let symbols = s.symbols.isEmpty ? (run.prices?.series.map(\.symbol) ?? []) : s.symbols
        let benchmarkName = symbols.count == 1 ? "Buy & hold \(symbols[0])" : "Buy & hold (equal weight)"
        let dailyTimes = Array(report.dailyTimestamps.dropFirst())
        var prices: [[String: Any]] = []
        for (i, series) in (run.prices?.series ?? []).enumerated() {
            let trades = run.trades.filter { $0.symbol == series.symbol }
            prices.append(["svg": PriceChart(series: series, trades: trades).svg(id: "price-chart-\(i + 1)")])
        }
        return [
            "style": ReportStyle.css, "script": ReportScript.js,
            "strategy": s.strategy, "symbols": symbols,
            "params": s.params.map { ["name": $0.name, "value": $0.value] },
            "start": Self.day(s.start, fallback: e.timestamps[0]),
            "end": Self.day(s.end, fallback: e.timestamps[e.count - 1]),
            "bars": NumberText.grouped(Double(e.count), 0),
            "provenance": (run.manifest?.entries ?? []).map { ["key": $0.key.replacingOccurrences(of: "_", with: " "), "value": $0.value] },
            "hasManifest": run.manifest != nil,
            "groups": groups,
            "equity": EquityChart(timestamps: e.timestamps, equity: e.equity, benchmark: report.benchmark, benchmarkName: benchmarkName).svg(),
            "benchmarkNote": report.benchmark == nil ? "No prices.csv in the run folder: no buy-and-hold line." : "\(benchmarkName): the initial cash invested at the close of the warm-up bar (bar index \(report.warmUpBars), the first bar on which every indicator has a value), no costs.",
            "drawdown": DrawdownChart(timestamps: e.timestamps, drawdown: report.drawdown).svg(),
            "monthly": MonthlyHeatmap(months: report.months, years: report.years).svg(),
            "yearly": YearlyBars(years: report.years).svg(),
            "histogram": HistogramChart(histogram: report.histogram).svg(),
            "periodsPerYear": NumberText.grouped(report.periodsPerYear, 0),
            "rolling": RollingChart(timestamps: dailyTimes, sharpe: report.rollingSharpe, volatility: report.rollingVolatility).svg(),
            "prices": prices,
            "trades": TradesTable(trades: run.trades).context(),
            "folder": run.path,
        ]
    }
}
