import Foundation

/// The self-contained `index.html` of a sweep folder: what was swept, the deflated Sharpe
/// ratio, the ranked table (first 50 rows), a heatmap of the ranking metric over the first two
/// swept params (others at their best values) and the metric's distribution across the sweep.
/// Same stylesheet and rules as the run report: template compiled in, every string escaped.
public enum SweepReport {
    static let template = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
    <title>{{strategy}} sweep – Barwise</title>
    <style>{{{style}}}</style>
    </head>
    <body>
    <main>
    <h1 id="strategy">{{strategy}}: parameter sweep</h1>
    <p class="sub">{{runs}} runs over {{params}}, ranked by {{rank}}; {{trials}} trials; deflated Sharpe ratio of the best: {{dsr}}</p>
    {{#hasPBO}}<p class="sub" id="pbo">Probability of backtest overfitting (PBO): {{#pbo}}{{symbol}} {{value}}{{^last}}, {{/last}}{{/pbo}}</p>{{/hasPBO}}
    <h2>Best runs</h2>
    <table id="ranked"><thead><tr><th class="num">#</th>{{#paramNames}}<th class="num">{{.}}</th>{{/paramNames}}<th>Symbol</th>{{#metricNames}}<th class="num">{{.}}</th>{{/metricNames}}</tr></thead><tbody>
    {{#rows}}<tr><td class="num">{{rank}}</td>{{#params}}<td class="num">{{.}}</td>{{/params}}<td>{{symbol}}</td>{{#metrics}}<td class="num">{{.}}</td>{{/metrics}}</tr>
    {{/rows}}</tbody></table>
    {{#heatmap}}<h2>{{rank}} by two params</h2>
    <figure>{{{heatmap}}}</figure>{{/heatmap}}
    <h2>Distribution of {{rank}}</h2>
    <figure>{{{distribution}}}</figure>
    </main>
    </body>
    </html>

    """

    static let shownMetrics = ["sharpe", "total_return", "max_drawdown", "trades", "win_rate"]

    public static func html(_ t: SweepTable) throws(ReportError) -> String {
        let metricNames = Array(Set([t.rank] + shownMetrics)).sorted { (shownMetrics.firstIndex(of: $0) ?? -1) < (shownMetrics.firstIndex(of: $1) ?? -1) }
        let rows: [[String: Any]] = t.rows.prefix(50).enumerated().map { i, r in
            ["rank": i + 1, "params": r.params.map(ParamHeatmap.text), "symbol": r.symbol,
             "metrics": metricNames.map { r.metrics[$0].map { NumberText.fixed($0, 4) } ?? "" }]
        }
        let context: [String: Any] = [
            "style": ReportStyle.css, "strategy": t.strategy, "runs": t.rows.count, "params": t.paramNames.joined(separator: ", "),
            "rank": t.rank, "trials": t.trials, "dsr": t.deflatedSharpe.isFinite ? NumberText.fixed(t.deflatedSharpe, 3) : "n/a",
            "paramNames": t.paramNames, "metricNames": metricNames, "rows": rows,
            "hasPBO": !t.pbo.isEmpty,
            "pbo": t.pbo.keys.sorted().enumerated().map { i, symbol -> [String: Any] in
                ["symbol": symbol, "value": t.pbo[symbol]!.isFinite ? NumberText.fixed(t.pbo[symbol]!, 3) : "n/a", "last": i == t.pbo.count - 1]
            },
            "heatmap": t.paramNames.count >= 2 ? ParamHeatmap(table: t, x: 0, y: 1).svg() : "",
            "distribution": MetricDistribution(values: t.rows.compactMap { $0.metrics[t.rank] }, best: t.rows.first?.metrics[t.rank] ?? .nan, name: t.rank).svg(),
        ]
        return try ReportTemplate.render(template, context)
    }

    /// Writes `index.html` into `folder` and returns its path.
    @discardableResult
    public static func write(_ t: SweepTable, folder: String) throws(ReportError) -> String {
        let path = (folder as NSString).appendingPathComponent("index.html")
        try ReportFiles.write(try html(t), to: path)
        return path
    }
}
