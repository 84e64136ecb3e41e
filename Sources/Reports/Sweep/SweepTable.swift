/// A sweep's ranked results as the report needs them (the `Research` rows, flattened): the
/// swept param names, and per row its param values, symbol and metrics by name.
public struct SweepTable: Sendable {
    public struct Row: Sendable {
        public var params: [Double]
        public var symbol: String
        public var metrics: [String: Double]
        public init(params: [Double], symbol: String, metrics: [String: Double]) {
            self.params = params
            self.symbol = symbol
            self.metrics = metrics
        }
    }

    public var strategy: String
    public var paramNames: [String]
    /// Best first by `rank`.
    public var rows: [Row]
    public var rank: String
    public var trials: Int
    public var deflatedSharpe: Double
    /// Probability of backtest overfitting per symbol (`--pbo`), empty when not computed.
    public var pbo: [String: Double]

    public init(strategy: String, paramNames: [String], rows: [Row], rank: String, trials: Int, deflatedSharpe: Double,
                pbo: [String: Double] = [:]) {
        self.strategy = strategy
        self.paramNames = paramNames
        self.rows = rows
        self.rank = rank
        self.trials = trials
        self.deflatedSharpe = deflatedSharpe
        self.pbo = pbo
    }
}
