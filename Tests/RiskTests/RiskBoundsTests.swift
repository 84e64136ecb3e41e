import Foundation
import Risk
import Testing

/// Monte Carlo sizes are checked before anything is allocated, and LAPACK failures read as
/// sentences a user can act on.
@Suite struct RiskBoundsTests {
    let returns = Matrix(rows: [[0.01, 0.02], [-0.01, 0.0], [0.02, -0.01], [0.0, 0.01]])

    @Test func monteCarloPathsBeyondTheMemoryLimitAreRejectedBeforeAllocating() {
        #expect(PortfolioVaR.maxMonteCarloPaths(symbols: 1) == (1 << 30) / 40)
        #expect(PortfolioVaR.maxMonteCarloPaths(symbols: 2) == (1 << 30) / 56)
        do {
            _ = try PortfolioVaR.estimate(returns: returns, weights: [0.5, 0.5], confidences: [0.95], method: .monteCarlo,
                                          options: .init(paths: 2_000_000_000))
            Issue.record("2e9 paths were accepted")
        } catch {
            #expect(error.description == "Monte Carlo with 2000000000 paths over 2 symbols needs about 104.3 GiB of memory; "
                        + "the limit is 1 GiB, at most 19173961 paths for 2 symbols")
        }
        #expect(throws: RiskError.self) { try PortfolioVaR.checkPaths(Int.max, symbols: 1_000) }
        #expect(throws: RiskError.invalidArgument("Monte Carlo needs at least 100 paths, got 99")) { try PortfolioVaR.checkPaths(99, symbols: 1) }
    }

    @Test func pathsAtTheLimitAreAccepted() throws {
        try PortfolioVaR.checkPaths(PortfolioVaR.maxMonteCarloPaths(symbols: 3), symbols: 3)
    }

    @Test func lapackInfoCodesBecomeSentences() {
        let cases: [(RiskError, String)] = [
            (.lapack(routine: "dsyevd", info: 3), "the eigenvalue decomposition did not converge"),
            (.lapack(routine: "dpotrf", info: 2), "the matrix is not positive definite"),
            (.lapack(routine: "dgesv", info: 1), "the system of equations is singular"),
            (.lapack(routine: "dposv", info: -4), "was given an invalid argument (number 4); this is a Barwise bug"),
        ]
        for (error, start) in cases {
            #expect(error.description.contains(start), "\(error.description)")
            #expect(!error.description.contains("info"), "\(error.description)")
        }
    }

    @Test func singularCovarianceSuggestsNoCommandLineOption() {
        let text = RiskError.singularCovariance("leading minor 2 of 2 is not positive").description
        #expect(!text.contains("--"), "\(text)")
        #expect(text.contains("drop it"))
    }
}
