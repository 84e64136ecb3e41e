import Foundation
import Risk
import Testing

/// Optimiser weights against `weights_exact_active_set` (PyPortfolioOpt's support re-solved
/// exactly) and the closed forms, on μ = geometric annual returns and S = annual sample covariance.
@Suite struct OptimizerReferenceTests {
    let panel: ReturnsPanel
    let mu: [Double]
    let s: Matrix

    init() throws {
        panel = try PortfolioFixtures.panel()
        mu = panel.geometricAnnualReturns()
        s = try Covariance.sample(panel.returns).scaled(252)
    }

    func reference(_ path: String...) throws -> [Double] {
        try PortfolioFixtures.weights(["optimisation"] + path, symbols: panel.symbols)
    }

    @Test func longOnlyMinVarianceMatchesTheExactActiveSetWeights() throws {
        let w = try Optimizer.minVariance(covariance: s, bounds: .init(longOnly: true))
        let want = try reference("min_volatility_long_only", "weights_exact_active_set")
        let e = PortfolioFixtures.maxAbsDifference(w, want)
        #expect(e <= 1e-8, "max abs error \(e)")
        #expect(w.allSatisfy { $0 >= 0 })
    }

    @Test func unconstrainedMinVarianceMatchesTheClosedForm() throws {
        let w = try Optimizer.minVariance(covariance: s)
        let want = try reference("min_volatility_unconstrained", "weights")
        #expect(PortfolioFixtures.maxAbsDifference(w, want) <= 1e-12)
    }

    @Test(arguments: [0.0, 0.02])
    func longOnlyMaxSharpeMatchesTheExactActiveSetWeights(riskFree: Double) throws {
        let w = try Optimizer.maxSharpe(expectedReturns: mu, covariance: s, riskFree: riskFree)
        let want = try reference("max_sharpe_long_only_rf_\(riskFree)", "weights_exact_active_set")
        let e = PortfolioFixtures.maxAbsDifference(w, want)
        #expect(e <= 1e-8, "max abs error \(e)")
        let tangency = try Optimizer.maxSharpe(expectedReturns: mu, covariance: s, riskFree: riskFree, bounds: .unconstrained)
        #expect(PortfolioFixtures.maxAbsDifference(tangency, try reference("max_sharpe_unconstrained_rf_\(riskFree)", "weights")) <= 1e-10)
    }

    @Test func longOnlyEfficientReturnMatchesTheExactActiveSetWeights() throws {
        let w = try Optimizer.efficientReturn(expectedReturns: mu, covariance: s, target: 0.30)
        let want = try reference("efficient_return_long_only", "weights_exact_active_set")
        let e = PortfolioFixtures.maxAbsDifference(w, want)
        #expect(e <= 1e-8, "max abs error \(e)")
    }

    @Test func efficientRiskAtTheEfficientReturnVolatilityRecoversThatPortfolio() throws {
        let target = try reference("efficient_return_long_only", "weights_exact_active_set")
        let vol = s.quadraticForm(target).squareRoot()
        let w = try Optimizer.efficientRisk(expectedReturns: mu, covariance: s, targetVolatility: vol)
        #expect(PortfolioFixtures.maxAbsDifference(w, target) <= 1e-8)
    }

    @Test func hrpSingleLinkageMatchesPyPortfolioOpt() throws {
        let r = try HierarchicalRiskParity.weights(covariance: try Covariance.sample(panel.returns))
        let ref = try PortfolioFixtures.complete("optimisation", "hrp_single_linkage") as! [String: Any]
        let order = (ref["leaf_order"] as! [String])
        #expect(r.leafOrder.map { panel.symbols[$0] } == order)
        let want = try reference("hrp_single_linkage", "weights")
        let e = PortfolioFixtures.maxAbsDifference(r.weights, want)
        #expect(e <= 1e-10, "max abs error \(e)")
        let link = ref["linkage_matrix"] as! [[Double]]
        for (k, row) in r.linkage.enumerated() {
            #expect(Double(row.left) == link[k][0] && Double(row.right) == link[k][1] && Double(row.size) == link[k][3])
            #expect(abs(row.distance - link[k][2]) <= 1e-12)
        }
    }

    @Test func riskParityEqualisesRiskContributions() throws {
        let w = try RiskParity.weights(covariance: s)
        let c = RiskParity.contributions(weights: w, covariance: s)
        #expect(abs(w.reduce(0, +) - 1) < 1e-14)
        #expect(c.allSatisfy { abs($0 - 0.05) < 1e-12 })
    }

    @Test func frontierRunsFromMinVarianceToTheBestAsset() throws {
        let points = try Optimizer.frontier(expectedReturns: mu, covariance: s, count: 5)
        #expect(points.count == 5)
        let vols = points.map { s.quadraticForm($0.weights).squareRoot() }
        #expect(zip(vols, vols.dropFirst()).allSatisfy { $0 <= $1 + 1e-12 })
        #expect(abs(points.last!.target - mu.max()!) < 1e-12)
    }

    @Test func infeasibleTargetsAndSingularCovariancesThrowTypedErrors() throws {
        #expect(throws: RiskError.self) { try Optimizer.efficientReturn(expectedReturns: mu, covariance: s, target: 0.9) }
        #expect(throws: RiskError.self) { try Optimizer.efficientRisk(expectedReturns: mu, covariance: s, targetVolatility: 0.05) }
        #expect(throws: RiskError.self) { try Optimizer.minVariance(covariance: s, bounds: .init(longOnly: true, maxWeight: 0.04)) }
        #expect(throws: RiskError.self) { try Optimizer.maxSharpe(expectedReturns: mu.map { _ in -0.1 }, covariance: s) }
        // Two identical assets: the covariance is singular.
        let twin = Matrix(rows: [[1, 1, 0], [1, 1, 0], [0, 0, 1]])
        #expect(throws: RiskError.self) { try Optimizer.minVariance(covariance: twin) }
        #expect(throws: RiskError.self) { try Optimizer.minVariance(covariance: twin, bounds: .init(longOnly: true)) }
    }

    @Test func maxWeightIsRespected() throws {
        let w = try Optimizer.minVariance(covariance: s, bounds: .init(longOnly: true, maxWeight: 0.15))
        #expect(w.allSatisfy { $0 >= 0 && $0 <= 0.15 + 1e-15 })
        #expect(abs(w.reduce(0, +) - 1) < 1e-13)
    }
}

/// Max-Sharpe through the bounded frontier (the path taken with --max-weight) must land on the
/// same exact weights as the transformed QP when the cap does not bind.
@Suite struct MaxSharpeFrontierTests {
    @Test(arguments: [0.0, 0.02])
    func frontierSearchMatchesTheExactActiveSetWeights(riskFree: Double) throws {
        let panel = try PortfolioFixtures.panel()
        let mu = panel.geometricAnnualReturns()
        let s = try Covariance.sample(panel.returns).scaled(252)
        let w = try Optimizer.maxSharpe(expectedReturns: mu, covariance: s, riskFree: riskFree, bounds: .init(longOnly: true, maxWeight: 1))
        let want = try PortfolioFixtures.weights(["optimisation", "max_sharpe_long_only_rf_\(riskFree)", "weights_exact_active_set"], symbols: panel.symbols)
        let e = PortfolioFixtures.maxAbsDifference(w, want)
        #expect(e <= 1e-8, "max abs error \(e)")
    }

    @Test func aBindingCapIsRespectedAndBeatsNeighbours() throws {
        let panel = try PortfolioFixtures.panel()
        let mu = panel.geometricAnnualReturns()
        let s = try Covariance.sample(panel.returns).scaled(252)
        let w = try Optimizer.maxSharpe(expectedReturns: mu, covariance: s, bounds: .init(longOnly: true, maxWeight: 0.3))
        #expect(w.allSatisfy { $0 >= 0 && $0 <= 0.3 })
        #expect(abs(w.reduce(0, +) - 1) < 1e-13)
        let best = Optimizer.performance(weights: w, expectedReturns: mu, covariance: s).sharpe
        // No efficient portfolio nearby on the capped frontier does better.
        let r = Optimizer.performance(weights: w, expectedReturns: mu, covariance: s).expectedReturn
        for dr in [-0.01, 0.01] {
            let v = try Optimizer.efficientReturn(expectedReturns: mu, covariance: s, target: r + dr, bounds: .init(longOnly: true, maxWeight: 0.3))
            #expect(Optimizer.performance(weights: v, expectedReturns: mu, covariance: s).sharpe < best)
        }
    }
}
