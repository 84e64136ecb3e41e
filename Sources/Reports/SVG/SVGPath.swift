/// SVG path data from pixel coordinates, one decimal per coordinate. A NaN y breaks the line
/// (the next finite point starts a new `M` subpath).
public enum SVGPath {
    /// `M x0 y0 L x1 y1 ...` through the points.
    public static func line(xs: [Double], ys: [Double]) -> String {
        var out = ""
        out.reserveCapacity(xs.count * 14)
        var pen = false
        for i in 0..<min(xs.count, ys.count) {
            guard ys[i].isFinite, xs[i].isFinite else { pen = false; continue }
            out += pen ? "L" : "M"
            out += coordinate(xs[i]); out += ","; out += coordinate(ys[i])
            pen = true
        }
        return out
    }

    /// A closed area between the line and the horizontal `baseline` (for underwater charts).
    public static func area(xs: [Double], ys: [Double], baseline: Double) -> String {
        let pts = (0..<min(xs.count, ys.count)).filter { ys[$0].isFinite && xs[$0].isFinite }
        guard let first = pts.first, let last = pts.last else { return "" }
        var out = "M" + coordinate(xs[first]) + "," + coordinate(baseline)
        for i in pts { out += "L" + coordinate(xs[i]) + "," + coordinate(ys[i]) }
        out += "L" + coordinate(xs[last]) + "," + coordinate(baseline) + "Z"
        return out
    }

    /// A pixel coordinate with one decimal (`12.3`, `-4.0`), without Foundation formatting.
    public static func coordinate(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return sign + String(a / 10) + "." + String(a % 10)
    }
}
