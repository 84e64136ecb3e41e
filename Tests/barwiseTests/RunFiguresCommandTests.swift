import Foundation
import Testing

/// The metrics `barwise run` prints and writes: too-short runs, the annualisation factor, and the
/// report agreeing with summary.json.
@Suite struct RunFiguresCommandTests {
    /// summary.json's top-level numbers as written (pretty-printed, two-space indent), read with
    /// Swift's correctly rounded `Double(String)`; `null` values are listed in `nulls`.
    static func summary(_ folder: URL) throws -> (numbers: [String: Double], nulls: Set<String>) {
        let text = try String(contentsOf: folder.appendingPathComponent("summary.json"), encoding: .utf8)
        var numbers: [String: Double] = [:], nulls: Set<String> = []
        for line in text.split(separator: "\n") {
            if let m = line.wholeMatch(of: /\ \ "([a-z0-9_]+)" ?: ?null,?/) { nulls.insert(String(m.output.1)) }
            guard let m = line.wholeMatch(of: /\ \ "([a-z0-9_]+)" ?: ?(-?[0-9][0-9.eE+\-]*),?/), let v = Double(String(m.output.2)) else { continue }
            numbers[String(m.output.1)] = v
        }
        return (numbers, nulls)
    }

    static func column(_ url: URL, _ name: String) throws -> [Double] {
        let rows = try RunCommandTests.csvRows(url)
        let c = try #require(rows[0].firstIndex(of: name))
        return rows.dropFirst().map { Double($0[c]) ?? .nan }
    }

    @Test func aRunOverOneBarWritesNullsAndPrintsNA() throws {
        let store = try RunCommandTests.storeWithGOOG()
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("one")
        let r = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--from", "2010-01-04", "--to", "2010-01-04",
                                        "--store", store, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(": 1 bar"))
        let sharpe = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Sharpe") })
        #expect(sharpe.hasSuffix("n/a"))
        let (numbers, nulls) = try Self.summary(out)
        #expect(numbers["bars"] == 1 && numbers["total_return"] == 0 && numbers["max_drawdown"] == 0)
        for key in ["sharpe", "sortino", "calmar", "cagr", "annual_return", "annual_volatility", "cvar_95", "var_95", "skew", "win_rate"] {
            #expect(nulls.contains(key), "summary.json \(key) should be null")
        }
        for file in ["index.html", "metrics.csv", "monthly_returns.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        // The report: empty metrics.csv cells, n/a on the page.
        let metrics = try RunCommandTests.csvRows(out.appendingPathComponent("metrics.csv"))
        #expect(metrics.contains(["sharpe", "", "ratio"]) && metrics.contains(["cagr", "", "fraction"]))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<tr data-metric=\"sharpe\"><td>Sharpe ratio</td><td>n/a</td></tr>"))
        // --json prints the same nulls; two bars (one return) give no deviation either.
        let two = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--from", "2010-01-04", "--to", "2010-01-05", "--json",
                                          "--store", store, "--out", out.path + "-two"])
        #expect(two.status == 0, "\(two.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [String: Any])
        #expect(object["bars"] as? Int == 2 && object["sharpe"] is NSNull && object["annual_volatility"] is NSNull)
    }

    @Test func aSweepOverOneBarLeavesEmptyCells() throws {
        let store = try RunCommandTests.storeWithGOOG()
        let dir = try BarwiseProcess.scratchDirectory().path + "/sweep"
        let r = try BarwiseProcess.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5,10", "--from", "2010-01-04", "--to", "2010-01-04",
                                        "--store", store, "--out", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try RunCommandTests.csvRows(URL(fileURLWithPath: dir + "/results.csv"))
        let sharpe = try #require(rows[0].firstIndex(of: "sharpe"))
        #expect(rows.count == 3 && rows.dropFirst().allSatisfy { $0[sharpe].isEmpty })
    }

    /// A store with X: 400 consecutive calendar days (weekends included, as crypto trades).
    static func storeWithEveryDay() throws -> String {
        let dir = try BarwiseProcess.scratchDirectory()
        var csv = "date,open,high,low,close,volume\n"
        var price = 100.0
        let start = 1_609_459_200  // 2021-01-01
        for d in 0..<400 {
            let day = Date(timeIntervalSince1970: TimeInterval(start + d * 86_400))
            let text = ISO8601DateFormatter().string(from: day).prefix(10)
            let open = price
            price *= 1 + 0.03 * sin(Double(d) / 9) + 0.004 * cos(Double(d) * 1.7)
            csv += "\(text),\(open),\(max(open, price) * 1.01),\(min(open, price) * 0.99),\(price),1000\n"
        }
        let file = dir.appendingPathComponent("X.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("s.sqlite").path
        let ingest = try BarwiseProcess.run(["ingest", file.path, "--symbol", "X", "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return store
    }

    @Test func weekendDataIsAnnualisedWith365EverywhereInSummaryJson() throws {
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("x")
        let r = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--symbols", "X", "--store", try Self.storeWithEveryDay(), "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let (s, _) = try Self.summary(out)
        #expect(s["periods_per_year"] == 365)
        // The manifest records the same N, so a rerun can be checked against it.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any]
        #expect(manifest?["periods_per_year"] as? Double == 365)
        // Sharpe and alpha from the files, with N = 365: the same N for both.
        let equity = try Self.column(out.appendingPathComponent("equity.csv"), "equity")
        let closes = try Self.column(out.appendingPathComponent("prices.csv"), "close")
        let r1 = (1..<equity.count).map { equity[$0] / equity[$0 - 1] - 1 }
        let b = (1..<closes.count).map { closes[$0] / closes[$0 - 1] - 1 }
        let n = Double(r1.count)
        let mean = r1.reduce(0, +) / n, meanB = b.reduce(0, +) / n
        let sd = (r1.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        let sharpe = try #require(s["sharpe"])
        #expect(abs(sharpe - mean / sd * 365.0.squareRoot()) <= 1e-9 * abs(sharpe))
        let cov = zip(r1, b).reduce(0) { $0 + ($1.0 - mean) * ($1.1 - meanB) } / (n - 1)
        let varB = b.reduce(0) { $0 + ($1 - meanB) * ($1 - meanB) } / (n - 1)
        let beta = cov / varB
        let excess = zip(r1, b).reduce(0) { $0 + $1.0 - beta * $1.1 } / n
        let alpha = try #require(s["alpha"])
        #expect(abs(alpha - (pow(1 + excess, 365) - 1)) <= 1e-9 * max(1, abs(alpha)))
        #expect(abs(alpha - (pow(1 + excess, 252) - 1)) > 1e-6 * max(1, abs(alpha)))
    }

    @Test func reportRebuiltFromARunFolderShowsSummaryJsonsNumbersExactly() throws {
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        let r = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", try RunCommandTests.storeWithGOOG(), "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["index.html", "metrics.csv", "monthly_returns.csv"] { try FileManager.default.removeItem(at: out.appendingPathComponent(file)) }
        let report = try BarwiseProcess.run(["report", out.path])
        #expect(report.status == 0, "\(report.stderr)")
        let (summary, _) = try Self.summary(out)
        #expect(summary.count > 30 && summary["periods_per_year"] == 252)
        var csv: [String: Double] = [:]
        for row in try RunCommandTests.csvRows(out.appendingPathComponent("metrics.csv")).dropFirst() { csv[row[0]] = Double(row[1]) }
        for (name, value) in summary { #expect(csv[name]?.bitPattern == value.bitPattern, "\(name): metrics.csv \(csv[name] ?? .nan), summary.json \(value)") }
        let months = try Self.column(out.appendingPathComponent("monthly_returns.csv"), "return")
        #expect(months.max() == summary["best_month"] && months.min() == summary["worst_month"])
        let drawdown = try Self.column(out.appendingPathComponent("equity.csv"), "drawdown")
        #expect(drawdown.min() == summary["max_drawdown"])
    }
}
