import Analytics
import Foundation

/// A histogram of periodic returns with a fitted normal density and the historical VaR.
///
/// Bins: `bins` equal-width bins over [min, max] (default `min(60, max(10, sqrt(n)))`).
/// Normal fit: `Analytics.Statistics` mean and sample standard deviation (ddof 1); `expected[i]` is the normal
/// density at the bin center times `n * width`, so it is on the same scale as the counts.
/// VaR at 95 %: `Analytics.ReturnMetrics.historicalVaR` (numpy's linear percentile), a negative
/// return, the figure summary.json calls `var_95`; the loss is its negation.
public struct ReturnHistogram: Sendable, Equatable {
    public var lower: Double
    public var width: Double
    public var counts: [Int]
    public var expected: [Double]
    public var mean: Double
    public var std: Double
    public var var95: Double

    public init(returns raw: [Double], bins: Int? = nil) {
        let r = raw.filter(\.isFinite)
        let n = r.count
        let lo = r.min() ?? 0, hi = r.max() ?? 0
        let k = bins ?? min(60, max(10, Int(Double(n).squareRoot())))
        let w = hi > lo ? (hi - lo) / Double(k) : 1
        var counts = [Int](repeating: 0, count: k)
        for x in r { counts[min(k - 1, max(0, Int((x - lo) / w)))] += 1 }
        let mean = n > 0 ? Statistics.mean(r) : 0
        let std = n > 1 ? Statistics.standardDeviation(r, ddof: 1) : 0
        self.lower = lo
        self.width = w
        self.counts = counts
        self.mean = mean
        self.std = std
        self.expected = (0..<k).map { i in
            guard std > 0 else { return 0 }
            let x = lo + (Double(i) + 0.5) * w
            let z = (x - mean) / std
            return Double(n) * w * (-0.5 * z * z).exp / (std * (2 * Double.pi).squareRoot())
        }
        self.var95 = ReturnMetrics.historicalVaR(raw)
    }
}

extension Double {
    fileprivate var exp: Double { Foundation.exp(self) }
}
