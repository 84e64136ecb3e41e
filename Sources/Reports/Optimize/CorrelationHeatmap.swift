/// The correlation matrix as an n x n grid: blue for positive, red for negative correlation,
/// strength proportional to |rho| (full color at 1), the value printed in each cell when n <= 20.
public struct CorrelationHeatmap: Sendable {
    public var symbols: [String]
    public var matrix: [[Double]]

    public init(symbols: [String], matrix: [[Double]]) {
        self.symbols = symbols
        self.matrix = matrix
    }

    static func color(_ rho: Double) -> String {
        guard rho.isFinite else { return "#f4f4f4" }
        let a = min(1, abs(rho))
        let (r, g, b) = rho >= 0 ? (33.0, 102.0, 172.0) : (178.0, 24.0, 43.0)
        func mix(_ c: Double) -> Int { Int((255 + (c - 255) * a).rounded()) }
        return "rgb(\(mix(r)),\(mix(g)),\(mix(b)))"
    }

    public func svg(id: String = "correlation-heatmap") -> String {
        let n = symbols.count
        let cell = n <= 10 ? 56.0 : max(8, 560 / Double(max(n, 1)))
        let left = 90.0, top = 70.0
        var frame = ChartFrame(width: left + cell * Double(n) + 10, height: top + cell * Double(n) + 10)
        frame.left = left
        var out = frame.open(id: id, title: "Correlation of returns")
        let names = symbols.map(Escape.html)
        for (i, name) in names.enumerated() {
            let c = left + cell * (Double(i) + 0.5)
            out += "<text class=\"head\" transform=\"translate(\(SVGPath.coordinate(c)),\(top - 6)) rotate(-45)\">\(name)</text>"
            out += "<text class=\"head\" x=\"\(left - 6)\" y=\"\(SVGPath.coordinate(top + cell * (Double(i) + 0.5)))\" dy=\"0.32em\" text-anchor=\"end\">\(name)</text>"
        }
        out += "<g class=\"heatmap\">"
        for i in 0..<n {
            for j in 0..<min(n, matrix[i].count) {
                let rho = matrix[i][j]
                let x = left + cell * Double(j), y = top + cell * Double(i)
                out += "<g><rect x=\"\(SVGPath.coordinate(x + 1))\" y=\"\(SVGPath.coordinate(y + 1))\" width=\"\(SVGPath.coordinate(cell - 2))\" height=\"\(SVGPath.coordinate(cell - 2))\" fill=\"\(Self.color(rho))\"/>"
                if n <= 20 {
                    out += "<text x=\"\(SVGPath.coordinate(x + cell / 2))\" y=\"\(SVGPath.coordinate(y + cell / 2))\" dy=\"0.32em\" text-anchor=\"middle\"\(abs(rho) > 0.6 ? " fill=\"#fff\"" : "")>\(NumberText.fixed(rho, 2))</text>"
                }
                out += "<title>\(names[i]) / \(names[j]): \(NumberText.fixed(rho, 3))</title></g>"
            }
        }
        return out + "</g>" + frame.close
    }
}
