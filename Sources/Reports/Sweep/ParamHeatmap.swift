/// The ranking metric over two swept params, the others held at the best row's values: one
/// cell per (x, y) pair, green for the better half of the range and red for the worse (a
/// diverging scale centred on the median), the value in each cell when the grid is small,
/// blank where no run exists (e.g. excluded by `--where`).
public struct ParamHeatmap: Sendable {
    public var table: SweepTable
    public var x: Int
    public var y: Int

    public init(table: SweepTable, x: Int, y: Int) {
        self.table = table
        self.x = x
        self.y = y
    }

    public func svg(id: String = "param-heatmap") -> String {
        let t = table
        guard let best = t.rows.first else { return "" }
        // Rows of the best symbol with every other param at its best value.
        let slice = t.rows.filter { r in
            r.symbol == best.symbol && r.params.indices.allSatisfy { $0 == x || $0 == y || r.params[$0] == best.params[$0] }
        }
        let xs = Array(Set(slice.map { $0.params[x] })).sorted(), ys = Array(Set(slice.map { $0.params[y] })).sorted()
        var value: [String: Double] = [:]
        for r in slice { value["\(r.params[x]),\(r.params[y])"] = r.metrics[t.rank] }
        let finite = value.values.filter(\.isFinite).sorted()
        let lo = finite.first ?? 0, hi = finite.last ?? 1, mid = finite.isEmpty ? 0 : finite[finite.count / 2]
        let cell = min(44.0, max(10, 640 / Double(max(xs.count, ys.count, 1))))
        let left = 70.0, top = 20.0
        var frame = ChartFrame(width: left + cell * Double(xs.count) + 20, height: top + cell * Double(ys.count) + 50)
        frame.left = left
        let names = t.paramNames.map(Escape.html)
        var out = frame.open(id: id, title: "\(Escape.html(t.rank)) by \(names[x]) and \(names[y])")
        out += "<g class=\"heatmap\">"
        for (j, yv) in ys.reversed().enumerated() {
            for (i, xv) in xs.enumerated() {
                guard let v = value["\(xv),\(yv)"] else { continue }
                let px = left + cell * Double(i), py = top + cell * Double(j)
                out += "<g><rect x=\"\(SVGPath.coordinate(px + 1))\" y=\"\(SVGPath.coordinate(py + 1))\" width=\"\(SVGPath.coordinate(cell - 2))\" height=\"\(SVGPath.coordinate(cell - 2))\" fill=\"\(Self.color(v, lo: lo, mid: mid, hi: hi))\"/>"
                if cell >= 30 { out += "<text x=\"\(SVGPath.coordinate(px + cell / 2))\" y=\"\(SVGPath.coordinate(py + cell / 2))\" dy=\"0.32em\" text-anchor=\"middle\">\(NumberText.fixed(v, 2))</text>" }
                out += "<title>\(names[x]) = \(Self.text(xv)), \(names[y]) = \(Self.text(yv)): \(Escape.html(t.rank)) \(NumberText.fixed(v, 4))</title></g>"
            }
        }
        out += "</g><g class=\"axis\">"
        for (i, xv) in xs.enumerated() where xs.count <= 24 || i % max(1, xs.count / 12) == 0 {
            out += "<text x=\"\(SVGPath.coordinate(left + cell * (Double(i) + 0.5)))\" y=\"\(SVGPath.coordinate(top + cell * Double(ys.count) + 16))\" text-anchor=\"middle\">\(Self.text(xv))</text>"
        }
        for (j, yv) in ys.reversed().enumerated() where ys.count <= 24 || j % max(1, ys.count / 12) == 0 {
            out += "<text x=\"\(left - 6)\" y=\"\(SVGPath.coordinate(top + cell * (Double(j) + 0.5)))\" dy=\"0.32em\" text-anchor=\"end\">\(Self.text(yv))</text>"
        }
        out += "<text x=\"\(SVGPath.coordinate(left + cell * Double(xs.count) / 2))\" y=\"\(SVGPath.coordinate(top + cell * Double(ys.count) + 36))\" text-anchor=\"middle\">\(names[x])</text>"
        out += "<text transform=\"translate(14,\(SVGPath.coordinate(top + cell * Double(ys.count) / 2))) rotate(-90)\" text-anchor=\"middle\">\(names[y])</text>"
        return out + "</g>" + frame.close
    }

    /// Red below the median, green above, white at it; strength by distance to the extremes.
    static func color(_ v: Double, lo: Double, mid: Double, hi: Double) -> String {
        guard v.isFinite else { return "#f4f4f4" }
        let (a, rgb): (Double, (Double, Double, Double)) = v >= mid
            ? (hi > mid ? (v - mid) / (hi - mid) : 0, (26, 152, 80))
            : (mid > lo ? (mid - v) / (mid - lo) : 0, (215, 48, 39))
        func mix(_ c: Double) -> Int { Int((255 + (c - 255) * min(1, a)).rounded()) }
        return "rgb(\(mix(rgb.0)),\(mix(rgb.1)),\(mix(rgb.2)))"
    }

    static func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e12 ? String(Int64(v)) : NumberText.fixed(v, 3) }
}
