/// The probability of backtest overfitting by combinatorially symmetric cross-validation
/// (Bailey, Borwein, López de Prado and Zhu, "The Probability of Backtest Overfitting", 2015).
///
/// The T×N matrix of per-period returns (T periods, N trials) is cut into S equal blocks of
/// rows (S even; the last T mod S rows are dropped). For each of the C(S, S/2) ways to pick half
/// the blocks as in-sample (the rest out-of-sample), the trial with the best in-sample Sharpe
/// ratio (mean / std, ddof 1) is ranked among all trials out-of-sample: ω = rank / (N + 1) with
/// rank 1 the worst, and λ = log(ω / (1 − ω)). PBO is the share of splits with λ ≤ 0, i.e. where
/// the in-sample winner does no better than the median out of sample.
public enum BacktestOverfitting {
    public struct Result: Sendable, Equatable {
        public var probability: Double
        /// λ of every split, in the order the splits were enumerated.
        public var logits: [Double]
        public var splits: Int
    }

    /// - Parameter returns: one array of per-period returns per trial, all the same length.
    public static func cscv(returns: [[Double]], splits s: Int) throws(SweepError) -> Result {
        guard s >= 2, s % 2 == 0, s <= 16 else { throw .invalidOverfittingSplits(s, reason: "the number of splits must be even, from 2 to 16") }
        let n = returns.count
        guard n >= 2 else { throw .invalidOverfittingSplits(s, reason: "PBO needs at least two trials") }
        let t = returns.map(\.count).min() ?? 0
        let blockLength = t / s
        guard blockLength >= 2 else { throw .invalidOverfittingSplits(s, reason: "\(t) periods are too few for \(s) blocks") }
        // Per trial and block: count, sum and sum of squares, so each split is O(N·S).
        var sums = [[(Double, Double)]](repeating: [], count: n)
        for i in 0..<n {
            sums[i] = (0..<s).map { b in
                var a = 0.0, q = 0.0
                for r in returns[i][(b * blockLength)..<((b + 1) * blockLength)] { a += r; q += r * r }
                return (a, q)
            }
        }
        func sharpe(_ i: Int, _ blocks: [Int]) -> Double {
            var a = 0.0, q = 0.0
            for b in blocks { a += sums[i][b].0; q += sums[i][b].1 }
            let m = Double(blocks.count * blockLength)
            let mean = a / m
            let variance = max(0, (q - m * mean * mean) / (m - 1))
            return variance > 0 ? mean / variance.squareRoot() : (mean > 0 ? .infinity : mean < 0 ? -.infinity : 0)
        }
        var logits: [Double] = []
        for inSample in combinations(of: s, choose: s / 2) {
            let outSample = (0..<s).filter { !inSample.contains($0) }
            let isSharpe = (0..<n).map { sharpe($0, inSample) }
            let best = isSharpe.indices.max { isSharpe[$0] < isSharpe[$1] }!
            let oos = (0..<n).map { sharpe($0, outSample) }
            let rank = Double(oos.filter { $0 < oos[best] }.count + 1)  // 1 = worst
            let omega = rank / Double(n + 1)
            logits.append(log(omega / (1 - omega)))
        }
        let overfit = logits.filter { $0 <= 0 }.count
        return Result(probability: Double(overfit) / Double(logits.count), logits: logits, splits: s)
    }

    /// All k-element subsets of 0..<n in lexicographic order.
    static func combinations(of n: Int, choose k: Int) -> [[Int]] {
        var out: [[Int]] = []
        var current: [Int] = []
        func go(_ start: Int) {
            if current.count == k { out.append(current); return }
            guard start < n else { return }
            for i in start..<n where n - i >= k - current.count {
                current.append(i)
                go(i + 1)
                current.removeLast()
            }
        }
        go(0)
        return out
    }
}

import Foundation
