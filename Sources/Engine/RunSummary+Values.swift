extension RunSummary {
    /// A summary from its figures (e.g. read back from a sweep's `results.csv` to resume it).
    public init(
        start: Int64, end: Int64, bars: Int, initialCash: Double, finalEquity: Double, totalReturn: Double, cagr: Double,
        annualReturn: Double, annualVolatility: Double, sharpe: Double, sortino: Double, calmar: Double, maxDrawdown: Double,
        trades: Int, openTrades: Int, winRate: Double, exposure: Double,
        returnCount: Int = 0, returnSkewness: Double = .nan, returnKurtosis: Double = .nan, periodsPerYear: Double = .nan
    ) {
        self.start = start
        self.end = end
        self.bars = bars
        self.initialCash = initialCash
        self.finalEquity = finalEquity
        self.totalReturn = totalReturn
        self.cagr = cagr
        self.annualReturn = annualReturn
        self.annualVolatility = annualVolatility
        self.sharpe = sharpe
        self.sortino = sortino
        self.calmar = calmar
        self.maxDrawdown = maxDrawdown
        self.trades = trades
        self.openTrades = openTrades
        self.winRate = winRate
        self.exposure = exposure
        self.returnCount = returnCount
        self.returnSkewness = returnSkewness
        self.returnKurtosis = returnKurtosis
        self.periodsPerYear = periodsPerYear
    }
}
