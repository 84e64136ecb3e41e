import MarketData

/// Equity against buy-and-hold, drawn twice (linear and log10 y axis) in one SVG; the page's
/// log-scale toggle shows one group or the other (`.scale-log` hidden unless the figure has
/// class `log`). Lines are min/max downsampled per pixel column; hover bands show both values.
public struct EquityChart: Sendable {
    public var timestamps: [Int64]
    public var equity: [Double]
    public var benchmark: [Double]?
    public var benchmarkName: String
    public var frame = ChartFrame(width: 960, height: 320)

    public init(timestamps: [Int64], equity: [Double], benchmark: [Double]?, benchmarkName: String = "Buy & hold") {
        self.timestamps = timestamps
        self.equity = equity
        self.benchmark = benchmark
        self.benchmarkName = benchmarkName
    }

    public func svg(id: String = "equity-chart") -> String {
        guard let t0 = timestamps.first, let t1 = timestamps.last else { return frame.open(id: id, title: "Equity (no data)") + frame.close }
        let xScale = TimeScale(domain: (t0, t1), range: (frame.plotLeft, frame.plotRight))
        let xs = timestamps.map { xScale($0) }
        var lo = Double.infinity, hi = -Double.infinity
        for series in [equity, benchmark ?? []] { for v in series where v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
        if lo > hi { (lo, hi) = (0, 1) }
        // Min/max per pixel column is the same set of points under any increasing y map, so the
        // downsampling is done once for both the linear and the log drawing.
        let keepEquity = Downsample.minMax(xs: xs, ys: equity)
        let keepBenchmark = benchmark.map { Downsample.minMax(xs: xs, ys: $0) } ?? []
        var out = frame.open(id: id, title: "Equity" + (benchmark != nil ? " vs \(benchmarkName)" : ""))
        // Linear.
        let (linear, linearTicks) = LinearScale(domain: (lo, hi), range: (frame.plotBottom, frame.plotTop)).niced()
        let step = linearTicks.count > 1 ? linearTicks[1] - linearTicks[0] : 1
        out += "<g class=\"scale-linear\">"
        out += frame.yAxis(ticks: linearTicks, y: { linear($0) }) { NumberText.tick($0, step: step) }
        out += lines(xs: xs, keepEquity, keepBenchmark) { linear($0) }
        out += "</g>"
        // Log.
        let log = LogScale(domain: (max(lo, 1e-9), hi), range: (frame.plotBottom, frame.plotTop))
        out += "<g class=\"scale-log\">"
        let logTicks = log.ticks()
        out += frame.yAxis(ticks: logTicks, y: { log($0) }) { NumberText.grouped($0, $0 < 10 ? 2 : 0) }
        out += lines(xs: xs, keepEquity, keepBenchmark) { log($0) }
        out += "</g>"
        out += frame.timeAxis(xScale)
        out += legend()
        out += frame.hoverBands(xs: xs) { i in
            var s = "\(CivilTime.isoDate(timestamps[i])): equity \(NumberText.grouped(equity[i], 2))"
            if let b = benchmark { s += ", \(benchmarkName) \(NumberText.grouped(b[i], 2))" }
            return s
        }
        return out + frame.close
    }

    private func lines(xs: [Double], _ keepEquity: [Int], _ keepBenchmark: [Int], y: (Double) -> Double) -> String {
        var out = ""
        if let benchmark {
            let keep = keepBenchmark
            out += "<path class=\"line benchmark\" d=\"\(SVGPath.line(xs: keep.map { xs[$0] }, ys: keep.map { y(benchmark[$0]) }))\"/>"
        }
        let keep = keepEquity
        out += "<path class=\"line equity\" d=\"\(SVGPath.line(xs: keep.map { xs[$0] }, ys: keep.map { y(equity[$0]) }))\"/>"
        return out
    }

    private func legend() -> String {
        let x = frame.plotLeft + 10, y = frame.plotTop + 14
        var out = "<g class=\"legend\"><line class=\"line equity\" x1=\"\(x)\" x2=\"\(x + 18)\" y1=\"\(y - 4)\" y2=\"\(y - 4)\"/><text x=\"\(x + 24)\" y=\"\(y)\">Strategy</text>"
        if benchmark != nil {
            out += "<line class=\"line benchmark\" x1=\"\(x + 100)\" x2=\"\(x + 118)\" y1=\"\(y - 4)\" y2=\"\(y - 4)\"/><text x=\"\(x + 124)\" y=\"\(y)\">\(Escape.html(benchmarkName))</text>"
        }
        return out + "</g>"
    }
}
