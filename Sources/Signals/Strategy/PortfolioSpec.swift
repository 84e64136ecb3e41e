/// The `[portfolio]` table: the shared cash account.
public struct PortfolioSpec: Sendable, Equatable {
    /// Initial cash (backtesting.py's default 10,000).
    public var cash: Double = 10_000

    public init() {}

    static let keys = ["cash"]
}
