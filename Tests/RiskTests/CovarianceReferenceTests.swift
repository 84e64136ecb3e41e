import Foundation
import Risk
import Testing

/// Sample, Ledoit–Wolf and pairwise covariances against numpy/sklearn on the 20-stock panel.
@Suite struct CovarianceReferenceTests {
    @Test func completeRowsPanelHas895ReturnsFrom2014_09_22() throws {
        let panel = try PortfolioFixtures.panel()
        #expect(panel.count == 895)
        #expect(panel.symbols.count == 20)
        #expect(DateFormatter.isoDay(panel.timestamps[0]) == "2014-09-22")
        let ref = try PortfolioFixtures.complete("expected_returns", "annual_geometric_pypfopt_mean_historical_return") as! [String: Any]
        let mu = panel.geometricAnnualReturns()
        for (j, s) in panel.symbols.enumerated() {
            let want = (ref[s] as! NSNumber).doubleValue
            #expect(abs(mu[j] - want) <= 1e-12 * abs(want), "\(s)")
        }
    }

    @Test func sampleCovarianceMatchesNumpyTo1e12() throws {
        let panel = try PortfolioFixtures.panel()
        let s = try Covariance.sample(panel.returns)
        let ref = try PortfolioFixtures.matrix("complete_sample_cov_daily.csv")
        let e = s.maxRelativeDifference(to: ref)
        #expect(e <= 1e-12, "max relative error \(e)")
        let annual = try PortfolioFixtures.matrix("complete_sample_cov_annual.csv")
        #expect(s.scaled(252).maxRelativeDifference(to: annual) <= 1e-12)
    }

    @Test func ledoitWolfMatchesSklearnShrinkageAndMatrix() throws {
        let panel = try PortfolioFixtures.panel()
        let (lw, delta) = try Covariance.ledoitWolf(panel.returns)
        let want = try PortfolioFixtures.number("ledoit_wolf", "shrinkage")
        #expect(abs(delta - want) <= 1e-12 * want, "shrinkage \(delta) vs \(want)")
        let ref = try PortfolioFixtures.matrix("complete_ledoit_wolf_daily.csv")
        let e = lw.maxRelativeDifference(to: ref)
        #expect(e <= 1e-12, "max relative error \(e)")
    }

    @Test func ewmaWithAVeryLongHalfLifeApproachesTheBiasedSampleCovariance() throws {
        let panel = try PortfolioFixtures.panel()
        let e = try Covariance.ewma(panel.returns, halfLife: 1e12)
        let s = try Covariance.sample(panel.returns, ddof: 0)
        #expect(e.maxRelativeDifference(to: s) < 1e-8)
        let short = try Covariance.ewma(panel.returns, halfLife: 20)
        #expect(short[0, 0] > 0)
        #expect(throws: RiskError.self) { try Covariance.ewma(panel.returns, halfLife: 0) }
    }

    @Test func ewmaWeightsHalveEveryHalfLife() throws {
        // Half-life 1: weights 1/4, 1/2, 1 (oldest first), normalised by 7/4.
        let r = Matrix(rows: [[1, 2], [3, 1], [2, 5]])
        let c = try Covariance.ewma(r, halfLife: 1)
        let w = [0.25 / 1.75, 0.5 / 1.75, 1 / 1.75]
        let m0 = w[0] * 1 + w[1] * 3 + w[2] * 2, m1 = w[0] * 2 + w[1] * 1 + w[2] * 5
        let c01 = w[0] * (1 - m0) * (2 - m1) + w[1] * (3 - m0) * (1 - m1) + w[2] * (2 - m0) * (5 - m1)
        let c00 = w[0] * (1 - m0) * (1 - m0) + w[1] * (3 - m0) * (3 - m0) + w[2] * (2 - m0) * (2 - m0)
        #expect(abs(c[0, 1] - c01) < 1e-15 && abs(c[1, 0] - c01) < 1e-15)
        #expect(abs(c[0, 0] - c00) < 1e-15)
    }

    @Test func pairwiseCompleteCovarianceIsRepairedToPSD() throws {
        let panel = try PortfolioFixtures.panel(.pairwiseComplete)
        #expect(panel.count > 7000)
        let c = try panel.sampleCovariance()
        #expect(c.rows == 20)
        // Cholesky of C + tiny ridge succeeds: the repaired matrix is PSD.
        var ridged = c
        for i in 0..<20 { ridged[i, i] += 1e-14 }
        #expect(throws: Never.self) { _ = try Optimizer.minVariance(covariance: ridged) }
    }
}

extension DateFormatter {
    static func isoDay(_ t: Int64) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
    }
}
