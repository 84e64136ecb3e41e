/// The names of the metrics `barwise ingest --pushgateway` pushes (README "Pushgateway (sweeps
/// and ingests)").
public enum IngestMetricNames {
    public static let rowsRead = MetricName("ingest_rows_read", unit: "", help: "Data rows read by the last ingest.")
    public static let rowsWritten = MetricName("ingest_rows_written", unit: "", help: "Bars the last ingest wrote to the store.")
    public static let rowsRejected = MetricName("ingest_rows_rejected", unit: "", help: "Rows the last ingest skipped as bad.")
    public static let findings = MetricName("ingest_quality_findings", unit: "", help: "Data-quality findings of the last ingest, by severity.")
    public static let duration = MetricName("ingest_duration", unit: "seconds", help: "Wall-clock seconds the last ingest took.")
    public static let lastSuccess = MetricName("ingest_last_success", unit: "timestamp_seconds", help: "Wall clock (Unix seconds) when an ingest last succeeded.")
    public static let lastFailure = MetricName("ingest_last_failure", unit: "timestamp_seconds", help: "Wall clock (Unix seconds) when an ingest last failed.")
}
