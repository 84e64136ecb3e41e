/// What `barwise optimize` computes, as the optimize report draws it (DESIGN.md section 5,
/// `optimize --json`): the objective, the weights, the portfolio's expected return, volatility and
/// Sharpe (annualized fractions), the efficient frontier, each asset's own risk and return, and the
/// correlation matrix of the assets' returns.
public struct OptimizeResult: Sendable {
    /// One symbol's weight (a fraction of the portfolio; negative for a short).
    public struct Weight: Sendable, Equatable {
        public var symbol: String
        public var weight: Double
        public init(symbol: String, weight: Double) {
            self.symbol = symbol
            self.weight = weight
        }
    }

    /// A point in (annualized volatility, annualized expected return) space; `label` names assets.
    public struct RiskReturn: Sendable, Equatable {
        public var label: String
        public var volatility: Double
        public var expectedReturn: Double
        public init(label: String = "", volatility: Double, expectedReturn: Double) {
            self.label = label
            self.volatility = volatility
            self.expectedReturn = expectedReturn
        }
    }

    public var objective: String
    public var weights: [Weight]
    public var expectedReturn: Double
    public var volatility: Double
    public var sharpe: Double
    /// Frontier points in order of increasing volatility (empty when not computed).
    public var frontier: [RiskReturn]
    public var assets: [RiskReturn]
    /// Symbols of the correlation matrix's rows and columns, and the square, symmetric matrix.
    public var correlationSymbols: [String]
    public var correlation: [[Double]]

    public init(objective: String, weights: [Weight], expectedReturn: Double, volatility: Double, sharpe: Double,
                frontier: [RiskReturn] = [], assets: [RiskReturn] = [], correlationSymbols: [String] = [], correlation: [[Double]] = []) {
        self.objective = objective
        self.weights = weights
        self.expectedReturn = expectedReturn
        self.volatility = volatility
        self.sharpe = sharpe
        self.frontier = frontier
        self.assets = assets
        self.correlationSymbols = correlationSymbols
        self.correlation = correlation
    }

    /// Checks the correlation matrix is n x n for the n symbols.
    func validate() throws(ReportError) {
        let n = correlationSymbols.count
        guard correlation.count == n, correlation.allSatisfy({ $0.count == n }) else {
            throw .malformedJSON(file: "optimize result", detail: "the correlation matrix must be \(n) x \(n) for \(n) symbols, got \(correlation.count) rows")
        }
    }
}
