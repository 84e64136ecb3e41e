import Analytics
import Foundation
import Testing
@testable import Reports

/// The report computes nothing of its own: what it shows that summary.json also holds is the
/// same double, to the last digit (the fixture is a folder `barwise run` wrote).
@Suite struct ReportAgreementTests {
    /// summary.json's top-level numeric keys, read from the text with Swift's correctly rounded
    /// `Double(String)` (independent of the report's reader; Foundation's JSON reader does not
    /// round-trip every double). Pretty-printed: top-level keys are indented by two spaces.
    static func summaryNumbers(_ dir: String) throws -> [String: Double] {
        let text = try Fixture.read(dir, "summary.json")
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            guard let m = line.wholeMatch(of: /\ \ "([a-z0-9_]+)" ?: ?(-?[0-9][0-9.eE+\-]*),?/), let v = Double(String(m.output.2)) else { continue }
            out[String(m.output.1)] = v
        }
        return out
    }

    /// `name → value` of a `name,value,…` CSV (values parsed with Swift's correctly rounded reader).
    static func csvValues(_ text: String, key: (Substring) -> String = String.init) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            out[key(f[0])] = Double(f[1]) ?? .nan
        }
        return out
    }

    @Test func metricsCsvAndIndexHtmlShowSummaryJsonsNumbersExactly() throws {
        let dir = try Fixture.copy()
        let out = try RunReport.write(folder: dir)
        let summary = try Self.summaryNumbers(dir)
        #expect(summary["sharpe"] != nil && summary["periods_per_year"] == 252)
        let csv = Self.csvValues(try Fixture.read(dir, "metrics.csv"))
        for (name, value) in summary {
            #expect(csv[name]?.bitPattern == value.bitPattern, "metrics.csv \(name) = \(csv[name] ?? .nan), summary.json \(value)")
        }
        let html = try String(contentsOfFile: out.index, encoding: .utf8)
        var shown = 0
        for metric in MetricCatalog.groups.flatMap(\.metrics) {
            guard let value = summary[metric.name], let start = html.range(of: "<tr data-metric=\"\(metric.name)\">") else { continue }
            let row = html[start.upperBound...].prefix { $0 != "\n" }
            #expect(row.hasSuffix("<td>\(MetricCatalog.display(value, unit: metric.unit))</td></tr>"), "\(metric.name): \(row)")
            shown += 1
        }
        #expect(shown >= 15)
    }

    @Test func whatTheReportComputesIsWhatSummaryJsonHolds() throws {
        let dir = try Fixture.copy()
        try RunReport.write(folder: dir)
        let summary = try Self.summaryNumbers(dir)
        let report = try RunReport(run: RunFolder.read(dir))
        // The drawdown chart's deepest point, the calendar tables' extremes, the VaR line of the
        // histogram and the annualisation of the rolling figures.
        #expect(report.drawdown.min()?.bitPattern == summary["max_drawdown"]?.bitPattern)
        #expect(report.months.map(\.value).max()?.bitPattern == summary["best_month"]?.bitPattern)
        #expect(report.months.map(\.value).min()?.bitPattern == summary["worst_month"]?.bitPattern)
        #expect(report.years.map(\.value).max()?.bitPattern == summary["best_year"]?.bitPattern)
        #expect(report.years.map(\.value).min()?.bitPattern == summary["worst_year"]?.bitPattern)
        #expect(report.histogram.var95.bitPattern == summary["var_95"]?.bitPattern)
        #expect(report.periodsPerYear == summary["periods_per_year"])
        #expect(report.dailyReturns.max()?.bitPattern == summary["best_day"]?.bitPattern)
        #expect(report.dailyReturns.min()?.bitPattern == summary["worst_day"]?.bitPattern)
        // monthly_returns.csv holds the heatmap's numbers.
        let monthly = try Fixture.read(dir, "monthly_returns.csv").split(separator: "\n").dropFirst().map { line in
            Double(line.split(separator: ",")[2])!
        }
        #expect(monthly.map(\.bitPattern) == report.months.map(\.value.bitPattern))
        // The equity.csv drawdown column, written by the engine, is the report's series.
        let written = try EquityCurve.read(path: dir + "/equity.csv", name: "equity.csv", full: true)
        #expect(written.drawdown.map(\.bitPattern) == report.drawdown.map(\.bitPattern))
    }
}
