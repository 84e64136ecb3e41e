/// Monthly returns as a year x month grid with a yearly total column: green for gains, red for
/// losses, the color's strength proportional to |return| / (largest |monthly return|).
public struct MonthlyHeatmap: Sendable {
    public var months: [PeriodReturns.Month]
    public var years: [PeriodReturns.Year]

    public init(months: [PeriodReturns.Month], years: [PeriodReturns.Year]) {
        self.months = months
        self.years = years
    }

    static let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A fill color for a return, `scale` the magnitude of full color.
    static func color(_ r: Double, scale: Double) -> String {
        guard r.isFinite, scale > 0 else { return "#f4f4f4" }
        let a = min(1, abs(r) / scale)
        let (R, G, B) = r >= 0 ? (26.0, 150.0, 65.0) : (215.0, 48.0, 39.0)
        func mix(_ c: Double) -> Int { Int((255 + (c - 255) * a).rounded()) }
        return "rgb(\(mix(R)),\(mix(G)),\(mix(B)))"
    }

    public func svg(id: String = "monthly-heatmap") -> String {
        let cellW = 62.0, cellH = 22.0, left = 52.0, top = 22.0
        let rows = years.map(\.year)
        let width = left + cellW * 13 + 10, height = top + cellH * Double(max(1, rows.count)) + 6
        var frame = ChartFrame(width: width, height: height)
        frame.left = left
        var out = frame.open(id: id, title: "Monthly returns (%) with yearly totals")
        let scale = months.map { abs($0.value) }.filter(\.isFinite).max() ?? 0
        let yearScale = years.map { abs($0.value) }.filter(\.isFinite).max() ?? 0
        out += "<g class=\"heatmap\">"
        for (c, name) in (Self.names + ["Year"]).enumerated() {
            out += "<text class=\"head\" x=\"\(SVGPath.coordinate(left + cellW * (Double(c) + 0.5)))\" y=\"\(top - 7)\" text-anchor=\"middle\">\(name)</text>"
        }
        let rowOf = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        for (r, year) in rows.enumerated() {
            out += "<text class=\"head\" x=\"\(left - 6)\" y=\"\(SVGPath.coordinate(top + cellH * (Double(r) + 0.5)))\" dy=\"0.32em\" text-anchor=\"end\">\(year)</text>"
        }
        func cell(_ col: Int, _ row: Int, _ value: Double, _ color: String, _ tip: String) -> String {
            let x = left + cellW * Double(col), y = top + cellH * Double(row)
            return "<g><rect x=\"\(SVGPath.coordinate(x + 1))\" y=\"\(SVGPath.coordinate(y + 1))\" width=\"\(cellW - 2)\" height=\"\(cellH - 2)\" fill=\"\(color)\"/><text x=\"\(SVGPath.coordinate(x + cellW / 2))\" y=\"\(SVGPath.coordinate(y + cellH / 2))\" dy=\"0.32em\" text-anchor=\"middle\">\(NumberText.fixed(value * 100, 1))</text><title>\(tip)</title></g>"
        }
        for m in months {
            guard let r = rowOf[m.year] else { continue }
            out += cell(m.month - 1, r, m.value, Self.color(m.value, scale: scale), "\(Self.names[m.month - 1]) \(m.year): \(NumberText.percent(m.value))")
        }
        for y in years {
            guard let r = rowOf[y.year] else { continue }
            out += cell(12, r, y.value, Self.color(y.value, scale: yearScale), "\(y.year): \(NumberText.percent(y.value))")
        }
        return out + "</g>" + frame.close
    }
}
