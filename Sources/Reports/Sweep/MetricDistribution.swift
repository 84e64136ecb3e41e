/// How the ranking metric is spread across the whole sweep: a histogram of its values over
/// `bins` equal bins, with a line at the best row. A best far out in the right tail of a wide
/// spread is the picture of overfitting the deflated Sharpe ratio puts a number on.
public struct MetricDistribution: Sendable {
    public var values: [Double]
    public var best: Double
    public var name: String
    public var bins = 24
    public var frame = ChartFrame(width: 960, height: 240)

    public init(values: [Double], best: Double, name: String) {
        self.values = values.filter(\.isFinite)
        self.best = best
        self.name = name
    }

    public func svg(id: String = "metric-distribution") -> String {
        var out = frame.open(id: id, title: "Distribution of \(Escape.html(name)) across \(values.count) runs")
        guard let lo = values.min(), let hi = values.max(), hi > lo else { return out + frame.close }
        let width = (hi - lo) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for v in values { counts[min(bins - 1, Int((v - lo) / width))] += 1 }
        let (x, xTicks) = LinearScale(domain: (lo, hi), range: (frame.plotLeft, frame.plotRight)).niced(count: 9)
        let (y, yTicks) = LinearScale(domain: (0, Double(counts.max() ?? 1)), range: (frame.plotBottom, frame.plotTop)).niced(count: 5)
        let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        out += frame.yAxis(ticks: yTicks, y: { y($0) }) { NumberText.tick($0, step: yStep) }
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 0.1
        out += "<g class=\"axis x\">"
        for t in xTicks {
            out += "<text x=\"\(SVGPath.coordinate(x(t)))\" y=\"\(SVGPath.coordinate(frame.plotBottom + 16))\" text-anchor=\"middle\">\(NumberText.tick(t, step: xStep))</text>"
        }
        out += "</g><g class=\"bars\">"
        for (i, c) in counts.enumerated() where c > 0 {
            let a = lo + width * Double(i), b = a + width
            out += "<rect class=\"bin\" x=\"\(SVGPath.coordinate(x(a)))\" y=\"\(SVGPath.coordinate(y(Double(c))))\" width=\"\(SVGPath.coordinate(max(0.5, x(b) - x(a) - 1)))\" height=\"\(SVGPath.coordinate(y(0) - y(Double(c))))\"><title>\(NumberText.fixed(a, 3)) to \(NumberText.fixed(b, 3)): \(c) runs</title></rect>"
        }
        out += "</g>"
        if best.isFinite {
            let bx = SVGPath.coordinate(x(best))
            out += "<line class=\"var\" x1=\"\(bx)\" x2=\"\(bx)\" y1=\"\(SVGPath.coordinate(frame.plotTop))\" y2=\"\(SVGPath.coordinate(frame.plotBottom))\"><title>best: \(NumberText.fixed(best, 4))</title></line>"
            out += "<text class=\"var-label\" x=\"\(bx)\" dx=\"-4\" y=\"\(SVGPath.coordinate(frame.plotTop + 12))\" text-anchor=\"end\">best \(NumberText.fixed(best, 3))</text>"
        }
        return out + frame.close
    }
}
