import Analytics
import ArgumentParser
import Foundation
import Risk

/// `barwise risk`: VaR and CVaR of a weighted portfolio of stored symbols.
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Value at risk and expected shortfall (CVaR) of a portfolio, with each symbol's contribution.",
        discussion: """
            Returns are simple returns of adjusted closes at --interval (daily by default; every \
            symbol needs bars at it) on the dates where every symbol has a close. Losses are \
            positive fractions. Methods: parametric (normal; --zero-mean drops the \
            mean), historical (numpy's linear percentile; horizons use overlapping h-day sums), \
            montecarlo (correlated normal draws, --paths, --seed). Weights default to equal.

            Examples:
              barwise risk --symbols AAPL,AMZN,XOM --confidence 0.95,0.99
              barwise risk --symbols AAPL,XOM --weights 0.7,0.3 --method montecarlo --horizon 10 --json
              barwise risk --symbols BTCUSD --interval 1mo
            """
    )

    @OptionGroup var panel: PanelOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Comma-separated weights summing to 1, one per symbol, negative for short (default: equal).", valueName: "w1,w2,..."))
    var weights: String?

    @Option(help: ArgumentHelp("Comma-separated confidence levels.", valueName: "c1,c2"))
    var confidence = "0.95,0.99"

    @Option(help: "parametric, historical or montecarlo.")
    var method = "historical"

    @Option(parsing: .unconditional, help: ArgumentHelp("Horizon in bars of --interval (trading days for daily bars).", valueName: "bars"))
    var horizon = 1

    @Option(parsing: .unconditional, help: "Monte Carlo paths (their memory must stay under 1 GiB).")
    var paths = 100_000

    @Option(parsing: .unconditional, help: "Monte Carlo random seed.")
    var seed: UInt64 = 42

    @Flag(help: "Parametric VaR without the mean return.")
    var zeroMean = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Also write risk.json and contributions.csv into this folder.", valueName: "dir"))
    var out: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if PortfolioVaR.Method(rawValue: method) == nil { throw ValidationError("--method must be parametric, historical or montecarlo, got \(InputEcho.quoted(method))") }
        if horizon < 1 { throw ValidationError("--horizon must be at least 1 bar, got \(horizon)") }
        do { try PortfolioVaR.checkPaths(paths, symbols: max(panel.symbolList.count, 1)) } catch {
            throw ValidationError("--paths: \(error.description)")
        }
        let levels = confidence.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        if levels.isEmpty || levels.contains(where: { $0 == nil || !($0! > 0 && $0! < 1) }) {
            throw ValidationError("--confidence takes levels between 0 and 1, e.g. 0.95,0.99")
        }
        if let weights {
            let w = weights.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if w.contains(where: { $0 == nil || !$0!.isFinite }) { throw ValidationError("--weights takes numbers, e.g. 0.5,0.3,0.2") }
            if w.count != panel.symbolList.count {
                throw ValidationError("--weights has \(w.count) values for \(panel.symbolList.count) symbols")
            }
            let total = w.reduce(0) { $0 + $1! }
            if abs(total - 1) > 1e-6 { throw ValidationError("--weights must sum to 1 (they sum to \(total))") }
        }
    }

    func run() throws {
        let symbols = panel.symbolList
        let levels = confidence.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces))! }
        let w = weights.map { $0.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces))! } }
            ?? [Double](repeating: 1 / Double(symbols.count), count: symbols.count)
        let chosen = PortfolioVaR.Method(rawValue: method)!
        let data: ReturnsPanel
        let estimates: [PortfolioVaR.Estimate]
        do {
            data = try panel.load(storeOptions)
            estimates = try PortfolioVaR.estimate(
                returns: data.returns, weights: w, confidences: levels, method: chosen,
                options: .init(horizon: horizon, includeMean: !zeroMean, paths: paths, seed: seed))
        } catch let error as RiskError {
            // A Cholesky failure only stops Monte Carlo; the historical method needs no factorisation.
            var message = error.description
            if chosen == .monteCarlo, case .singularCovariance = error { message += ", or use --method historical" }
            CommandFailure.printError(message)
            throw CommandFailure.badInput
        } catch { throw CommandFailure.exit(error) }

        let first = estimates[0]
        var contributions: [String: Any] = [:]
        for (i, s) in symbols.enumerated() { contributions[s] = JSONOutput.number(first.contributions[i] / first.valueAtRisk) }
        var object: [String: Any] = [
            "method": chosen.rawValue, "horizon": horizon, "interval": panel.barInterval.description, "symbols": symbols,
            "weights": Dictionary(uniqueKeysWithValues: zip(symbols, w.map(JSONOutput.number))),
            "start": DateText.iso(data.timestamps.first!), "end": DateText.iso(data.timestamps.last!),
            "observations": data.count, "contributions_confidence": first.confidence,
            "var": Dictionary(uniqueKeysWithValues: estimates.map { (key(for: $0.confidence), JSONOutput.number($0.valueAtRisk)) }),
            "cvar": Dictionary(uniqueKeysWithValues: estimates.map { (key(for: $0.confidence), JSONOutput.number($0.conditionalValueAtRisk)) }),
            "contributions": contributions,
        ]
        if chosen == .monteCarlo { object["paths"] = paths; object["seed"] = seed }
        if chosen == .parametric { object["include_mean"] = !zeroMean }

        if let out {
            var csv = "symbol,weight," + estimates.map { "var_contribution_\(key(for: $0.confidence))" }.joined(separator: ",") + "\n"
            for (i, s) in symbols.enumerated() {
                csv += "\(s),\(w[i])," + estimates.map { "\($0.contributions[i])" }.joined(separator: ",") + "\n"
            }
            try OutputDirectory.writing(to: out) {
                try OutputDirectory.write(["risk.json": try JSONOutput.data(object), "contributions.csv": Data(csv.utf8)], to: out)
            }
        }
        if json {
            if let out { object["out"] = out }
            try JSONOutput.print(object)
            return
        }

        let horizonText = panel.barInterval == .daily ? Plural.count(horizon, "day") : "\(Plural.count(horizon, "bar")) of \(panel.barInterval)"
        print("\(Plural.count(symbols.count, "symbol")), \(data.count) \(panel.returnsLabel) returns \(DateText.day(data.timestamps.first!)) to \(DateText.day(data.timestamps.last!)); "
              + "method \(chosen.rawValue), horizon \(horizonText); losses as positive percentages")
        var table = TextTable(["confidence", "VaR", "CVaR"], rightAligned: [1, 2])
        for e in estimates {
            table.append([Percent.text(e.confidence, digits: 1), Percent.text(e.valueAtRisk), Percent.text(e.conditionalValueAtRisk)])
        }
        print(table.render())
        print("")
        var parts = TextTable(["symbol", "weight", "VaR \(Percent.text(first.confidence, digits: 1)) contribution", "share"], rightAligned: [1, 2, 3])
        for (i, s) in symbols.enumerated() {
            parts.append([s, String(format: "%.4f", w[i]), Percent.text(first.contributions[i]),
                          Percent.text(first.contributions[i] / first.valueAtRisk, digits: 1)])
        }
        print(parts.render())
        if let out { print("\nwritten to \(out): risk.json, contributions.csv") }
    }

    /// "0.95" for 0.95: the confidence as a JSON object key.
    func key(for c: Double) -> String {
        var s = String(format: "%.6f", c)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
