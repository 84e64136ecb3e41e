/// One drawdown episode of an equity (or wealth) curve: from the last high before the fall to the
/// first point back at that high.
public struct DrawdownEpisode: Sendable, Equatable {
    /// Index of the high the episode starts from (drawdown 0).
    public var peak: Int
    /// Index of the lowest point.
    public var trough: Int
    /// Index where the curve first regains the peak, nil when it has not recovered by the end.
    public var recovery: Int?
    /// Depth at the trough, a negative fraction: W_trough / W_peak − 1.
    public var depth: Double
    /// Duration in seconds from the peak to the recovery (or the last point when unrecovered).
    public var duration: Int64
}

/// Drawdown analysis of an equity curve: dd_t = W_t / max_{s≤t} W_s − 1 (≤ 0) and its episodes.
///
/// Episodes follow backtesting.py: a new episode starts after each point with dd = 0 and ends at
/// the next such point (the recovery) or at the last point. Average drawdown is the mean episode
/// depth; durations are measured in calendar time between the stamps.
public struct DrawdownAnalysis: Sendable {
    /// dd_t for every point (0 at new highs).
    public var drawdown: [Double]
    /// Every episode with a depth below 0, in time order.
    public var episodes: [DrawdownEpisode]

    /// Analyses `equity` sampled at `timestamps` (same length, ascending; a longer array's extra
    /// entries are ignored).
    public init(equity allEquity: [Double], timestamps: [Int64]) {
        let equity = allEquity.count > timestamps.count ? Array(allEquity.prefix(timestamps.count)) : allEquity
        drawdown = [Double](repeating: 0, count: equity.count)
        episodes = []
        var peakValue = -Double.infinity, peakIndex = 0
        var troughIndex = 0, troughDepth = 0.0
        var open = false
        for i in equity.indices {
            if equity[i] >= peakValue {
                if open {
                    episodes.append(DrawdownEpisode(peak: peakIndex, trough: troughIndex, recovery: i, depth: troughDepth,
                                                    duration: timestamps[i] - timestamps[peakIndex]))
                    open = false
                }
                peakValue = equity[i]; peakIndex = i
                drawdown[i] = 0
                continue
            }
            // Below a peak that is not positive there is no drawdown to measure (see `depth`).
            guard peakValue > 0 else { continue }
            let dd = Self.depth(equity[i], peak: peakValue)
            drawdown[i] = dd
            if !open { open = true; troughDepth = 0 }
            if dd < troughDepth { troughDepth = dd; troughIndex = i }
        }
        if open, let last = equity.indices.last {
            episodes.append(DrawdownEpisode(peak: peakIndex, trough: troughIndex, recovery: nil, depth: troughDepth,
                                            duration: timestamps[last] - timestamps[peakIndex]))
        }
    }

    /// Analyses the wealth of a return series, W = [1, cumprod(1 + r)] (empyrical's anchor before
    /// the first return), `timestamps` stamping each return and `anchor` the anchor's stamp
    /// (default: the first return's stamp).
    public init(returns r: [Double], timestamps: [Int64], anchor: Int64? = nil) {
        var w = [1.0]
        w.reserveCapacity(r.count + 1)
        for v in r { w.append(w[w.count - 1] * (1 + v)) }
        self.init(equity: w, timestamps: [anchor ?? timestamps.first ?? 0] + timestamps)
    }

    /// dd = W / peak − 1 below a positive running peak; 0 while the peak is not positive (a curve
    /// that never held a positive value has no drawdown to measure).
    @inline(__always)
    public static func depth(_ value: Double, peak: Double) -> Double {
        peak > 0 ? value / peak - 1 : 0
    }

    /// The drawdown series alone, dd_t = W_t / max_{s≤t} W_s − 1 (`depth`), for `equity.csv` and
    /// the report's chart; the same values as `DrawdownAnalysis(...).drawdown`.
    public static func series(_ equity: [Double]) -> [Double] {
        var peak = -Double.infinity
        return equity.map { e in
            peak = max(peak, e)
            return depth(e, peak: peak)
        }
    }

    /// min_t dd_t without building the series (0 for an empty or never-falling curve). O(n), no
    /// allocation: what `RunSummary` computes for every run of a sweep.
    public static func maximum(_ equity: [Double]) -> Double {
        var peak = -Double.infinity, worst = 0.0
        for e in equity {
            peak = max(peak, e)
            worst = min(worst, depth(e, peak: peak))
        }
        return worst
    }

    /// The deepest episode, nil when the curve never falls.
    public var maxEpisode: DrawdownEpisode? { episodes.min { $0.depth < $1.depth } }

    /// Maximum drawdown (negative fraction; 0 without a fall).
    public var maxDrawdown: Double { maxEpisode?.depth ?? 0 }

    /// Mean episode depth (negative), backtesting.py's `Avg. Drawdown`; 0 without episodes.
    public var averageDrawdown: Double {
        episodes.isEmpty ? 0 : episodes.reduce(0) { $0 + $1.depth } / Double(episodes.count)
    }

    /// Longest episode duration in seconds.
    public var maxDuration: Int64 { episodes.map(\.duration).max() ?? 0 }
}
