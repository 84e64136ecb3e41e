/// The distribution of daily returns: histogram bars, the fitted normal density (same scale as
/// the counts, see `ReturnHistogram`) as a line, and a vertical line at the 95 % historical VaR.
public struct HistogramChart: Sendable {
    public var histogram: ReturnHistogram
    public var frame = ChartFrame(width: 960, height: 260)

    public init(histogram: ReturnHistogram) { self.histogram = histogram }

    public func svg(id: String = "return-histogram") -> String {
        let h = histogram
        var out = frame.open(id: id, title: "Daily returns: histogram, normal fit, 95% VaR \(NumberText.percent(h.var95))")
        guard !h.counts.isEmpty else { return out + frame.close }
        let hiX = h.lower + h.width * Double(h.counts.count)
        let (x, xTicks) = LinearScale(domain: (h.lower, hiX), range: (frame.plotLeft, frame.plotRight)).niced(count: 9)
        let peak = max(Double(h.counts.max() ?? 1), h.expected.max() ?? 1)
        let (y, yTicks) = LinearScale(domain: (0, peak), range: (frame.plotBottom, frame.plotTop)).niced(count: 5)
        let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        out += frame.yAxis(ticks: yTicks, y: { y($0) }) { NumberText.tick($0, step: yStep) }
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 0.01
        out += "<g class=\"axis x\">"
        for t in xTicks {
            out += "<text x=\"\(SVGPath.coordinate(x(t)))\" y=\"\(SVGPath.coordinate(frame.plotBottom + 16))\" text-anchor=\"middle\">\(NumberText.tick(t, step: xStep, percent: true))</text>"
        }
        out += "</g><g class=\"bars\">"
        for (i, c) in h.counts.enumerated() where c > 0 {
            let a = h.lower + h.width * Double(i), b = a + h.width
            let px = x(a), pw = max(0.5, x(b) - x(a) - 1)
            out += "<rect class=\"bin\" x=\"\(SVGPath.coordinate(px))\" y=\"\(SVGPath.coordinate(y(Double(c))))\" width=\"\(SVGPath.coordinate(pw))\" height=\"\(SVGPath.coordinate(y(0) - y(Double(c))))\"><title>\(NumberText.percent(a)) to \(NumberText.percent(b)): \(c) days</title></rect>"
        }
        out += "</g>"
        let centers = (0..<h.counts.count).map { x(h.lower + (Double($0) + 0.5) * h.width) }
        out += "<path class=\"line normal\" d=\"\(SVGPath.line(xs: centers, ys: h.expected.map { y($0) }))\"><title>Normal fit: mean \(NumberText.percent(h.mean, 3)), sd \(NumberText.percent(h.std, 3))</title></path>"
        if h.var95.isFinite {
            let vx = SVGPath.coordinate(x(h.var95))
            out += "<line class=\"var\" x1=\"\(vx)\" x2=\"\(vx)\" y1=\"\(SVGPath.coordinate(frame.plotTop))\" y2=\"\(SVGPath.coordinate(frame.plotBottom))\"><title>95% VaR (historical): \(NumberText.percent(h.var95))</title></line>"
            out += "<text class=\"var-label\" x=\"\(vx)\" dx=\"-4\" y=\"\(SVGPath.coordinate(frame.plotTop + 12))\" text-anchor=\"end\">VaR 95% \(NumberText.percent(h.var95))</text>"
        }
        return out + frame.close
    }
}
