/// The names of the metrics `barwise sweep --pushgateway` pushes (README "Pushgateway (sweeps
/// and ingests)"; the shipped alert rules and dashboard query them).
public enum SweepMetricNames {
    public static let runsDone = MetricName("sweep_runs_done", unit: "", help: "Runs finished so far (equals the rows of results.csv after the last push).")
    public static let runsPlanned = MetricName("sweep_runs_planned", unit: "", help: "Runs this sweep (or shard) will do (a gauge: not named _total, which Prometheus keeps for counters).")
    public static let runsPerSecond = MetricName("sweep_runs_per_second", unit: "", help: "Runs finished by this process over the seconds it has run.")
    public static let bestMetric = MetricName("sweep_best_metric", unit: "", help: "The best value so far of the ranking metric (label metric); NaN before the first run.")
    public static let lastPush = MetricName("sweep_last_push", unit: "timestamp_seconds", help: "Wall clock (Unix seconds) of this push.")
    public static let finished = MetricName("sweep_finished", unit: "", help: "1 once the sweep completed and pushed its last values, 0 before (and after an interruption).")
}
