import MarketData

/// The underwater chart: drawdown (a negative fraction, see `Drawdown`) as a filled area below
/// zero, min/max downsampled per pixel column, the deepest point labelled.
public struct DrawdownChart: Sendable {
    public var timestamps: [Int64]
    public var drawdown: [Double]
    public var frame = ChartFrame(width: 960, height: 200)

    public init(timestamps: [Int64], drawdown: [Double]) {
        self.timestamps = timestamps
        self.drawdown = drawdown
    }

    public func svg(id: String = "drawdown-chart") -> String {
        guard let t0 = timestamps.first, let t1 = timestamps.last else { return frame.open(id: id, title: "Drawdown (no data)") + frame.close }
        let xScale = TimeScale(domain: (t0, t1), range: (frame.plotLeft, frame.plotRight))
        let xs = timestamps.map { xScale($0) }
        let deepest = drawdown.indices.min { drawdown[$0] < drawdown[$1] } ?? 0
        let lo = min(drawdown[deepest], -0.01)
        let (y, ticks) = LinearScale(domain: (lo, 0), range: (frame.plotBottom, frame.plotTop)).niced(count: 5)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 0.1
        var out = frame.open(id: id, title: "Drawdown (underwater), deepest \(NumberText.percent(drawdown[deepest]))")
        out += frame.yAxis(ticks: ticks, y: { y($0) }) { NumberText.tick($0, step: step, percent: true) }
        let keep = Downsample.minMax(xs: xs, ys: drawdown)
        out += "<path class=\"area drawdown\" d=\"\(SVGPath.area(xs: keep.map { xs[$0] }, ys: keep.map { y(drawdown[$0]) }, baseline: y(0)))\"/>"
        let px = SVGPath.coordinate(xs[deepest]), py = SVGPath.coordinate(y(drawdown[deepest]))
        out += "<circle class=\"mark\" cx=\"\(px)\" cy=\"\(py)\" r=\"3\"><title>\(CivilTime.isoDate(timestamps[deepest])): \(NumberText.percent(drawdown[deepest]))</title></circle>"
        out += frame.timeAxis(xScale)
        out += frame.hoverBands(xs: xs) { "\(CivilTime.isoDate(timestamps[$0])): \(NumberText.percent(drawdown[$0]))" }
        return out + frame.close
    }
}
