import Prometheus

/// What one push of `barwise sweep --pushgateway` says about the sweep: progress, speed and the
/// best value of the ranking metric so far, as a text exposition for the Pushgateway.
///
/// Every push carries every metric, so a `POST` replaces all of a group's sweep metrics at once
/// (a rerun ranked by another metric replaces the old `metric` label too).
public struct SweepPushMetrics: Sendable, Equatable {
    /// Runs finished, including rows kept from an interrupted sweep this one resumes.
    public var runsDone: Int
    /// Runs this sweep (or shard) will do in all.
    public var runsTotal: Int
    /// Runs this process finished / seconds since it started them.
    public var runsPerSecond: Double
    /// The ranking metric's name (`--rank`), the `metric` label of the best value.
    public var rankMetric: String
    /// The best value so far of `rankMetric`; NaN before any run has a value.
    public var best: Double
    /// True only for the last push of a sweep that ran to the end.
    public var finished: Bool
    /// Wall clock of the push, Unix seconds.
    public var pushedAt: Double

    public init(runsDone: Int, runsTotal: Int, runsPerSecond: Double, rankMetric: String, best: Double, finished: Bool, pushedAt: Double) {
        self.runsDone = runsDone
        self.runsTotal = runsTotal
        self.runsPerSecond = runsPerSecond
        self.rankMetric = rankMetric
        self.best = best
        self.finished = finished
        self.pushedAt = pushedAt
    }

    /// The group of a sweep: job `barwise_sweep`, instance `K-of-N` for shard K of N (`all`
    /// unsharded), and the strategy's name as `sweep`, so shards and sweeps never overwrite
    /// each other.
    public static func grouping(sweep: String, shard: (index: Int, count: Int)?) -> PushgatewayGrouping {
        PushgatewayGrouping(job: "barwise_sweep", labels: [("instance", shard.map { "\($0.index)-of-\($0.count)" } ?? "all"), ("sweep", sweep)])
    }

    /// The Prometheus text exposition of these values.
    public func exposition() -> [UInt8] {
        let r = PrometheusCollectorRegistry()
        r.gauge(SweepMetricNames.runsDone).set(Double(runsDone))
        r.gauge(SweepMetricNames.runsPlanned).set(Double(runsTotal))
        r.gauge(SweepMetricNames.runsPerSecond).set(runsPerSecond)
        r.gauge(SweepMetricNames.bestMetric, [("metric", rankMetric)]).set(best)
        r.gauge(SweepMetricNames.lastPush).set(pushedAt)
        r.gauge(SweepMetricNames.finished).set(finished ? 1.0 : 0.0)
        return r.emitToBuffer()
    }
}
