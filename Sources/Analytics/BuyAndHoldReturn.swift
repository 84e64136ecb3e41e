/// The buy-and-hold return a run is compared with (SEMANTICS.md section 1.5, backtesting.py
/// 0.6.6's `Buy & Hold Return`): each symbol bought at its close on the warm-up bar and held to
/// its last close,
///
///     BH_s = Close_s[last] / Close_s[warmup] − 1
///
/// where `warmup` is the strategy's warm-up bar (the first bar on which every indicator has a
/// value, `SignalProgram.warmUpBars`: 19 for SMA(20); 0 without indicators), counted in the
/// symbol's own bars as the engine counts them. Several symbols: equal parts, so the mean of
/// the `Close_s[last] / Close_s[warmup]` ratios, minus 1. Commission-free. NaN when a symbol
/// has no bar at `warmup` or a close there that is not positive.
public enum BuyAndHoldReturn {
    /// - Parameter closes: each symbol's closes over the run's bars, in time order.
    public static func of(closes: [[Double]], warmUp: Int) -> Double {
        guard !closes.isEmpty, warmUp >= 0 else { return .nan }
        var sum = 0.0
        for c in closes {
            guard warmUp < c.count, c[warmUp] > 0 else { return .nan }
            sum += c[c.count - 1] / c[warmUp]
        }
        return sum / Double(closes.count) - 1
    }
}
