import MarketData

/// Rolling 6-month (126 daily returns) Sharpe ratio and annualized volatility, two stacked
/// panels sharing the time axis (conventions in `RollingStats`).
public struct RollingChart: Sendable {
    public var timestamps: [Int64]
    public var sharpe: [Double]
    public var volatility: [Double]
    public var frame = ChartFrame(width: 960, height: 180)

    /// `timestamps[i]` is the day of `sharpe[i]` and `volatility[i]`.
    public init(timestamps: [Int64], sharpe: [Double], volatility: [Double]) {
        self.timestamps = timestamps
        self.sharpe = sharpe
        self.volatility = volatility
    }

    public func svg(id: String = "rolling-chart") -> String {
        var out = "<div id=\"\(Escape.html(id))\" class=\"stack\">"
        out += panel(id: id + "-sharpe", title: "Rolling 6-month Sharpe ratio", values: sharpe, percent: false, cssClass: "sharpe")
        out += panel(id: id + "-volatility", title: "Rolling 6-month volatility (annualized)", values: volatility, percent: true, cssClass: "volatility")
        return out + "</div>"
    }

    private func panel(id: String, title: String, values: [Double], percent: Bool, cssClass: String) -> String {
        var out = frame.open(id: id, title: title)
        let finite = values.filter(\.isFinite)
        guard let t0 = timestamps.first, let t1 = timestamps.last, let lo = finite.min(), let hi = finite.max() else {
            return out + "<text x=\"\(frame.width / 2)\" y=\"\(frame.height / 2)\" text-anchor=\"middle\">Too few days for a 126-day window</text>" + frame.close
        }
        let xScale = TimeScale(domain: (t0, t1), range: (frame.plotLeft, frame.plotRight))
        let xs = timestamps.map { xScale($0) }
        let (y, ticks) = LinearScale(domain: (percent ? 0 : min(lo, 0), max(hi, 0)), range: (frame.plotBottom, frame.plotTop)).niced(count: 5)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        out += frame.yAxis(ticks: ticks, y: { y($0) }) { NumberText.tick($0, step: step, percent: percent) }
        if !percent { out += "<line class=\"zero\" x1=\"\(SVGPath.coordinate(frame.plotLeft))\" x2=\"\(SVGPath.coordinate(frame.plotRight))\" y1=\"\(SVGPath.coordinate(y(0)))\" y2=\"\(SVGPath.coordinate(y(0)))\"/>" }
        let keep = Downsample.minMax(xs: xs, ys: values)
        out += "<path class=\"line \(cssClass)\" d=\"\(SVGPath.line(xs: keep.map { xs[$0] }, ys: keep.map { values[$0].isFinite ? y(values[$0]) : .nan }))\"/>"
        out += frame.timeAxis(xScale)
        out += frame.hoverBands(xs: xs) { i in
            "\(CivilTime.isoDate(timestamps[i])): " + (percent ? NumberText.percent(values[i]) : NumberText.fixed(values[i], 2))
        }
        return out + frame.close
    }
}
