import Foundation
import Testing

/// summary.json's `buy_and_hold_return` is measured from the close of the strategy's warm-up bar
/// (SEMANTICS.md section 1.5), as backtesting.py 0.6.6's `Buy & Hold Return [%]`, and the
/// report (index.html, metrics.csv) shows the same figure.
@Suite struct BuyAndHoldReturnTests {
    private static let strategy = BarwiseProcess.packageRoot.appendingPathComponent("strategies/sma_cross.toml").path

    private func reference(_ name: String) throws -> Double {
        let url = BarwiseProcess.fixtures.appendingPathComponent("reference/backtesting_py/\(name).json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let stats = try #require(object["stats"] as? [String: Any])
        return try #require((stats["Buy & Hold Return [%]"] as? NSNumber)?.doubleValue) / 100
    }

    /// SMA 10/20 warms up at bar 19 (607.37 %, not the 703.46 % of the first close); SMA 10/30 at
    /// bar 29 (backtesting.py's own test suite value, 522.06 %).
    @Test(arguments: [("smacross_readme", [String](), 19), ("smacross_test_suite", ["--set", "slow=30"], 29)])
    func buyAndHoldReturnIsMeasuredFromTheWarmUpCloseAsBacktestingPy(reference name: String, sets: [String], warmUp: Int) throws {
        let store = try SweepCommandTests.store()
        let out = try BarwiseProcess.scratchDirectory().path + "/run"
        let r = try BarwiseProcess.run(["run", Self.strategy, "--store", store, "--out", out] + sets)
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        #expect((summary["warmup_bars"] as? NSNumber)?.intValue == warmUp)
        let bh = try #require((summary["buy_and_hold_return"] as? NSNumber)?.doubleValue)
        let expected = try reference(name)
        #expect(abs(bh - expected) < 1e-12, "\(bh) vs backtesting.py \(expected)")
        // The report shows summary.json's double, in metrics.csv and index.html.
        let metrics = try String(contentsOfFile: out + "/metrics.csv", encoding: .utf8)
        let row = try #require(metrics.split(separator: "\n").first { $0.hasPrefix("buy_and_hold_return,") })
        #expect(Double(row.split(separator: ",")[1]) == bh)
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(html.contains(String(format: "%.2f%%", bh * 100)), "index.html lacks \(bh * 100)")
        #expect(!html.contains("703.46%"))
    }
}
