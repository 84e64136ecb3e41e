import Analytics
import ArgumentParser
import Foundation
import Reports
import Risk

/// `barwise optimize`: portfolio weights for an objective over stored symbols.
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Optimal portfolio weights: min-variance, max-Sharpe, efficient return or risk, risk parity, HRP.",
        discussion: """
            Inputs follow PyPortfolioOpt: expected returns are geometric annual means of daily simple \
            returns (prod(1+r)^(N/n) - 1, N = 252 for business days, 365 with weekends, 52 weekly, 12 monthly: \
            the run summary's rule), the covariance is the annualised sample (ddof 1), \
            Ledoit-Wolf or exponentially weighted (--cov ewma --half-life H) matrix, on the dates where every symbol has a close (--pairwise: pairwise-complete \
            covariance repaired to PSD). Without --long-only, weights may be negative. Long-only and \
            bounded problems are solved exactly by an active-set QP.

            Objectives: min-variance, max-sharpe, efficient-return=R (annual return, e.g. 0.2), \
            efficient-risk=V (annual volatility), risk-parity (equal risk contributions), hrp \
            (hierarchical risk parity, single linkage).

            Examples:
              barwise optimize --symbols AAPL,AMZN,XOM,PFE --objective min-variance --long-only
              barwise optimize --symbols AAPL,AMZN,XOM,PFE --objective max-sharpe --long-only --risk-free 0.02 --json
              barwise optimize --symbols AAPL,AMZN,XOM,PFE --objective efficient-return=0.25 --long-only --frontier 10
              barwise optimize --symbols AAPL,AMZN,XOM,PFE --objective min-variance --cov ewma --half-life 21
            """
    )

    @OptionGroup var panel: PanelOptions

    @Option(help: ArgumentHelp("min-variance, max-sharpe, efficient-return=R, efficient-risk=V, risk-parity or hrp.", valueName: "objective"))
    var objective: String

    @Flag(help: "No short positions (weights in [0, 1]).")
    var longOnly = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Largest weight of any symbol.", valueName: "W"))
    var maxWeight: Double?

    @Option(help: "Covariance estimator: sample, ledoit-wolf or ewma (see --half-life).")
    var cov = "sample"

    @Option(parsing: .unconditional, help: ArgumentHelp("Half-life in periods of the ewma covariance (63 ≈ a quarter of trading days).", valueName: "H"))
    var halfLife = 63.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Annual risk-free rate for the Sharpe ratio (may be negative).", valueName: "R"))
    var riskFree = 0.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Also compute N points of the efficient frontier (at most \(OptimizeCommand.maxFrontier)).", valueName: "N"))
    var frontier: Int?

    @Flag(help: "Pairwise-complete covariance (PSD-repaired) instead of complete rows.")
    var pairwise = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Also write optimize.json, weights.csv, frontier.csv and an HTML page (index.html) into this folder.", valueName: "dir"))
    var out: String?

    @OptionGroup var storeOptions: StoreOptions

    enum Objective: Equatable {
        case minVariance, maxSharpe, efficientReturn(Double), efficientRisk(Double), riskParity, hrp

        init?(_ text: String) {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            switch (parts[0], parts.count == 2 ? Double(parts[1]) : nil) {
            case ("min-variance", nil) where parts.count == 1: self = .minVariance
            case ("max-sharpe", nil) where parts.count == 1: self = .maxSharpe
            case ("risk-parity", nil) where parts.count == 1: self = .riskParity
            case ("hrp", nil) where parts.count == 1: self = .hrp
            case let ("efficient-return", r?) where r.isFinite: self = .efficientReturn(r)
            case let ("efficient-risk", v?) where v > 0 && v.isFinite: self = .efficientRisk(v)
            default: return nil
            }
        }
    }

    func validate() throws {
        if Objective(objective) == nil {
            throw ValidationError("--objective must be min-variance, max-sharpe, efficient-return=R, efficient-risk=V, risk-parity or hrp, got \(InputEcho.quoted(objective))")
        }
        if !["sample", "ledoit-wolf", "ewma"].contains(cov) { throw ValidationError("--cov must be sample, ledoit-wolf or ewma, got \(InputEcho.quoted(cov))") }
        if !(halfLife > 0 && halfLife.isFinite) { throw ValidationError("--half-life must be a positive number of periods, got \(halfLife)") }
        if let maxWeight, !(maxWeight > 0 && maxWeight <= 1) { throw ValidationError("--max-weight must be in (0, 1], got \(maxWeight)") }
        if let frontier, frontier < 2 || frontier > Self.maxFrontier {
            throw ValidationError("--frontier takes 2 to \(Self.maxFrontier) points, got \(frontier)")
        }
        if !riskFree.isFinite { throw ValidationError("--risk-free must be a number") }
    }

    /// What the HTML page of `--out` shows: weights, the frontier with each asset's own risk and
    /// return, and the correlation matrix derived from the covariance used.
    private func htmlResult(symbols: [String], weights w: [Double], perf: (expectedReturn: Double, volatility: Double, sharpe: Double),
                            mu: [Double], covariance s: Matrix, frontier: [(Double, Double)]) -> OptimizeResult {
        let sd = symbols.indices.map { s[$0, $0].squareRoot() }
        let correlation = symbols.indices.map { i in symbols.indices.map { j in s[i, j] / (sd[i] * sd[j]) } }
        return OptimizeResult(
            objective: objective, weights: zip(symbols, w).map { OptimizeResult.Weight(symbol: $0, weight: $1) },
            expectedReturn: perf.expectedReturn, volatility: perf.volatility, sharpe: perf.sharpe,
            frontier: frontier.map { OptimizeResult.RiskReturn(volatility: $0.0, expectedReturn: $0.1) },
            assets: symbols.indices.map { OptimizeResult.RiskReturn(label: symbols[$0], volatility: sd[$0], expectedReturn: mu[$0]) },
            correlationSymbols: symbols, correlation: correlation)
    }

    func run() throws {
        let goal = Objective(objective)!
        let symbols = panel.symbolList
        let bounds = Optimizer.Bounds(longOnly: longOnly, maxWeight: maxWeight)
        let data: ReturnsPanel
        let mu: [Double], s: Matrix, w: [Double], periods: Double
        var points: [(target: Double, weights: [Double])] = []
        do {
            data = try panel.load(storeOptions, alignment: pairwise ? .pairwiseComplete : .completeRows)
            // The estimates and the shared objectives are those of allocation strategies
            // (`AllocationWeights`), so `barwise run` rebalances to exactly these weights.
            let estimator: AllocationWeights.CovarianceEstimator = cov == "sample" ? .sample : cov == "ledoit-wolf" ? .ledoitWolf : .ewma(halfLife: halfLife)
            let inputs = try AllocationWeights.inputs(data, covariance: estimator)
            periods = inputs.periodsPerYear
            mu = inputs.expectedReturns
            s = inputs.covariance
            switch goal {
            case .minVariance: w = try AllocationWeights.weights(.minVariance, inputs: inputs, bounds: bounds)
            case .maxSharpe: w = try AllocationWeights.weights(.maxSharpe, inputs: inputs, riskFree: riskFree, bounds: bounds)
            case let .efficientReturn(r): w = try Optimizer.efficientReturn(expectedReturns: mu, covariance: s, target: r, bounds: bounds)
            case let .efficientRisk(v): w = try Optimizer.efficientRisk(expectedReturns: mu, covariance: s, targetVolatility: v, bounds: bounds)
            case .riskParity: w = try AllocationWeights.weights(.riskParity, inputs: inputs)
            case .hrp where pairwise:
                // PyPortfolioOpt's HRPOpt: pandas' pairwise cov() and corr(), no PSD repair.
                w = try HierarchicalRiskParity.weights(covariance: try Covariance.pairwise(data.returns),
                                                       correlation: Covariance.pairwiseCorrelation(data.returns)).weights
            case .hrp: w = try AllocationWeights.weights(.hrp, inputs: inputs)
            }
            if let frontier { points = try Optimizer.frontier(expectedReturns: mu, covariance: s, count: frontier, bounds: bounds) }
        } catch let error as RiskError {
            var message = error.description
            if cov == "sample", case .singularCovariance = error { message += ", or use --cov ledoit-wolf" }
            CommandFailure.printError(message)
            throw CommandFailure.badInput
        } catch { throw CommandFailure.exit(error) }

        let perf = Optimizer.performance(weights: w, expectedReturns: mu, covariance: s, riskFree: riskFree)
        var object: [String: Any] = [
            "objective": objective, "symbols": symbols, "long_only": longOnly, "cov": cov, "half_life": cov == "ewma" ? halfLife as Any : NSNull(), "risk_free": riskFree,
            "weights": Dictionary(uniqueKeysWithValues: zip(symbols, w.map(JSONOutput.number))),
            "expected_return": JSONOutput.number(perf.expectedReturn), "volatility": JSONOutput.number(perf.volatility),
            "sharpe": JSONOutput.number(perf.sharpe), "periods_per_year": periods,
            "start": DateText.iso(data.timestamps.first!), "end": DateText.iso(data.timestamps.last!), "observations": data.count,
        ]
        if let maxWeight { object["max_weight"] = maxWeight }
        let frontierRows = points.map { p -> (Double, Double, Double, [Double]) in
            let q = Optimizer.performance(weights: p.weights, expectedReturns: mu, covariance: s, riskFree: riskFree)
            return (q.expectedReturn, q.volatility, q.sharpe, p.weights)
        }
        if !points.isEmpty {
            object["frontier"] = frontierRows.map { r in
                ["expected_return": JSONOutput.number(r.0), "volatility": JSONOutput.number(r.1), "sharpe": JSONOutput.number(r.2),
                 "weights": Dictionary(uniqueKeysWithValues: zip(symbols, r.3.map(JSONOutput.number)))] as [String: Any]
            }
        }
        if let out {
            var files: [String: Data] = ["optimize.json": try JSONOutput.data(object)]
            var csv = "symbol,weight\n"
            for (i, sym) in symbols.enumerated() { csv += "\(sym),\(w[i])\n" }
            files["weights.csv"] = Data(csv.utf8)
            if !points.isEmpty {
                var f = "expected_return,volatility,sharpe," + symbols.joined(separator: ",") + "\n"
                for r in frontierRows { f += "\(r.0),\(r.1),\(r.2)," + r.3.map { "\($0)" }.joined(separator: ",") + "\n" }
                files["frontier.csv"] = Data(f.utf8)
            }
            try OutputDirectory.writing(to: out) {
                try OutputDirectory.write(files, to: out)
                try OptimizeReport.write(htmlResult(symbols: symbols, weights: w, perf: perf, mu: mu, covariance: s,
                                                    frontier: frontierRows.map { ($0.1, $0.0) }), folder: out)
            }
        }
        if json {
            if let out { object["out"] = out }
            try JSONOutput.print(object)
            return
        }

        print("\(objective)\(longOnly ? ", long-only" : "")\(maxWeight.map { ", max weight \($0)" } ?? ""), \(cov) covariance; "
              + "\(data.count) returns \(DateText.day(data.timestamps.first!)) to \(DateText.day(data.timestamps.last!))")
        var table = TextTable(["symbol", "weight"], rightAligned: [1])
        for i in w.indices.sorted(by: { w[$0] > w[$1] }) { table.append([symbols[i], String(format: "%.6f", w[i])]) }
        print(table.render())
        print("")
        print("expected return \(Percent.text(perf.expectedReturn, digits: 2))   volatility \(Percent.text(perf.volatility, digits: 2))   "
              + "Sharpe \(String(format: "%.4f", perf.sharpe)) (risk-free \(riskFree))")
        if !frontierRows.isEmpty {
            print("")
            var f = TextTable(["point", "return", "volatility", "sharpe"], rightAligned: [0, 1, 2, 3])
            for (k, r) in frontierRows.enumerated() {
                f.append([String(k + 1), Percent.text(r.0, digits: 2), Percent.text(r.1, digits: 2), String(format: "%.4f", r.2)])
            }
            print(f.render())
        }
        if let out {
            let files = ["optimize.json", "weights.csv"] + (points.isEmpty ? [] : ["frontier.csv"]) + ["index.html"]
            print("\nwritten to \(out): \(files.joined(separator: ", "))")
        }
    }

    /// The most frontier points computed (each is a quadratic program).
    static let maxFrontier = 1_000
}