import Foundation
import Testing
@testable import Research

/// PBO by combinatorially symmetric cross-validation.
@Suite struct BacktestOverfittingTests {
    @Test func splitsAreEveryHalfOfTheBlocks() {
        #expect(BacktestOverfitting.combinations(of: 4, choose: 2) == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        #expect(BacktestOverfitting.combinations(of: 16, choose: 8).count == 12_870)
    }

    @Test func inSampleWinnersThatLoseOutOfSampleAreOverfitByHand() throws {
        // Two blocks of two periods. In block 0 trial 0 is best and in block 1 it is worst;
        // trial 2 is best in block 1 and worst in block 0: both splits pick a trial ranked last
        // out of sample, ω = 1/4, λ = log(1/3).
        let returns: [[Double]] = [[0.01, 0.03, -0.01, 0.01], [0.00, 0.02, 0.02, 0.04], [-0.01, 0.01, 0.01, 0.01]]
        let r = try BacktestOverfitting.cscv(returns: returns, splits: 2)
        #expect(r.probability == 1 && r.logits.count == 2)
        #expect(r.logits.allSatisfy { abs($0 - log(1.0 / 3)) < 1e-15 })
    }

    private func noise(_ seed: UInt64, _ count: Int, drift: Double = 0) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in drift + (Double(rng.next() >> 11) / Double(1 << 53) - 0.5) * 0.02 }
    }

    @Test func aTrialWithRealSkillIsNeverOverfit() throws {
        var trials = (1...20).map { noise($0, 1_000) }
        trials.append(noise(99, 1_000, drift: 0.01))  // a strong edge in every block
        let r = try BacktestOverfitting.cscv(returns: trials, splits: 8)
        #expect(r.probability == 0 && r.logits.count == 70)
    }

    @Test func pureNoiseIsOverfitAboutHalfTheTimeOnAverage() throws {
        // Without skill the in-sample winner's out-of-sample rank is uniform: PBO averages 1/2
        // (a single data set varies widely, since its splits share the same returns).
        var total = 0.0
        for set in 0..<12 {
            let trials = (1...20).map { noise(UInt64(set * 100 + $0), 600) }
            total += try BacktestOverfitting.cscv(returns: trials, splits: 8).probability
        }
        let mean = total / 12
        #expect(mean > 0.3 && mean < 0.7, "mean PBO \(mean)")
    }

    @Test(arguments: [1, 3, 18])
    func oddOrTooManySplitsAreRejected(splits: Int) {
        #expect(throws: SweepError.self) { try BacktestOverfitting.cscv(returns: [[0.1, 0.2], [0.1, 0.3]], splits: splits) }
    }
}
