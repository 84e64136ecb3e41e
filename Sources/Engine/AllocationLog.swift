/// What an allocation strategy decided during a run: the target weights of every rebalance
/// and the rebalances whose weights could not be computed.
public struct AllocationLog: Sendable, Equatable {
    /// The stamp of each rebalance decision (UTC epoch seconds, the close of the deciding bar).
    public var times: [Int64]
    /// Target weights, row-major and contiguous: rebalance k's weight of symbol i (in
    /// `RunResult.symbols` order) is `weights[k · symbols.count + i]`. Each row sums to 1.
    public var weights: [Double]
    /// Decisions that failed (the portfolio kept its previous positions).
    public var failures: [RebalanceFailure]

    public init(times: [Int64] = [], weights: [Double] = [], failures: [RebalanceFailure] = []) {
        self.times = times
        self.weights = weights
        self.failures = failures
    }

    /// The weights of rebalance `k`, one per symbol.
    public func row(_ k: Int) -> ArraySlice<Double> {
        let n = times.isEmpty ? 0 : weights.count / times.count
        return weights[(k * n)..<((k + 1) * n)]
    }
}

/// A rebalance decision whose weights could not be computed (the portfolio kept its positions).
public struct RebalanceFailure: Sendable, Equatable {
    /// The decision's timestamp (UTC epoch seconds).
    public var time: Int64
    /// The optimiser's error, e.g. a singular covariance.
    public var message: String

    public init(time: Int64, message: String) {
        self.time = time
        self.message = message
    }
}
