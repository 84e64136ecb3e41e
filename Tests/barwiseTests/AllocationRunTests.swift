import Foundation
import Testing

/// `barwise run` of an allocation strategy on a scratch store holding the 20-stock panel: the
/// target weights in weights.csv equal `barwise optimize` on the same window.
@Suite struct AllocationRunTests {
    static let panelFile = BarwiseProcess.fixtures.appendingPathComponent("data/stock_prices_20sym_daily_1989-2018.csv")

    /// The panel's dates on which every one of `symbols` has a close, ascending ("YYYY-MM-DD").
    static func completeDates(_ symbols: [String]) throws -> [String] {
        let rows = try RunCommandTests.csvRows(panelFile)
        let columns = symbols.map { rows[0].firstIndex(of: $0)! }
        return rows.dropFirst().filter { row in columns.allSatisfy { $0 < row.count && !row[$0].isEmpty } }.map { $0[0] }
    }

    /// Runs `strategy` with `args`, then checks rebalance number `k` of weights.csv against
    /// `barwise optimize --objective objective --long-only` over the window that ends at it (the
    /// 253 complete closes ending at the rebalance date). Returns the largest weight difference.
    func compare(_ args: [String], objective: String, k: Int, store: String) throws -> Double {
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        let r = try BarwiseProcess.run(["run", "strategies/min_variance_monthly.toml", "--store", store, "--out", out.path] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let weights = try RunCommandTests.csvRows(out.appendingPathComponent("weights.csv"))
        let symbols = Array(weights[0].dropFirst())
        #expect(weights[0][0] == "timestamp" && weights.count > k + 1)
        let row = weights[k + 1]
        let date = String(row[0].prefix(10))
        #expect(row[0] == date + "T00:00:00Z")
        let dates = try Self.completeDates(symbols)
        let end = try #require(dates.firstIndex(of: date))
        let start = dates[end - 252]
        let o = try BarwiseProcess.run(["optimize", "--symbols", symbols.joined(separator: ","), "--objective", objective, "--long-only",
                                        "--from", start, "--to", date, "--json", "--store", store])
        #expect(o.status == 0, "\(o.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
        #expect(json["observations"] as? Int == 252)
        let want = try #require(json["weights"] as? [String: Double])
        var worst = 0.0
        for (i, s) in symbols.enumerated() {
            let got = try #require(Double(row[i + 1]))
            worst = max(worst, abs(got - want[s]!))
        }
        return worst
    }

    @Test func minVarianceMonthlyWeightsEqualOptimizeOnTheSameWindow() throws {
        let store = try RiskCommandTests.panelStore()
        let worst = try compare([], objective: "min-variance", k: 2, store: store)
        print("min-variance: largest weight difference from optimize \(worst)")
        #expect(worst <= 1e-8, "largest weight difference \(worst)")
        // Rebalances start once a year of complete rows follows BABA's listing (2014-09-19).
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        let r = try BarwiseProcess.run(["run", "strategies/min_variance_monthly.toml", "--store", store, "--out", out.path])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.contains("rebalances") && r.stdout.contains(" 31\n"))
        let weights = try RunCommandTests.csvRows(out.appendingPathComponent("weights.csv"))
        #expect(weights.count == 32 && weights[1][0] == "2015-10-01T00:00:00Z" && weights[0].count == 20)
        let orders = try RunCommandTests.csvRows(out.appendingPathComponent("orders.csv"))
        #expect(orders.dropFirst().allSatisfy { $0[3] == "rebalance" })
    }

    @Test func hrpOnAllTwentySymbolsEqualsOptimize() throws {
        let store = try RiskCommandTests.panelStore()
        let worst = try compare(["--symbols", RiskCommandTests.symbols, "--set", "allocation.method=hrp"], objective: "hrp", k: 2, store: store)
        print("hrp: largest weight difference from optimize \(worst)")
        #expect(worst <= 1e-8, "largest weight difference \(worst)")
    }

    @Test func rulesWithAllocationIsABadStrategyFile() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let file = dir.appendingPathComponent("both.toml")
        try Data("name = \"both\"\nsymbols = [\"AAPL\"]\n[rules]\nlong_entry = \"close > 1\"\n[allocation]\nmethod = \"equal\"\n".utf8).write(to: file)
        let r = try BarwiseProcess.run(["run", file.path, "--store", try RiskCommandTests.panelStore()])
        #expect(r.status == 2)
        #expect(r.stderr.contains("allocation: an [allocation] strategy rebalances to target weights and cannot also have [rules]"))
    }
}
