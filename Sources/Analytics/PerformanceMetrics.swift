import Foundation

/// The full set of performance metrics of one run, computed from plain arrays so that any engine
/// can call it. Conventions: empyrical (SEMANTICS.md section 3) with the annualisation factor N
/// inferred from the stamps (`PeriodsPerYear`), risk-free 0, ddof 1; see `ReturnMetrics` for
/// each formula. Any curve is accepted, a single point or none included: what a too-short curve
/// cannot define is NaN (null in JSON), never a trap.
public struct PerformanceMetrics: Sendable {
    /// Annualisation factor used (252, 365, 52, 12, …).
    public var periodsPerYear: Double
    /// Periodic simple returns the metrics were computed on (daily for intraday input).
    public var returns: [Double]
    /// ∏(1 + r) − 1.
    public var totalReturn: Double
    /// empyrical `cagr` = annual return: ∏(1 + r)^(N/n) − 1.
    public var cagr: Double
    /// ∏(1 + r)^(N/n) − 1 (years counted in periods, empyrical).
    public var annualReturn: Double
    /// Calendar CAGR: (E_last/E_0)^(365.25 days / elapsed) − 1, backtesting.py's definition.
    public var calendarCAGR: Double
    /// std(r, ddof 1)·√N.
    public var annualVolatility: Double
    /// mean/std(ddof 1)·√N, arithmetic, risk-free 0.
    public var sharpe: Double
    /// mean·N / (√mean(min(r, 0)²)·√N), downside over all returns.
    public var sortino: Double
    /// annualReturn / |maxDrawdown|.
    public var calmar: Double
    /// Drawdown series and episodes of the (daily) equity curve.
    public var drawdown: DrawdownAnalysis
    /// Deepest drawdown (negative) and the mean episode depth (negative).
    public var maxDrawdown: Double
    public var averageDrawdown: Double
    /// Σ positive / |Σ negative| returns (threshold 0).
    public var omega: Double
    /// R² of cumulative log returns on time.
    public var stability: Double
    /// |p95| / |p5| of the returns (numpy linear percentiles).
    public var tailRatio: Double
    /// Bias-corrected skewness G1 and excess kurtosis G2 (pandas/quantstats).
    public var skew: Double
    public var kurtosis: Double
    /// Historical VaR and CVaR at 95 % as returns (negative = loss), empyrical.
    public var valueAtRisk: Double
    public var conditionalValueAtRisk: Double
    /// Probabilistic Sharpe ratio against a zero Sharpe.
    public var probabilisticSharpe: Double
    /// Against `benchmarkReturns`: β = cov/var, α = (1 + mean(r − βb))^N − 1 (empyrical).
    public var alpha: Double?
    public var beta: Double?
    /// Largest and smallest single-period return.
    public var bestDay: Double
    public var worstDay: Double
    /// Monthly and yearly compounded returns (best/worst month and year).
    public var calendar: CalendarReturns
    /// Closed-trade statistics when trades were given.
    public var trades: TradeStatistics?
    /// Share of bars with a position (from `positionExposure`) or, without it, quantstats'
    /// share of non-zero returns rounded up to a percent.
    public var exposure: Double
    /// Annualised turnover: Σ|traded notional| / mean(equity) / years (nil without trade values).
    public var turnover: Double?

    /// Computes every metric.
    /// - Parameters:
    ///   - equity, timestamps: the equity curve, resampled to each UTC day's last value
    ///     (`DailyResampler`; daily and coarser curves are unchanged). A longer array's extra
    ///     entries are ignored.
    ///   - benchmarkReturns: returns aligned with the (daily) returns of `equity`, for alpha/beta.
    ///   - tradePnL, tradeReturns: closed trades.
    ///   - positionExposure: per bar, the fraction of equity in positions (0 when flat).
    ///   - tradedNotional: per bar, the absolute value traded.
    public init(equity: [Double], timestamps: [Int64], benchmarkReturns: [Double]? = nil,
                tradePnL: [Double]? = nil, tradeReturns: [Double]? = nil,
                positionExposure: [Double]? = nil, tradedNotional: [Double]? = nil) {
        let points = min(equity.count, timestamps.count)
        let equity = Array(equity.prefix(points)), timestamps = Array(timestamps.prefix(points))
        periodsPerYear = PeriodsPerYear.infer(timestamps: timestamps)
        let (curve, stamps) = DailyResampler.resample(values: equity, timestamps: timestamps)
        let r = DailyResampler.returns(curve)
        returns = r
        let n = periodsPerYear
        totalReturn = ReturnMetrics.totalReturn(r)
        annualReturn = ReturnMetrics.annualReturn(r, periodsPerYear: n)
        cagr = annualReturn
        let years = Double((stamps.last ?? 0) - (stamps.first ?? 0)) / 86_400 / 365.25
        if years > 0, let first = curve.first, let last = curve.last, first > 0 {
            calendarCAGR = pow(last / first, 1 / years) - 1
        } else {
            calendarCAGR = .nan
        }
        annualVolatility = ReturnMetrics.annualVolatility(r, periodsPerYear: n)
        sharpe = ReturnMetrics.sharpe(r, periodsPerYear: n)
        sortino = ReturnMetrics.sortino(r, periodsPerYear: n)
        drawdown = DrawdownAnalysis(equity: curve, timestamps: stamps)
        maxDrawdown = drawdown.maxDrawdown
        averageDrawdown = drawdown.averageDrawdown
        calmar = ReturnMetrics.calmar(annualReturn: annualReturn, maxDrawdown: maxDrawdown)
        omega = ReturnMetrics.omega(r)
        stability = ReturnMetrics.stability(r)
        tailRatio = ReturnMetrics.tailRatio(r)
        skew = Statistics.skewness(r)
        kurtosis = Statistics.excessKurtosis(r)
        valueAtRisk = ReturnMetrics.historicalVaR(r)
        conditionalValueAtRisk = ReturnMetrics.historicalCVaR(r)
        probabilisticSharpe = ReturnMetrics.probabilisticSharpe(r)
        if let b = benchmarkReturns, b.count == r.count, !r.isEmpty {
            alpha = ReturnMetrics.alpha(r, benchmark: b, periodsPerYear: n)
            beta = ReturnMetrics.beta(r, benchmark: b)
        }
        bestDay = r.max() ?? .nan
        worstDay = r.min() ?? .nan
        calendar = CalendarReturns(returns: r, timestamps: Array(stamps.dropFirst()))
        if let pnl = tradePnL, let tr = tradeReturns { trades = TradeStatistics(pnl: pnl, returns: tr) }
        if let e = positionExposure, !e.isEmpty {
            exposure = Double(e.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }) / Double(e.count)
        } else {
            exposure = ReturnMetrics.exposure(r)
        }
        if let traded = tradedNotional, !r.isEmpty {
            let meanEquity = Statistics.mean(equity)
            turnover = meanEquity > 0 ? traded.reduce(0) { $0 + abs($1) } / meanEquity / (Double(r.count) / n) : .nan
        }
    }
}

extension PerformanceMetrics {
    /// Every scalar metric as (snake_case name, value), in a fixed order: the names `summary.json`
    /// and `metrics.csv` use (DESIGN.md section 5). Fractions, not percent; durations in days.
    public var namedValues: [(name: String, value: Double)] {
        var out: [(String, Double)] = [
            ("total_return", totalReturn), ("cagr", cagr), ("annual_return", annualReturn),
            ("calendar_cagr", calendarCAGR), ("annual_volatility", annualVolatility), ("sharpe", sharpe),
            ("sortino", sortino), ("calmar", calmar), ("max_drawdown", maxDrawdown),
            ("max_drawdown_duration_days", Double(drawdown.maxEpisode?.duration ?? 0) / 86_400),
            ("avg_drawdown", averageDrawdown), ("longest_drawdown_days", Double(drawdown.maxDuration) / 86_400),
            ("omega", omega), ("stability", stability), ("tail_ratio", tailRatio), ("skew", skew), ("kurtosis", kurtosis),
            ("var_95", valueAtRisk), ("cvar_95", conditionalValueAtRisk), ("probabilistic_sharpe", probabilisticSharpe),
            ("best_day", bestDay), ("worst_day", worstDay),
            ("best_month", calendar.bestMonth ?? .nan), ("worst_month", calendar.worstMonth ?? .nan),
            ("best_year", calendar.bestYear ?? .nan), ("worst_year", calendar.worstYear ?? .nan),
            ("exposure", exposure), ("periods_per_year", periodsPerYear),
        ]
        if let alpha, let beta { out += [("alpha", alpha), ("beta", beta)] }
        if let turnover { out.append(("turnover", turnover)) }
        if let t = trades {
            out += [("trades", Double(t.count)), ("win_rate", t.winRate), ("profit_factor", t.profitFactor),
                    ("expectancy", t.expectancy), ("avg_win", t.averageWin), ("avg_loss", t.averageLoss),
                    ("best_trade", t.bestTrade), ("worst_trade", t.worstTrade), ("sqn", t.sqn)]
        }
        return out
    }
}
