import Foundation
import Monitoring
import Testing

@Suite struct IngestPushMetricsTests {
    private func values(succeeded: Bool) -> IngestPushMetrics {
        IngestPushMetrics(rowsRead: 2150, rowsWritten: 2148, rowsRejected: 2, findings: ["error": 0, "warning": 3], durationSeconds: 0.75,
                          succeeded: succeeded, endedAt: 1_700_000_500)
    }

    @Test func a_success_pushes_its_time_and_no_failure_time() {
        let text = String(decoding: values(succeeded: true).exposition(), as: UTF8.self)
        #expect(sample(text, "barwise_ingest_rows_read") == 2150)
        #expect(sample(text, "barwise_ingest_rows_written") == 2148)
        #expect(sample(text, "barwise_ingest_rows_rejected") == 2)
        #expect(sample(text, #"barwise_ingest_quality_findings{severity="error"}"#) == 0)
        #expect(sample(text, #"barwise_ingest_quality_findings{severity="warning"}"#) == 3)
        #expect(sample(text, "barwise_ingest_duration_seconds") == 0.75)
        #expect(sample(text, "barwise_ingest_last_success_timestamp_seconds") == 1_700_000_500)
        #expect(!text.contains("barwise_ingest_last_failure"))
    }

    @Test func a_failure_pushes_its_time_and_no_success_time() {
        let text = String(decoding: values(succeeded: false).exposition(), as: UTF8.self)
        #expect(sample(text, "barwise_ingest_last_failure_timestamp_seconds") == 1_700_000_500)
        #expect(!text.contains("barwise_ingest_last_success"))
    }
}
