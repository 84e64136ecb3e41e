import Foundation

/// The self-contained HTML page of a portfolio optimization (`barwise optimize --out DIR`):
/// objective and headline figures, weights bar chart and table, efficient frontier with the
/// assets and the chosen portfolio, correlation heatmap. Same stylesheet and rules as the run
/// report (template compiled in, every user string escaped, no network).
public enum OptimizeReport {
    static let template = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
    <title>Portfolio optimization ({{objective}}) – Barwise</title>
    <style>{{{style}}}</style>
    </head>
    <body>
    <main>
    <h1 id="objective">Portfolio optimization: {{objective}}</h1>
    <p class="sub">{{count}} assets</p>
    <table class="metric-group" id="optimize-metrics">
    <tr><td>Expected return (annualized)</td><td class="num">{{expectedReturn}}</td></tr>
    <tr><td>Volatility (annualized)</td><td class="num">{{volatility}}</td></tr>
    <tr><td>Sharpe ratio</td><td class="num">{{sharpe}}</td></tr>
    </table>
    <h2>Weights</h2>
    <figure>{{{weightsChart}}}</figure>
    <table id="weights"><thead><tr><th>Symbol</th><th class="num">Weight</th></tr></thead><tbody>
    {{#weights}}<tr><td>{{symbol}}</td><td class="num">{{weight}}</td></tr>
    {{/weights}}</tbody></table>
    <h2>Efficient frontier</h2>
    <figure>{{{frontierChart}}}</figure>
    <h2>Correlation</h2>
    <figure>{{{correlationChart}}}</figure>
    </main>
    </body>
    </html>

    """

    /// The page's HTML.
    public static func html(_ r: OptimizeResult) throws(ReportError) -> String {
        try r.validate()
        let context: [String: Any] = [
            "style": ReportStyle.css + "\nsvg .frontier { stroke: var(--equity); stroke-width: 2; } svg .asset { fill: #37474f; } svg .chosen { fill: #e08214; stroke: #fff; stroke-width: 1.5; }",
            "objective": r.objective, "count": r.weights.count,
            "expectedReturn": NumberText.percent(r.expectedReturn), "volatility": NumberText.percent(r.volatility),
            "sharpe": NumberText.fixed(r.sharpe, 3),
            "weights": r.weights.map { ["symbol": $0.symbol, "weight": NumberText.percent($0.weight)] },
            "weightsChart": WeightsChart(weights: r.weights).svg(),
            "frontierChart": FrontierChart(frontier: r.frontier, assets: r.assets,
                                           portfolio: .init(label: "portfolio", volatility: r.volatility, expectedReturn: r.expectedReturn)).svg(),
            "correlationChart": CorrelationHeatmap(symbols: r.correlationSymbols, matrix: r.correlation).svg(),
        ]
        return try ReportTemplate.render(template, context)
    }

    /// Writes `index.html` into `folder` (created when missing) and returns its path.
    @discardableResult
    public static func write(_ r: OptimizeResult, folder: String) throws(ReportError) -> String {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .io(path: folder, detail: "cannot be created (\(error.localizedDescription))")
        }
        let path = (folder as NSString).appendingPathComponent("index.html")
        try ReportFiles.write(try html(r), to: path)
        return path
    }
}
