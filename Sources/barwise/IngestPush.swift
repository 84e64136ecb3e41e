import Foundation
import MarketData
import Monitoring

/// The totals `barwise ingest --pushgateway` pushes once it ends (README "Pushgateway (sweeps and
/// ingests)"): rows over every file stored, findings by severity, the duration, and the success
/// or the failure time. A file that failed adds no rows (nothing of it was stored).
struct IngestPush {
    private let gateway: Pushgateway
    private let grouping: PushgatewayGrouping
    private let started = Date()
    private var rowsRead = 0, rowsWritten = 0, rowsRejected = 0
    private var findings: [String: Int] = [QualityRule.Severity.error.rawValue: 0, QualityRule.Severity.warning.rawValue: 0]

    /// `source`: the provider's name, or `files`.
    init(gateway: Pushgateway, source: String) {
        self.gateway = gateway
        grouping = IngestPushMetrics.grouping(source: source)
    }

    /// Counts a stored file or download.
    mutating func add(_ report: IngestReport) {
        rowsRead += report.rowsRead
        rowsWritten += report.rowsWritten
        rowsRejected += report.rowsRejected
        for finding in report.findings { findings[finding.rule.severity.rawValue, default: 0] += 1 }
    }

    /// Pushes the totals; a failed push prints one warning and changes nothing else.
    func send(succeeded: Bool) {
        let now = Date()
        let values = IngestPushMetrics(
            rowsRead: rowsRead, rowsWritten: rowsWritten, rowsRejected: rowsRejected, findings: findings,
            durationSeconds: now.timeIntervalSince(started), succeeded: succeeded, endedAt: now.timeIntervalSince1970)
        do throws(PushgatewayError) {
            try gateway.push(exposition: values.exposition(), grouping: grouping)
        } catch {
            PushgatewayOption.warn(error, succeeded ? "the ingest itself succeeded and is stored" : "this does not change the ingest's outcome")
        }
    }
}
