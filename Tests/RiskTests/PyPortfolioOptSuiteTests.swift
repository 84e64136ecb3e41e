import Foundation
import Risk
import Testing

/// Part B of portfolio.json: PyPortfolioOpt's own test recipe on the FULL panel (pairwise-complete
/// covariance, per-asset return counts), whose figures are hard-coded in its test suite. The
/// library solves with OSQP, so its performance figures are matched to 1e-7 relative (its own
/// `np.allclose(rtol=1e-7)` check) and HRP weights to 1e-10.
@Suite struct PyPortfolioOptSuiteTests {
    let panel: ReturnsPanel
    let mu: [Double]
    let s: Matrix

    init() throws {
        panel = try PortfolioFixtures.panel(.pairwiseComplete)
        mu = panel.geometricAnnualReturns()
        s = try panel.sampleCovariance().scaled(252)
    }

    func suite(_ key: String) throws -> [String: Any] {
        ((try PortfolioFixtures.json())["pypfopt_test_suite"] as! [String: Any])[key] as! [String: Any]
    }

    func expectPerformance(_ w: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        let p = Optimizer.performance(weights: w, expectedReturns: mu, covariance: s, riskFree: 0.02)
        for (got, want) in zip([p.expectedReturn, p.volatility, p.sharpe], expected) {
            #expect(abs(got - want) <= 1e-7 * abs(want), "\(got) vs \(want)", sourceLocation: sourceLocation)
        }
    }

    @Test func minVolatilityPerformanceMatchesThePyPortfolioOptTests() throws {
        let w = try Optimizer.minVariance(covariance: s, bounds: .init(longOnly: true))
        expectPerformance(w, try suite("min_volatility")["expected_from_pypfopt_tests"] as! [Double])
    }

    @Test func maxSharpePerformanceMatchesThePyPortfolioOptTests() throws {
        let w = try Optimizer.maxSharpe(expectedReturns: mu, covariance: s, riskFree: 0.02)
        expectPerformance(w, try suite("max_sharpe_rf_0.02")["expected_from_pypfopt_tests"] as! [Double])
    }

    @Test func hrpOnPairwiseDataMatchesThePyPortfolioOptReferenceWeights() throws {
        let cov = try Covariance.pairwise(panel.returns)
        let r = try HierarchicalRiskParity.weights(covariance: cov, correlation: Covariance.pairwiseCorrelation(panel.returns))
        let want = try suite("hrp_single")["weights"] as! [String: Double]
        let e = PortfolioFixtures.maxAbsDifference(r.weights, panel.symbols.map { want[$0]! })
        #expect(e <= 1e-10, "max abs error \(e)")
    }
}
