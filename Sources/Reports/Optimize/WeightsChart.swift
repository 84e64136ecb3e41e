/// Portfolio weights as horizontal bars around zero, one row per symbol, largest first
/// (longs green, shorts red), the weight printed beside each bar.
public struct WeightsChart: Sendable {
    public var weights: [OptimizeResult.Weight]

    public init(weights: [OptimizeResult.Weight]) { self.weights = weights }

    public func svg(id: String = "weights-chart") -> String {
        let sorted = weights.sorted { abs($0.weight) > abs($1.weight) }
        let rowH = 22.0
        var frame = ChartFrame(width: 960, height: 30 + rowH * Double(max(1, sorted.count)) + 26)
        frame.left = 110
        var out = frame.open(id: id, title: "Portfolio weights")
        let values = sorted.map(\.weight).filter(\.isFinite)
        let (x, ticks) = LinearScale(domain: (min(0, values.min() ?? 0), max(0, values.max() ?? 1)), range: (frame.plotLeft, frame.plotRight - 50)).niced(count: 6)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 0.1
        out += "<g class=\"axis x\">"
        for t in ticks {
            let px = SVGPath.coordinate(x(t))
            out += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(SVGPath.coordinate(frame.plotTop))\" y2=\"\(SVGPath.coordinate(frame.plotBottom))\"/>"
            out += "<text x=\"\(px)\" y=\"\(SVGPath.coordinate(frame.plotBottom + 16))\" text-anchor=\"middle\">\(NumberText.tick(t, step: step, percent: true))</text>"
        }
        out += "</g><g class=\"bars\">"
        for (i, w) in sorted.enumerated() where w.weight.isFinite {
            let y = frame.plotTop + 8 + rowH * Double(i)
            let x0 = min(x(0), x(w.weight)), width = max(0.5, abs(x(w.weight) - x(0)))
            let symbol = Escape.html(w.symbol)
            out += "<text class=\"head\" x=\"\(SVGPath.coordinate(frame.plotLeft - 8))\" y=\"\(SVGPath.coordinate(y + rowH / 2 - 2))\" dy=\"0.32em\" text-anchor=\"end\">\(symbol)</text>"
            out += "<rect class=\"weight \(w.weight >= 0 ? "gain" : "loss")\" x=\"\(SVGPath.coordinate(x0))\" y=\"\(SVGPath.coordinate(y))\" width=\"\(SVGPath.coordinate(width))\" height=\"\(rowH - 6)\"><title>\(symbol): \(NumberText.percent(w.weight))</title></rect>"
            out += "<text class=\"value\" x=\"\(SVGPath.coordinate(x0 + width + 4))\" y=\"\(SVGPath.coordinate(y + rowH / 2 - 2))\" dy=\"0.32em\">\(NumberText.percent(w.weight))</text>"
        }
        return out + "</g>" + frame.close
    }
}
