/// Reduces what a line chart draws (never what is computed): for each pixel column it keeps the
/// first, minimum, maximum and last point, in their original order, so every spike and the
/// exact shape at chart resolution survive while a 1,000,000-point series draws ~4 points per
/// pixel. Series short enough (at most 4 points per column on average) are kept whole.
public enum Downsample {
    /// Indices to draw, increasing. `xs` are pixel positions (non-decreasing).
    public static func minMax(xs: [Double], ys: [Double]) -> [Int] {
        let n = min(xs.count, ys.count)
        guard n > 0 else { return [] }
        let span = (xs[n - 1] - xs[0]).magnitude
        if Double(n) <= 4 * max(1, span) { return Array(0..<n) }
        var keep: [Int] = []
        keep.reserveCapacity(Int(span) * 4 + 8)
        var start = 0
        while start < n {
            let column = xs[start].rounded(.down)
            var end = start
            var lo = -1, hi = -1
            while end < n, xs[end].rounded(.down) == column {
                let y = ys[end]
                if y.isFinite {
                    if lo < 0 || y < ys[lo] { lo = end }
                    if hi < 0 || y > ys[hi] { hi = end }
                }
                end += 1
            }
            var picked = [start, end - 1]
            if lo >= 0 { picked.append(lo) }
            if hi >= 0 { picked.append(hi) }
            picked.sort()
            for i in picked where keep.last != i { keep.append(i) }
            start = end
        }
        return keep
    }
}
