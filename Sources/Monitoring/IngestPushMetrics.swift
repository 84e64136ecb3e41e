import Prometheus

/// What `barwise ingest --pushgateway` pushes when it ends: the rows it read, wrote and
/// rejected over all its files, quality findings by severity, how long it took, and the time it
/// succeeded or failed.
///
/// Only one of the two timestamps is in a push, and the push is a `POST`: the gateway keeps the
/// other from the group's earlier pushes, so after a failure the last success time is still
/// there for a "no successful ingest for a day" alert.
public struct IngestPushMetrics: Sendable, Equatable {
    public var rowsRead: Int
    public var rowsWritten: Int
    public var rowsRejected: Int
    /// Findings per severity name (`error`, `warning`); every severity given is pushed, zeros too.
    public var findings: [String: Int]
    public var durationSeconds: Double
    /// True when every file (or the download) was stored.
    public var succeeded: Bool
    /// Wall clock when the ingest ended, Unix seconds: the success or failure time.
    public var endedAt: Double

    public init(rowsRead: Int, rowsWritten: Int, rowsRejected: Int, findings: [String: Int], durationSeconds: Double, succeeded: Bool, endedAt: Double) {
        self.rowsRead = rowsRead
        self.rowsWritten = rowsWritten
        self.rowsRejected = rowsRejected
        self.findings = findings
        self.durationSeconds = durationSeconds
        self.succeeded = succeeded
        self.endedAt = endedAt
    }

    /// The group of an ingest: job `barwise_ingest`, instance the provider's name or `files`.
    public static func grouping(source: String) -> PushgatewayGrouping {
        PushgatewayGrouping(job: "barwise_ingest", labels: [("instance", source)])
    }

    /// The Prometheus text exposition of these values.
    public func exposition() -> [UInt8] {
        let r = PrometheusCollectorRegistry()
        r.gauge(IngestMetricNames.rowsRead).set(Double(rowsRead))
        r.gauge(IngestMetricNames.rowsWritten).set(Double(rowsWritten))
        r.gauge(IngestMetricNames.rowsRejected).set(Double(rowsRejected))
        for (severity, count) in findings.sorted(by: { $0.key < $1.key }) {
            r.gauge(IngestMetricNames.findings, [("severity", severity)]).set(Double(count))
        }
        r.gauge(IngestMetricNames.duration).set(durationSeconds)
        r.gauge(succeeded ? IngestMetricNames.lastSuccess : IngestMetricNames.lastFailure).set(endedAt)
        return r.emitToBuffer()
    }
}
