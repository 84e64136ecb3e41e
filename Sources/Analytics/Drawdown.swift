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

    /// Analyses `equity` sampled at `timestamps` (same length, ascending).
    public init(equity: [Double], timestamps: [Int64]) {
        precondition(equity.count == timestamps.count, "equity and timestamps must have the same length")
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
            let dd = equity[i] / peakValue - 1
            drawdown[i] = dd
            if !open { open = true; troughDepth = 0 }
            if dd < troughDepth { troughDepth = dd; troughIndex = i }
        }
        if open, let last = timestamps.indices.last {
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
