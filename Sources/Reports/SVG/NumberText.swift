import Foundation

/// Number formatting for tables and axis labels: fixed decimals, thousands separators,
/// percentages of fractions (0.1234 -> `12.34%`). Non-finite values print as an en dash.
public enum NumberText {
    /// `x` rounded to `decimals` places (half away from zero), never `-0`. Integer arithmetic for
    /// |x| * 10^decimals below 2^53 (every value a report prints); `String(format:)` beyond.
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "–" }
        let d = max(0, min(decimals, 15))
        let scale = pow(10, Double(d))
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9_007_199_254_740_992 else {
            let s = String(format: "%.\(d)f", x)
            return s.hasPrefix("-") && s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(s.dropFirst()) : s
        }
        let units = UInt64(scaled)
        let p = UInt64(scale)
        var out = units > 0 && x < 0 ? "-" : ""
        out += String(units / p)
        if d > 0 {
            let fraction = String(units % p)
            out += "." + String(repeating: "0", count: d - fraction.count) + fraction
        }
        return out
    }

    /// Fixed decimals with `,` between thousands: `56,263.52`.
    public static func grouped(_ x: Double, _ decimals: Int) -> String {
        let s = fixed(x, decimals)
        guard x.isFinite, abs(x) >= 1000 else { return s }
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A fraction as a percentage: `percent(0.1234) == "12.34%"`.
    public static func percent(_ x: Double, _ decimals: Int = 2) -> String {
        guard x.isFinite else { return "–" }
        return fixed(x * 100, decimals) + "%"
    }

    /// Decimals needed to print multiples of `step` exactly: the fewest `d` with `step * 10^d`
    /// a whole number (`0.25` -> 2, `2.5` -> 1, `5` -> 0), at most 8.
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        for d in 0...8 {
            let scaled = step * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return d }
        }
        return 8
    }

    /// An axis label for `value` among ticks `step` apart; `percent` scales fractions by 100.
    /// Steps of a million or more print compactly (`2.5M`, `40B`) so labels fit the margin.
    public static func tick(_ value: Double, step: Double, percent: Bool = false) -> String {
        let (v, s) = percent ? (value * 100, step * 100) : (value, step)
        let suffix = percent ? "%" : ""
        for (unit, letter) in [(1e12, "T"), (1e9, "B"), (1e6, "M")] where s >= unit {
            return grouped(v / unit, decimals(forStep: s / unit)) + letter + suffix
        }
        return grouped(v, decimals(forStep: s)) + suffix
    }
}
