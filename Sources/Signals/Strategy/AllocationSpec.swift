/// The optional `[allocation]` table: periodic rebalancing to target weights across the
/// strategy's symbols.
public struct AllocationSpec: Sendable, Equatable {
    /// How target weights are chosen.
    public enum Method: String, Sendable, CaseIterable {
        case equal
        case inverseVolatility = "inverse_volatility"
        case minVariance = "min_variance"
        case maxSharpe = "max_sharpe"
        case riskParity = "risk_parity"
        case hrp
    }

    /// How often to rebalance.
    public enum Rebalance: String, Sendable, CaseIterable {
        case week, month, quarter
    }

    public var method: Method = .equal
    public var rebalance: Rebalance = .month
    /// Bars of history the weights are estimated from.
    public var lookback: Int = 252

    public init() {}

    static let keys = ["method", "rebalance", "lookback"]
}
