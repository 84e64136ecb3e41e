import Analytics
import Testing

/// Every return metric against empyrical / quantstats / numpy on the reference series
/// (Tests/Fixtures/reference/metrics), to 1e-10 relative.
@Suite struct ReturnMetricsReferenceTests {
    static let tolerance = 1e-10

    func check(_ name: String, _ got: Double, _ want: Double?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let want else { Issue.record("missing reference \(name)", sourceLocation: sourceLocation); return }
        let e = ReferenceFixtures.relativeError(got, want)
        #expect(e <= Self.tolerance, "\(name): got \(got), want \(want), rel \(e)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["smacross", "buyhold"])
    func empyricalMetricsMatchOnTheReferenceSeries(series: String) throws {
        let data = try ReferenceFixtures.returns()
        let r = series == "smacross" ? data.smacross : data.buyhold
        let b = data.sp500
        let emp = try ReferenceFixtures.metrics(series, "empyrical")
        check("annual_return", ReturnMetrics.annualReturn(r), emp["annual_return"])
        check("cagr", ReturnMetrics.annualReturn(r), emp["cagr"])
        check("annual_volatility", ReturnMetrics.annualVolatility(r), emp["annual_volatility"])
        check("sharpe", ReturnMetrics.sharpe(r), emp["sharpe"])
        check("sortino", ReturnMetrics.sortino(r), emp["sortino"])
        check("downside_risk", ReturnMetrics.downsideRisk(r), emp["downside_risk"])
        check("calmar", ReturnMetrics.calmar(r), emp["calmar"])
        check("max_drawdown", ReturnMetrics.maxDrawdown(r), emp["max_drawdown"])
        check("omega", ReturnMetrics.omega(r), emp["omega"])
        check("stability", ReturnMetrics.stability(r), emp["stability"])
        check("tail_ratio", ReturnMetrics.tailRatio(r), emp["tail_ratio"])
        check("var_95_historical", ReturnMetrics.historicalVaR(r), emp["var_95_historical"])
        check("cvar_95_historical_empyrical", ReturnMetrics.historicalCVaR(r), emp["cvar_95_historical_empyrical"])
        check("alpha", ReturnMetrics.alpha(r, benchmark: b), emp["alpha"])
        check("beta", ReturnMetrics.beta(r, benchmark: b), emp["beta"])
        check("sharpe_rf_2pct_annual", ReturnMetrics.sharpe(r, riskFree: 0.02 / 252), emp["sharpe_rf_2pct_annual"])
    }

    @Test(arguments: ["smacross", "buyhold"])
    func quantstatsMetricsMatchOnTheReferenceSeries(series: String) throws {
        let data = try ReferenceFixtures.returns()
        let r = series == "smacross" ? data.smacross : data.buyhold
        let b = data.sp500
        let qs = try ReferenceFixtures.metrics(series, "quantstats")
        check("skew", Statistics.skewness(r), qs["skew"])
        check("kurtosis", Statistics.excessKurtosis(r), qs["kurtosis"])
        check("value_at_risk_parametric_95", ReturnMetrics.parametricVaR(r), qs["value_at_risk_parametric_95"])
        check("cvar_parametric_95", ReturnMetrics.parametricCVaR(r), qs["cvar_parametric_95"])
        check("greeks_alpha", ReturnMetrics.arithmeticAlpha(r, benchmark: b), qs["greeks_alpha"])
        check("greeks_beta", ReturnMetrics.beta(r, benchmark: b), qs["greeks_beta"])
        check("exposure", ReturnMetrics.exposure(r), qs["exposure"])
        check("win_rate", ReturnMetrics.periodWinRate(r), qs["win_rate"])
        let np = try ReferenceFixtures.metrics(series, "numpy_reference")
        check("skew_biased_g1", Statistics.skewness(r, bias: true), np["skew_biased_g1"])
        check("excess_kurtosis_biased_g2", Statistics.excessKurtosis(r, bias: true), np["excess_kurtosis_biased_g2"])
        check("cvar_95_historical_le_quantile", ReturnMetrics.historicalCVaR(r), np["cvar_95_historical_le_quantile"])
    }

    @Test func performanceMetricsFromTheEquityCurveAgreeWithTheReturnFunctions() throws {
        let data = try ReferenceFixtures.returns()
        var equity = [10_000.0]
        for v in data.buyhold { equity.append(equity[equity.count - 1] * (1 + v)) }
        let stamps = [data.timestamps[0] - 86_400] + data.timestamps
        let m = PerformanceMetrics(equity: equity, timestamps: stamps, benchmarkReturns: data.sp500)
        let emp = try ReferenceFixtures.metrics("buyhold", "empyrical")
        #expect(m.periodsPerYear == 252)
        // The returns are rebuilt from a compounded curve, so they carry ~1e-13 relative rounding.
        #expect(ReferenceFixtures.relativeError(m.sharpe, emp["sharpe"]!) < 1e-10)
        #expect(ReferenceFixtures.relativeError(m.maxDrawdown, emp["max_drawdown"]!) < 1e-10)
        #expect(ReferenceFixtures.relativeError(m.beta!, emp["beta"]!) < 1e-10)
        #expect(m.calendar.yearly.count == 10)
        #expect(m.calendar.yearly.first?.year == 2004)
        let dd = m.drawdown.maxEpisode!
        #expect(dd.trough > dd.peak)
        #expect(m.probabilisticSharpe > 0.9 && m.probabilisticSharpe < 1)
        let names = m.namedValues.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.contains("sharpe") && names.contains("beta") && !names.contains("sqn"))
    }
}
