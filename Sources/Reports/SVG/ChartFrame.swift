/// The layout every chart shares: an SVG canvas with margins around a plot area, y gridlines
/// with labels on the left, time ticks below, hover bands carrying `<title>` tooltips.
public struct ChartFrame: Sendable {
    public var width: Double
    public var height: Double
    public var left: Double = 70
    public var right: Double = 16
    public var top: Double = 12
    public var bottom: Double = 26

    public init(width: Double = 960, height: Double = 300) {
        self.width = width
        self.height = height
    }

    public var plotLeft: Double { left }
    public var plotRight: Double { width - right }
    public var plotTop: Double { top }
    public var plotBottom: Double { height - bottom }
    public var plotWidth: Double { plotRight - plotLeft }

    /// `<svg>` start with an accessible title; `id` and `title` are escaped.
    public func open(id: String, title: String) -> String {
        "<svg id=\"\(Escape.html(id))\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(Escape.html(title))\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(Escape.html(title))</title>"
    }

    public let close = "</svg>"

    /// Horizontal gridlines at `ticks` with their labels.
    public func yAxis(ticks: [Double], y: (Double) -> Double, label: (Double) -> String) -> String {
        var out = "<g class=\"axis y\">"
        for t in ticks {
            let py = SVGPath.coordinate(y(t))
            out += "<line x1=\"\(SVGPath.coordinate(plotLeft))\" x2=\"\(SVGPath.coordinate(plotRight))\" y1=\"\(py)\" y2=\"\(py)\"/>"
            out += "<text x=\"\(SVGPath.coordinate(plotLeft - 6))\" y=\"\(py)\" dy=\"0.32em\" text-anchor=\"end\">\(Escape.html(label(t)))</text>"
        }
        return out + "</g>"
    }

    /// Calendar ticks along the bottom edge.
    public func timeAxis(_ scale: TimeScale, count: Int = 9) -> String {
        var out = "<g class=\"axis x\"><line x1=\"\(SVGPath.coordinate(plotLeft))\" x2=\"\(SVGPath.coordinate(plotRight))\" y1=\"\(SVGPath.coordinate(plotBottom))\" y2=\"\(SVGPath.coordinate(plotBottom))\"/>"
        for tick in scale.ticks(count: count) {
            let px = SVGPath.coordinate(scale(tick.time))
            out += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(SVGPath.coordinate(plotBottom))\" y2=\"\(SVGPath.coordinate(plotBottom + 4))\"/>"
            out += "<text x=\"\(px)\" y=\"\(SVGPath.coordinate(plotBottom + 16))\" text-anchor=\"middle\">\(Escape.html(tick.label))</text>"
        }
        return out + "</g>"
    }

    /// Up to `bands` transparent vertical strips over the plot, each with a `<title>` describing
    /// the last point inside it (`text(index)`, escaped), so hovering anywhere shows a value.
    /// `xs` are the points' pixel positions, non-decreasing.
    public func hoverBands(xs: [Double], bands: Int = 120, text: (Int) -> String) -> String {
        guard !xs.isEmpty else { return "" }
        let w = plotWidth / Double(bands)
        var out = "<g class=\"hover\">"
        var i = 0
        for b in 0..<bands {
            let x0 = plotLeft + Double(b) * w, x1 = x0 + w
            var last = -1
            while i < xs.count, xs[i] < x1 || (b == bands - 1) {
                if xs[i] >= x0 - 1e-9 || b == 0 { last = i }
                i += 1
            }
            guard last >= 0 else { continue }
            out += "<rect x=\"\(SVGPath.coordinate(x0))\" y=\"\(SVGPath.coordinate(plotTop))\" width=\"\(SVGPath.coordinate(w))\" height=\"\(SVGPath.coordinate(plotBottom - plotTop))\"><title>\(Escape.html(text(last)))</title></rect>"
        }
        return out + "</g>"
    }
}
