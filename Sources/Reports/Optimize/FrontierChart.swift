/// The efficient frontier in (annualized volatility, expected return) space: the frontier as a
/// line, each asset as a labelled dot, the chosen portfolio as a larger marked point.
public struct FrontierChart: Sendable {
    public var frontier: [OptimizeResult.RiskReturn]
    public var assets: [OptimizeResult.RiskReturn]
    public var portfolio: OptimizeResult.RiskReturn
    public var frame = ChartFrame(width: 960, height: 360)

    public init(frontier: [OptimizeResult.RiskReturn], assets: [OptimizeResult.RiskReturn], portfolio: OptimizeResult.RiskReturn) {
        self.frontier = frontier
        self.assets = assets
        self.portfolio = portfolio
    }

    public func svg(id: String = "frontier-chart") -> String {
        var out = frame.open(id: id, title: "Efficient frontier: expected return against volatility")
        let points = (frontier + assets + [portfolio]).filter { $0.volatility.isFinite && $0.expectedReturn.isFinite }
        guard !points.isEmpty else { return out + frame.close }
        let vols = points.map(\.volatility), rets = points.map(\.expectedReturn)
        var f = frame
        f.bottom = 40
        let (x, xTicks) = LinearScale(domain: (min(0, vols.min()!), vols.max()!), range: (f.plotLeft, f.plotRight - 40)).niced(count: 7)
        let (y, yTicks) = LinearScale(domain: (min(0, rets.min()!), rets.max()!), range: (f.plotBottom, f.plotTop)).niced(count: 6)
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 0.1, yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 0.1
        out += f.yAxis(ticks: yTicks, y: { y($0) }) { NumberText.tick($0, step: yStep, percent: true) }
        out += "<g class=\"axis x\">"
        for t in xTicks {
            out += "<text x=\"\(SVGPath.coordinate(x(t)))\" y=\"\(SVGPath.coordinate(f.plotBottom + 16))\" text-anchor=\"middle\">\(NumberText.tick(t, step: xStep, percent: true))</text>"
        }
        out += "<text x=\"\(SVGPath.coordinate((f.plotLeft + f.plotRight) / 2))\" y=\"\(SVGPath.coordinate(f.plotBottom + 34))\" text-anchor=\"middle\">volatility (annualized)</text></g>"
        if !frontier.isEmpty {
            out += "<path class=\"line frontier\" d=\"\(SVGPath.line(xs: frontier.map { x($0.volatility) }, ys: frontier.map { y($0.expectedReturn) }))\"><title>Efficient frontier</title></path>"
        }
        out += "<g class=\"assets\">"
        for a in assets where a.volatility.isFinite && a.expectedReturn.isFinite {
            let label = Escape.html(a.label)
            out += "<g><circle class=\"asset\" cx=\"\(SVGPath.coordinate(x(a.volatility)))\" cy=\"\(SVGPath.coordinate(y(a.expectedReturn)))\" r=\"4\"/><text x=\"\(SVGPath.coordinate(x(a.volatility) + 6))\" y=\"\(SVGPath.coordinate(y(a.expectedReturn)))\" dy=\"0.32em\">\(label)</text><title>\(label): return \(NumberText.percent(a.expectedReturn)), volatility \(NumberText.percent(a.volatility))</title></g>"
        }
        let px = SVGPath.coordinate(x(portfolio.volatility)), py = SVGPath.coordinate(y(portfolio.expectedReturn))
        out += "</g><g class=\"portfolio\"><circle class=\"chosen\" cx=\"\(px)\" cy=\"\(py)\" r=\"7\"/><title>Portfolio: return \(NumberText.percent(portfolio.expectedReturn)), volatility \(NumberText.percent(portfolio.volatility))</title></g>"
        return out + frame.close
    }
}
