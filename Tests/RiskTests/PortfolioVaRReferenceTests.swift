import Foundation
import Risk
import Testing

/// Equal-weight VaR/CVaR on the 20-stock panel against `equal_weight_var_1day` in portfolio.json.
@Suite struct PortfolioVaRReferenceTests {
    let panel: ReturnsPanel
    let w = [Double](repeating: 1.0 / 20, count: 20)

    init() throws { panel = try PortfolioFixtures.panel() }

    func ref(_ key: String) throws -> Double { try PortfolioFixtures.number("equal_weight_var_1day", key) }

    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool { abs(a - b) <= tol * abs(b) }

    @Test func historicalVaRUsesNumpyLinearPercentiles() throws {
        let e = try PortfolioVaR.estimate(returns: panel.returns, weights: w, confidences: [0.95, 0.99], method: .historical)
        #expect(close(e[0].valueAtRisk, try ref("historical_VaR_95")), "\(e[0].valueAtRisk)")
        #expect(close(e[1].valueAtRisk, try ref("historical_VaR_99")))
        #expect(close(e[0].conditionalValueAtRisk, try ref("historical_CVaR_95")))
        #expect(close(e[1].conditionalValueAtRisk, try ref("historical_CVaR_99")))
        for x in e { #expect(abs(x.contributions.reduce(0, +) - x.valueAtRisk) < 1e-15) }
        // Averaged over neighbouring scenarios, no asset of an equal-weight long book offsets the loss.
        #expect(e[0].contributions.allSatisfy { $0 > 0 })
    }

    @Test func parametricVaRWithAndWithoutTheMean() throws {
        let e = try PortfolioVaR.estimate(returns: panel.returns, weights: w, confidences: [0.95, 0.99], method: .parametric)
        #expect(close(e[0].valueAtRisk, try ref("parametric_VaR_95")))
        #expect(close(e[1].valueAtRisk, try ref("parametric_VaR_99")))
        #expect(close(e[0].conditionalValueAtRisk, try ref("parametric_CVaR_95")))
        #expect(close(e[1].conditionalValueAtRisk, try ref("parametric_CVaR_99")))
        for x in e { #expect(abs(x.contributions.reduce(0, +) - x.valueAtRisk) < 1e-15) }
        let z = try PortfolioVaR.estimate(returns: panel.returns, weights: w, confidences: [0.95, 0.99], method: .parametric,
                                          options: .init(includeMean: false))
        #expect(close(z[0].valueAtRisk, try ref("parametric_VaR_95_zero_mean")))
        #expect(close(z[1].valueAtRisk, try ref("parametric_VaR_99_zero_mean")))
        let h10 = try PortfolioVaR.estimate(returns: panel.returns, weights: w, confidences: [0.95], method: .parametric,
                                            options: .init(horizon: 10, includeMean: false))
        #expect(close(h10[0].valueAtRisk, z[0].valueAtRisk * 10.0.squareRoot()))
    }

    @Test func monteCarloConvergesToTheParametricFigures() throws {
        let mc = try PortfolioVaR.estimate(returns: panel.returns, weights: w, confidences: [0.95, 0.99], method: .monteCarlo,
                                           options: .init(seed: 7))
        let again = try PortfolioVaR.estimate(returns: panel.returns, weights: w, confidences: [0.95], method: .monteCarlo,
                                              options: .init(seed: 7))
        #expect(mc[0].valueAtRisk == again[0].valueAtRisk)
        #expect(abs(mc[0].valueAtRisk - (try ref("parametric_VaR_95"))) < 0.02 * (try ref("parametric_VaR_95")))
        #expect(abs(mc[1].conditionalValueAtRisk - (try ref("parametric_CVaR_99"))) < 0.03 * (try ref("parametric_CVaR_99")))
        for x in mc { #expect(abs(x.contributions.reduce(0, +) - x.valueAtRisk) < 1e-14) }
    }

    @Test func historicalHorizonUsesOverlappingSums() throws {
        let e = try PortfolioVaR.estimate(returns: panel.returns, weights: w, confidences: [0.95], method: .historical,
                                          options: .init(horizon: 5))
        let port = panel.returns.multiply(w)
        let sums = (0...(port.count - 5)).map { t in port[t..<(t + 5)].reduce(0, +) }
        #expect(sums.count == 891)
        let sorted = sums.sorted()
        let h = Double(sums.count - 1) * 0.05
        let lo = Int(h), f = h - Double(lo)
        let want = -(sorted[lo] + (sorted[lo + 1] - sorted[lo]) * f)
        #expect(abs(e[0].valueAtRisk - want) < 1e-15)
    }

    @Test func badInputsThrow() throws {
        #expect(throws: RiskError.self) {
            try PortfolioVaR.estimate(returns: panel.returns, weights: [1], confidences: [0.95], method: .historical)
        }
        #expect(throws: RiskError.self) {
            try PortfolioVaR.estimate(returns: panel.returns, weights: w, confidences: [95], method: .historical)
        }
    }
}
