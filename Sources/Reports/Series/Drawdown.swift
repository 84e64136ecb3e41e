/// Drawdown (underwater) of an equity curve.
///
/// `drawdown[i] = equity[i] / max(equity[0...i]) - 1`: 0 at a new high, negative below it
/// (the same sign convention as `max_drawdown` in summary.json).
public enum Drawdown {
    public static func series(_ equity: [Double]) -> [Double] {
        var peak = -Double.infinity
        var out = [Double](repeating: 0, count: equity.count)
        for i in equity.indices {
            peak = max(peak, equity[i])
            out[i] = peak > 0 ? equity[i] / peak - 1 : 0
        }
        return out
    }

    /// The deepest drawdown (most negative value; 0 for a curve that never falls).
    public static func maximum(_ equity: [Double]) -> Double { series(equity).min() ?? 0 }
}
