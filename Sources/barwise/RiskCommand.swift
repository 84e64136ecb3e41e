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
            Returns are simple daily returns of adjusted closes on the dates where every symbol has a \
            close. Losses are positive fractions. Methods: parametric (normal; --zero-mean drops the \
            mean), historical (numpy's linear percentile; horizons use overlapping h-day sums), \
            montecarlo (correlated normal draws, --paths, --seed). Weights default to equal.

            Examples:
              barwise risk --symbols AAPL,AMZN,XOM --confidence 0.95,0.99
              barwise risk --symbols AAPL,XOM --weights 0.7,0.3 --method montecarlo --horizon 10 --json
            """
    )

    @OptionGroup var panel: PanelOptions

    @Option(help: ArgumentHelp("Comma-separated weights summing to 1, one per symbol (default: equal).", valueName: "w1,w2,..."))
    var weights: String?

    @Option(help: ArgumentHelp("Comma-separated confidence levels.", valueName: "c1,c2"))
    var confidence = "0.95,0.99"

    @Option(help: "parametric, historical or montecarlo.")
    var method = "historical"

    @Option(help: ArgumentHelp("Horizon in trading days.", valueName: "days"))
    var horizon = 1

    @Option(help: "Monte Carlo paths.")
    var paths = 100_000

    @Option(help: "Monte Carlo random seed.")
    var seed: UInt64 = 42

    @Flag(help: "Parametric VaR without the mean return.")
    var zeroMean = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Also write risk.json and contributions.csv into this folder.", valueName: "dir"))
    var out: String?

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if PortfolioVaR.Method(rawValue: method) == nil { throw ValidationError("--method must be parametric, historical or montecarlo, got '\(method)'") }
        if horizon < 1 { throw ValidationError("--horizon must be at least 1 day") }
        if paths < 100 { throw ValidationError("--paths must be at least 100") }
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
        } catch { throw CommandFailure.exit(error) }

        let first = estimates[0]
        var contributions: [String: Any] = [:]
        for (i, s) in symbols.enumerated() { contributions[s] = JSONOutput.number(first.contributions[i] / first.valueAtRisk) }
        var object: [String: Any] = [
            "method": chosen.rawValue, "horizon": horizon, "symbols": symbols,
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
            do {
                try OutputDirectory.write(["risk.json": try JSONOutput.data(object), "contributions.csv": Data(csv.utf8)], to: out)
            } catch { throw CommandFailure.exit(error) }
        }
        if json { try JSONOutput.print(object); return }

        print("\(symbols.count) symbols, \(data.count) daily returns \(DateText.day(data.timestamps.first!)) to \(DateText.day(data.timestamps.last!)); "
              + "method \(chosen.rawValue), horizon \(horizon) day\(horizon == 1 ? "" : "s"); losses as positive percentages")
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
    }

    /// "0.95" for 0.95: the confidence as a JSON object key.
    func key(for c: Double) -> String {
        var s = String(format: "%.6f", c)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
