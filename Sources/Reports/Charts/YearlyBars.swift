/// Calendar-year returns as vertical bars around zero (gains green, losses red), value labels on
/// the bars; a partial first or last year is the return over the part the run covers.
public struct YearlyBars: Sendable {
    public var years: [PeriodReturns.Year]
    public var frame = ChartFrame(width: 960, height: 240)

    public init(years: [PeriodReturns.Year]) { self.years = years }

    public func svg(id: String = "yearly-returns") -> String {
        var out = frame.open(id: id, title: "Yearly returns")
        guard !years.isEmpty else { return out + frame.close }
        let values = years.map(\.value).filter(\.isFinite)
        let (y, ticks) = LinearScale(domain: (min(0, values.min() ?? 0), max(0, values.max() ?? 0)), range: (frame.plotBottom, frame.plotTop)).niced(count: 5)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 0.1
        out += frame.yAxis(ticks: ticks, y: { y($0) }) { NumberText.tick($0, step: step, percent: true) }
        let slot = frame.plotWidth / Double(years.count)
        let barW = max(1, slot * 0.7)
        let zero = y(0)
        out += "<g class=\"bars\">"
        for (i, year) in years.enumerated() {
            guard year.value.isFinite else { continue }
            let x = frame.plotLeft + slot * Double(i) + (slot - barW) / 2
            let top = min(zero, y(year.value)), h = abs(y(year.value) - zero)
            out += "<g><rect class=\"\(year.value >= 0 ? "gain" : "loss")\" x=\"\(SVGPath.coordinate(x))\" y=\"\(SVGPath.coordinate(top))\" width=\"\(SVGPath.coordinate(barW))\" height=\"\(SVGPath.coordinate(max(h, 0.5)))\"/>"
            out += "<title>\(year.year): \(NumberText.percent(year.value))</title></g>"
            if years.count <= 40 {
                let ly = year.value >= 0 ? top - 4 : top + h + 12
                out += "<text class=\"value\" x=\"\(SVGPath.coordinate(x + barW / 2))\" y=\"\(SVGPath.coordinate(ly))\" text-anchor=\"middle\">\(NumberText.fixed(year.value * 100, 1))%</text>"
            }
            let every = max(1, years.count / 20)
            if i % every == 0 {
                out += "<text class=\"axis-label\" x=\"\(SVGPath.coordinate(x + barW / 2))\" y=\"\(SVGPath.coordinate(frame.plotBottom + 16))\" text-anchor=\"middle\">\(year.year)</text>"
            }
        }
        out += "<line class=\"zero\" x1=\"\(SVGPath.coordinate(frame.plotLeft))\" x2=\"\(SVGPath.coordinate(frame.plotRight))\" y1=\"\(SVGPath.coordinate(zero))\" y2=\"\(SVGPath.coordinate(zero))\"/>"
        return out + "</g>" + frame.close
    }
}
