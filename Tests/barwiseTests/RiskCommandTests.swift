import Foundation
import Testing

/// `barwise risk` and `barwise optimize` as processes, on a store holding the 20-stock panel:
/// the JSON must reproduce the portfolio references (Tests/Fixtures/reference/portfolio).
@Suite struct RiskCommandTests {
    static let symbols = "GOOG,AAPL,FB,BABA,AMZN,GE,AMD,WMT,BAC,GM,T,UAA,SHLD,XOM,RRC,BBY,MA,PFE,JPM,SBUX"

    static func panelStore() throws -> String {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("panel.sqlite").path
        let file = BarwiseProcess.fixtures.appendingPathComponent("data/stock_prices_20sym_daily_1989-2018.csv").path
        let r = try BarwiseProcess.run(["ingest", file, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        return store
    }

    static func reference() throws -> [String: Any] {
        let data = try Data(contentsOf: BarwiseProcess.fixtures.appendingPathComponent("reference/portfolio/portfolio.json"))
        return (try JSONSerialization.jsonObject(with: data) as! [String: Any])["complete"] as! [String: Any]
    }

    func json(_ r: BarwiseProcess.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func riskJSONReproducesTheEqualWeightHistoricalVaR() throws {
        let store = try Self.panelStore()
        let r = try BarwiseProcess.run(["risk", "--symbols", Self.symbols, "--method", "historical", "--json", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r)
        let ref = try Self.reference()["equal_weight_var_1day"] as! [String: Any]
        let v = o["var"] as! [String: Double], c = o["cvar"] as! [String: Double]
        #expect(abs(v["0.95"]! - (ref["historical_VaR_95"] as! Double)) < 1e-14)
        #expect(abs(v["0.99"]! - (ref["historical_VaR_99"] as! Double)) < 1e-14)
        #expect(abs(c["0.95"]! - (ref["historical_CVaR_95"] as! Double)) < 1e-14)
        #expect(o["method"] as? String == "historical" && o["horizon"] as? Int == 1)
        let shares = o["contributions"] as! [String: Double]
        #expect(shares.count == 20 && abs(shares.values.reduce(0, +) - 1) < 1e-12)
    }

    @Test func riskTableAndOutputFolder() throws {
        let store = try Self.panelStore()
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("risk").path
        let r = try BarwiseProcess.run(["risk", "--symbols", Self.symbols, "--method", "parametric", "--out", out, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("95.0%") && r.stdout.contains("1.6121%") && r.stdout.contains("2.0335%"))
        #expect(FileManager.default.fileExists(atPath: out + "/risk.json"))
        #expect(FileManager.default.fileExists(atPath: out + "/contributions.csv"))
    }

    @Test func optimizeJSONReproducesTheLongOnlyMinVarianceWeights() throws {
        let store = try Self.panelStore()
        let r = try BarwiseProcess.run(["optimize", "--symbols", Self.symbols, "--objective", "min-variance", "--long-only", "--json", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r)
        let opt = try Self.reference()["optimisation"] as! [String: Any]
        let want = (opt["min_volatility_long_only"] as! [String: Any])["weights_exact_active_set"] as! [String: Double]
        let got = o["weights"] as! [String: Double]
        for (s, w) in want { #expect(abs(got[s]! - w) <= 1e-8, "\(s)") }
        #expect(abs((o["volatility"] as! Double) - 0.1223065907437908) < 1e-10)
        #expect(o["objective"] as? String == "min-variance" && o["sharpe"] is Double && o["expected_return"] is Double)
    }

    @Test func ewmaCovarianceWithAnEndlessHalfLifeGivesTheSampleMinVarianceWeights() throws {
        // Equal weights make the EWMA covariance the biased sample one: a scalar multiple of the
        // sample covariance, so the same min-variance weights; a short half-life moves them.
        let store = try Self.panelStore()
        let opt = try Self.reference()["optimisation"] as! [String: Any]
        let want = (opt["min_volatility_long_only"] as! [String: Any])["weights_exact_active_set"] as! [String: Double]
        let long = try BarwiseProcess.run(["optimize", "--symbols", Self.symbols, "--objective", "min-variance", "--long-only",
                                           "--cov", "ewma", "--half-life", "1e12", "--json", "--store", store])
        #expect(long.status == 0, "\(long.stderr)")
        let w = try json(long)["weights"] as! [String: Double]
        for (s, x) in want { #expect(abs(w[s]! - x) <= 1e-8, "\(s)") }
        let short = try BarwiseProcess.run(["optimize", "--symbols", Self.symbols, "--objective", "min-variance", "--long-only",
                                            "--cov", "ewma", "--half-life", "21", "--json", "--store", store])
        let v = try json(short)["weights"] as! [String: Double]
        #expect(want.keys.map { abs(v[$0]! - want[$0]!) }.max()! > 1e-3)
        let bad = try BarwiseProcess.run(["optimize", "--symbols", "AAPL,XOM", "--objective", "min-variance", "--cov", "ewma", "--half-life", "0", "--store", store])
        #expect(bad.status == 2 && bad.stderr.contains("--half-life"))
    }

    @Test func optimizeHRPAndFrontier() throws {
        let store = try Self.panelStore()
        let r = try BarwiseProcess.run(["optimize", "--symbols", Self.symbols, "--objective", "hrp", "--frontier", "4", "--long-only", "--json", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r)
        let opt = try Self.reference()["optimisation"] as! [String: Any]
        let want = (opt["hrp_single_linkage"] as! [String: Any])["weights"] as! [String: Double]
        let got = o["weights"] as! [String: Double]
        for (s, w) in want { #expect(abs(got[s]! - w) <= 1e-10, "\(s)") }
        #expect((o["frontier"] as? [[String: Any]])?.count == 4)
    }

    @Test func optimizeOutWritesTheHTMLPageWithItsCharts() throws {
        let store = try Self.panelStore()
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("opt").path
        let r = try BarwiseProcess.run(["optimize", "--symbols", "AAPL,XOM,PFE,<b>", "--objective", "min-variance", "--long-only",
                                        "--frontier", "6", "--out", out, "--store", store])
        #expect(r.status == 2)  // '<b>' is no symbol: nothing written
        #expect(!FileManager.default.fileExists(atPath: out + "/index.html"))
        let ok = try BarwiseProcess.run(["optimize", "--symbols", "AAPL,XOM,PFE,JPM", "--objective", "min-variance", "--long-only",
                                         "--frontier", "6", "--out", out, "--store", store])
        #expect(ok.status == 0, "\(ok.stderr)")
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        for id in ["id=\"weights\"", "id=\"optimize-metrics\"", "<svg"] { #expect(html.contains(id), "\(id)") }
        #expect(html.contains("XOM") && !html.contains("<script src"))
    }

    @Test func ledoitWolfCovarianceAndSeededMonteCarloAreReproducible() throws {
        let store = try Self.panelStore()
        let a = try BarwiseProcess.run(["optimize", "--symbols", Self.symbols, "--objective", "min-variance", "--cov", "ledoit-wolf", "--json", "--store", store])
        #expect(a.status == 0, "\(a.stderr)")
        #expect((try json(a))["cov"] as? String == "ledoit-wolf")
        let args = ["risk", "--symbols", "AAPL,XOM,PFE", "--method", "montecarlo", "--paths", "20000", "--seed", "3", "--horizon", "5", "--json", "--store", store]
        let m1 = try BarwiseProcess.run(args), m2 = try BarwiseProcess.run(args)
        #expect(m1.status == 0 && m1.stdout == m2.stdout)
        #expect((try json(m1))["horizon"] as? Int == 5)
    }

    @Test func infeasibleTargetAndBadArgumentsExitTwoWithOneLine() throws {
        let store = try Self.panelStore()
        let a = try BarwiseProcess.run(["optimize", "--symbols", "AAPL,XOM", "--objective", "efficient-return=0.9", "--long-only", "--store", store])
        #expect(a.status == 2 && a.stderr.hasPrefix("barwise: error: infeasible: target return 0.9") && a.stderr.split(separator: "\n").count == 1)
        let b = try BarwiseProcess.run(["risk", "--symbols", "AAPL,XOM", "--weights", "0.5", "--store", store])
        #expect(b.status == 2)
        let c = try BarwiseProcess.run(["optimize", "--symbols", "AAPL,XOM", "--objective", "maximum", "--store", store])
        #expect(c.status == 2)
        let d = try BarwiseProcess.run(["risk", "--symbols", "AAPL,NOPE", "--store", store])
        #expect(d.status == 2 && d.stderr.hasPrefix("barwise: error: no instrument 'NOPE'"))
        let e = try BarwiseProcess.run(["optimize", "--symbols", "AAPL,XOM", "--objective", "max-sharpe", "--max-weight", "0.6", "--store", store])
        #expect(e.status == 2 && e.stderr.contains("--max-weight with max-sharpe needs --long-only"))
    }
}
