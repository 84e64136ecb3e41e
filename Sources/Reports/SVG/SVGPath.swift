/// SVG path data from pixel coordinates, one decimal per coordinate. A NaN y breaks the line
/// (the next finite point starts a new `M` subpath).
public enum SVGPath {
    /// `M x0 y0 L x1 y1 ...` through the points.
    public static func line(xs: [Double], ys: [Double]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(xs.count * 14)
        var pen = false
        for i in 0..<min(xs.count, ys.count) {
            guard ys[i].isFinite, xs[i].isFinite else { pen = false; continue }
            out.append(pen ? 0x4C : 0x4D)  // L or M
            append(xs[i], to: &out); out.append(0x2C); append(ys[i], to: &out)
            pen = true
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `coordinate(x)`'s text as bytes (no intermediate strings: paths have many points).
    static func append(_ x: Double, to out: inout [UInt8]) {
        var tenths = Int((x * 10).rounded())
        if tenths < 0 { out.append(0x2D); tenths = -tenths }
        var whole = tenths / 10
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(whole % 10) &+ 0x30; whole /= 10; n += 1 } while whole > 0
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(d[k]) }
        }
        out.append(0x2E)
        out.append(UInt8(tenths % 10) &+ 0x30)
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
