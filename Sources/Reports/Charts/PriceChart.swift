import MarketData

/// A symbol's closes with its trades marked: entries as triangles (up for long, down for short),
/// exits as circles, each with a `<title>`. At most `maxMarkedTrades` trades are marked (the
/// first and last halves) so a run with thousands of trades stays small; the title says so.
public struct PriceChart: Sendable {
    public var series: PriceTable.Series
    public var trades: [TradeRecord]
    public var maxMarkedTrades = 600
    public var frame = ChartFrame(width: 960, height: 280)

    public init(series: PriceTable.Series, trades: [TradeRecord]) {
        self.series = series
        self.trades = trades
    }

    public func svg(id: String) -> String {
        let marked = trades.count > maxMarkedTrades ? Array(trades.prefix(maxMarkedTrades / 2) + trades.suffix(maxMarkedTrades / 2)) : trades
        let note = trades.count > maxMarkedTrades ? " (first and last \(maxMarkedTrades / 2) of \(trades.count) trades marked)" : ""
        var out = frame.open(id: id, title: "\(series.symbol) close with entries and exits\(note)")
        let finite = series.closes.filter(\.isFinite)
        guard let t0 = series.timestamps.first, let t1 = series.timestamps.last, let lo = finite.min(), let hi = finite.max() else { return out + frame.close }
        let xScale = TimeScale(domain: (t0, t1), range: (frame.plotLeft, frame.plotRight))
        let xs = series.timestamps.map { xScale($0) }
        let (y, ticks) = LinearScale(domain: (lo, hi), range: (frame.plotBottom, frame.plotTop)).niced(count: 6)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        out += frame.yAxis(ticks: ticks, y: { y($0) }) { NumberText.tick($0, step: step) }
        let keep = Downsample.minMax(xs: xs, ys: series.closes)
        out += "<path class=\"line price\" d=\"\(SVGPath.line(xs: keep.map { xs[$0] }, ys: keep.map { y(series.closes[$0]) }))\"/>"
        out += frame.timeAxis(xScale)
        out += frame.hoverBands(xs: xs) { "\(CivilTime.isoDate(series.timestamps[$0])): \(NumberText.grouped(series.closes[$0], 2))" }
        out += "<g class=\"marks\">"
        let symbol = Escape.html(series.symbol)
        for trade in marked {
            let ex = SVGPath.coordinate(xScale(trade.entryTime)), ey = y(trade.entryPrice)
            let points = trade.isLong
                ? "\(ex),\(SVGPath.coordinate(ey + 1)) \(SVGPath.coordinate(xScale(trade.entryTime) - 5)),\(SVGPath.coordinate(ey + 10)) \(SVGPath.coordinate(xScale(trade.entryTime) + 5)),\(SVGPath.coordinate(ey + 10))"
                : "\(ex),\(SVGPath.coordinate(ey - 1)) \(SVGPath.coordinate(xScale(trade.entryTime) - 5)),\(SVGPath.coordinate(ey - 10)) \(SVGPath.coordinate(xScale(trade.entryTime) + 5)),\(SVGPath.coordinate(ey - 10))"
            out += "<polygon class=\"entry \(trade.isLong ? "long" : "short")\" points=\"\(points)\"><title>\(symbol) \(Escape.html(trade.side)) entry \(CivilTime.isoDate(trade.entryTime)) at \(NumberText.grouped(trade.entryPrice, 2))</title></polygon>"
            if let exitTime = trade.exitTime, let exitPrice = trade.exitPrice {
                out += "<circle class=\"exit \(trade.pnl >= 0 ? "gain" : "loss")\" cx=\"\(SVGPath.coordinate(xScale(exitTime)))\" cy=\"\(SVGPath.coordinate(y(exitPrice)))\" r=\"3.5\"><title>\(symbol) exit \(CivilTime.isoDate(exitTime)) at \(NumberText.grouped(exitPrice, 2)), P&amp;L \(NumberText.grouped(trade.pnl, 2)) (\(NumberText.percent(trade.returnFraction)))</title></circle>"
            }
        }
        return out + "</g>" + frame.close
    }
}
