import Foundation
import Testing
@testable import Reports

private func count(_ s: String, _ needle: String) -> Int { s.components(separatedBy: needle).count - 1 }

@Test func monthlyHeatmapHasACellPerMonthAndYear() throws {
    let report = try RunReport(run: RunFolder.read(Fixture.smaCross))
    let svg = MonthlyHeatmap(months: report.months, years: report.years).svg()
    #expect(count(svg, "<rect ") == 104 + 10)
    #expect(svg.contains("<title>Nov 2004: -7.85%</title>"))
    #expect(svg.contains("<title>2008: 131.55%</title>"))
    #expect(MonthlyHeatmap.color(0, scale: 0.3) == "rgb(255,255,255)")
    #expect(MonthlyHeatmap.color(0.3, scale: 0.3) == "rgb(26,150,65)")
    #expect(MonthlyHeatmap.color(-0.6, scale: 0.3) == "rgb(215,48,39)")
}

@Test func yearlyBarsMarkLosingYears() throws {
    let report = try RunReport(run: RunFolder.read(Fixture.smaCross))
    let svg = YearlyBars(years: report.years).svg()
    let losses = report.years.filter { $0.value < 0 }.count
    #expect(count(svg, "class=\"loss\"") == losses)
    #expect(count(svg, "class=\"gain\"") == 10 - losses)
    #expect(svg.contains(">2008</text>"))
}

@Test func histogramChartDrawsTheVarLine() throws {
    let report = try RunReport(run: RunFolder.read(Fixture.smaCross))
    let svg = HistogramChart(histogram: report.histogram).svg()
    #expect(svg.contains("<title>95% VaR (historical): -2.73%</title>"))
    #expect(svg.contains("class=\"line normal\""))
    #expect(count(svg, "class=\"bin\"") == report.histogram.counts.filter { $0 > 0 }.count)
}

@Test func rollingChartSaysWhenTooShort() {
    let svg = RollingChart(timestamps: [0, 86_400], sharpe: [.nan, .nan], volatility: [.nan, .nan]).svg()
    #expect(count(svg, "Too few days for a 126-day window") == 2)
    #expect(svg.contains("id=\"rolling-chart-sharpe\"") && svg.contains("id=\"rolling-chart-volatility\""))
}

@Test func priceChartMarksEveryEntryAndExit() throws {
    let run = try RunFolder.read(Fixture.smaCross)
    let svg = PriceChart(series: run.prices!.series[0], trades: run.trades).svg(id: "p")
    // trades.csv's 93 closed trades and summary.json's open position.
    #expect(count(svg, "<polygon class=\"entry") == 94)
    #expect(count(svg, "<circle class=\"exit") == 93)
    #expect(svg.contains("GOOG short entry 2004-11-17 at 169.02"))
}

@Test func priceChartCapsMarkedTradesForLongRuns() throws {
    let run = try RunFolder.read(Fixture.smaCross)
    let many = Array(repeating: run.trades[0], count: 2_000)
    let svg = PriceChart(series: run.prices!.series[0], trades: many).svg(id: "p")
    #expect(count(svg, "<polygon class=\"entry") == 600)
    #expect(svg.contains("first and last 300 of 2000 trades marked"))
}

@Test func equityChartTimeAxisShowsYears() throws {
    let run = try RunFolder.read(Fixture.smaCross)
    let svg = EquityChart(timestamps: run.equity.timestamps, equity: run.equity.equity, benchmark: nil).svg()
    for year in 2005...2013 { #expect(svg.contains(">\(year)</text>")) }
    #expect(svg.contains(">50,000</text>"))
    #expect(!svg.contains("benchmark\" d="))
}
