import Foundation
import Testing
@testable import Reports

/// The ids of every chart index.html must contain.
let chartIDs = ["equity-chart", "drawdown-chart", "monthly-heatmap", "yearly-returns", "return-histogram",
                "rolling-chart-sharpe", "rolling-chart-volatility", "price-chart-1", "trades", "metrics"]

@Test func reportOfTheFixtureHasEveryChartAndHeadlineMetric() throws {
    let dir = try Fixture.copy()
    let out = try RunReport.write(folder: dir)
    let html = try String(contentsOfFile: out.index, encoding: .utf8)
    for id in chartIDs { #expect(html.contains("id=\"\(id)\""), "missing \(id)") }
    #expect(html.contains("<tr data-metric=\"total_return\"><td>Total return</td><td>462.64%</td></tr>"))
    #expect(html.contains("<tr data-metric=\"sharpe\"><td>Sharpe ratio</td><td>0.827</td></tr>"))
    #expect(html.contains("<tr data-metric=\"max_drawdown\"><td>Max drawdown</td><td>-33.93%</td></tr>"))
    #expect(html.contains("<tr data-metric=\"trades\"><td>Closed trades</td><td>93</td></tr>"))
    #expect(html.contains("<code>fast = 10</code>"))
    #expect(html.contains("Tests/Fixtures/data/GOOG_daily_2004-2013.csv"))
    #expect(html.contains("252 periods per year"))
}

@Test func reportMakesNoNetworkReferences() throws {
    let html = try RunReport(run: RunFolder.read(Fixture.smaCross)).html()
    // The only URL is the SVG namespace (an identifier, never fetched).
    let urls = html.components(separatedBy: "http://").dropFirst().map { String($0.prefix(24)) }
    #expect(!urls.isEmpty && urls.allSatisfy { $0.hasPrefix("www.w3.org/2000/svg\"") })
    #expect(!html.contains("https:"))
    #expect(!html.contains("url("))
    #expect(!html.contains("<link"))
    #expect(!html.contains("src="))
    #expect(!html.contains("@import"))
}

@Test func metricsCsvHasNameValueUnit() throws {
    let dir = try Fixture.copy()
    try RunReport.write(folder: dir)
    let lines = try Fixture.read(dir, "metrics.csv").split(separator: "\n").map(String.init)
    #expect(lines[0] == "name,value,unit")
    #expect(lines.contains("total_return,4.626351934000004,fraction"))
    #expect(lines.contains("sharpe,0.8268005582135952,ratio"))
    #expect(lines.contains("trades,93.0,count"))
    #expect(lines.contains("var_95,-0.027323765775561705,fraction"))
    #expect(lines.contains("periods_per_year,252.0,number"))
}

@Test func monthlyReturnsCsvMatchesHandComputedNovember2004() throws {
    let dir = try Fixture.copy()
    try RunReport.write(folder: dir)
    let lines = try Fixture.read(dir, "monthly_returns.csv").split(separator: "\n").map(String.init)
    #expect(lines[0] == "year,month,return")
    #expect(lines.count == 105)
    let nov = lines.first { $0.hasPrefix("2004,11,") }!
    let value: Double = Double(nov.split(separator: ",")[2]) ?? .nan
    let expected: Double = 9215.415640000001 / 10000 - 1
    #expect(abs(value - expected) < 1e-12)
}

@Test func userStringsAreEscapedEverywhere() throws {
    let dir = try Fixture.copy()
    var summary = try Fixture.read(dir, "summary.json")
    summary = summary.replacingOccurrences(of: "\"strategy\" : \"sma_cross\"", with: "\"strategy\" : \"<script>alert(1)</script>\"")
    summary = summary.replacingOccurrences(of: "\"fast\" : 10", with: "\"fast\" : \"<img onerror=x>\"")
    #expect(summary.contains("<script>alert(1)</script>") && summary.contains("<img onerror=x>"))
    try Fixture.replace(dir, "summary.json", with: summary)
    let prices = try Fixture.read(dir, "prices.csv").replacingOccurrences(of: ",GOOG,", with: ",<b>GOOG</b>,")
    try Fixture.replace(dir, "prices.csv", with: prices)
    let trades = try Fixture.read(dir, "trades.csv").replacingOccurrences(of: "GOOG,", with: "<b>GOOG</b>,")
    try Fixture.replace(dir, "trades.csv", with: trades)
    let html = try String(contentsOfFile: RunReport.write(folder: dir).index, encoding: .utf8)
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>GOOG"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&lt;b&gt;GOOG&lt;/b&gt;"))
    #expect(html.components(separatedBy: "<script>").count == 2)  // only the report's own script
}

@Test func reportWithoutPricesOrManifestSaysSo() throws {
    let dir = try Fixture.copy()
    try FileManager.default.removeItem(atPath: dir + "/prices.csv")
    try FileManager.default.removeItem(atPath: dir + "/manifest.json")
    let html = try String(contentsOfFile: RunReport.write(folder: dir).index, encoding: .utf8)
    #expect(html.contains("id=\"no-prices\""))
    #expect(html.contains("no manifest.json in the run folder"))
    #expect(!html.contains("class=\"line benchmark\" d="))
}

@Test func tradesTableListsFirstAndLastHundredOfMany() {
    let t = TradeRecord(symbol: "X", side: "long", size: 1, entryTime: 0, entryBar: 0, entryPrice: 1, exitTime: 86_400, exitBar: 1, exitPrice: 2, commission: 0, pnl: 1, returnFraction: 1)
    let table = TradesTable(trades: Array(repeating: t, count: 450))
    #expect(table.shown.count == 200)
    #expect(table.shown.first?.number == 1 && table.shown.last?.number == 450)
    #expect(table.shown[100].number == 351)
    #expect(table.omitted == 250)
}

@Test func chartsCarryHoverTitlesAndTheLogToggle() throws {
    let report = try RunReport(run: RunFolder.read(Fixture.smaCross))
    let e = report.run.equity
    let equity = EquityChart(timestamps: e.timestamps, equity: e.equity, benchmark: report.benchmark, benchmarkName: "Buy & hold GOOG").svg()
    #expect(equity.contains("<g class=\"scale-linear\">") && equity.contains("<g class=\"scale-log\">"))
    // Buy and hold from the warm-up close (bar 19): 10,000 × (1 + 6.0737…), backtesting.py's 607.37 %.
    #expect(equity.contains("<title>2013-03-01: equity 56,263.52, Buy &amp; hold GOOG 70,737.04</title>"))
    let hoverBands = equity.components(separatedBy: "<rect ").count - 1
    #expect(hoverBands > 100 && hoverBands <= 120)
    let html = try report.html()
    #expect(html.contains("<input type=\"checkbox\" id=\"log-scale\">"))
    #expect(html.contains("@media print"))
    let drawdown = DrawdownChart(timestamps: e.timestamps, drawdown: report.drawdown).svg()
    #expect(drawdown.contains("Drawdown (underwater), deepest -33.93%"))
}
