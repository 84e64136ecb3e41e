import Foundation
import Monitoring
import Testing

@Suite struct PushgatewayGroupingTests {
    /// The Pushgateway's decoding of a base64 segment: URL-safe alphabet, padding optional.
    private func decoded(_ segment: String) -> String? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if text == "=" { return "" }
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func plain_values_go_into_the_path_as_they_are() {
        let g = PushgatewayGrouping(job: "barwise_sweep", labels: [("instance", "2-of-4"), ("sweep", "sma_cross.v1~x")])
        #expect(g.path == "/metrics/job/barwise_sweep/instance/2-of-4/sweep/sma_cross.v1~x")
    }

    @Test func a_value_with_a_slash_uses_the_base64_form() throws {
        let g = PushgatewayGrouping(job: "barwise_ingest", labels: [("instance", "data/2024/prices")])
        #expect(g.path == "/metrics/job/barwise_ingest/instance@base64/ZGF0YS8yMDI0L3ByaWNlcw==")
        let segment = try #require(g.path.split(separator: "/").last)
        #expect(decoded(String(segment)) == "data/2024/prices")
    }

    @Test func an_empty_value_is_base64_equals_sign() {
        #expect(PushgatewayGrouping(job: "j", labels: [("instance", "")]).path == "/metrics/job/j/instance@base64/=")
    }

    @Test func base64_uses_the_url_safe_alphabet() throws {
        // "??>" is "Pz8+" in the standard alphabet and "?>?" is "Pz4/": neither + nor / may appear.
        for (value, expected) in [("??>", "Pz8-"), ("?>?", "Pz4_")] {
            let path = PushgatewayGrouping(job: "j", labels: [("k", value)]).path
            #expect(path == "/metrics/job/j/k@base64/\(expected)")
            #expect(decoded(expected) == value)
        }
    }

    @Test func spaces_and_non_ascii_letters_use_base64_too() throws {
        for value in ["my sweep", "Zürich", "a%2Fb", "a?b#c"] {
            let path = PushgatewayGrouping(job: "j", labels: [("sweep", value)]).path
            #expect(path.hasPrefix("/metrics/job/j/sweep@base64/"), "\(value)")
            let segment = try #require(path.split(separator: "/").last)
            #expect(decoded(String(segment)) == value)
        }
    }

    @Test func a_job_that_is_not_plain_is_encoded_like_a_label() {
        #expect(PushgatewayGrouping(job: "a/b").path == "/metrics/job@base64/YS9i")
    }

    @Test func sweep_shards_and_whole_sweeps_get_their_own_instance() {
        #expect(SweepPushMetrics.grouping(sweep: "sma_cross", shard: (2, 4)).path == "/metrics/job/barwise_sweep/instance/2-of-4/sweep/sma_cross")
        #expect(SweepPushMetrics.grouping(sweep: "sma_cross", shard: nil).path == "/metrics/job/barwise_sweep/instance/all/sweep/sma_cross")
        #expect(IngestPushMetrics.grouping(source: "binance").path == "/metrics/job/barwise_ingest/instance/binance")
        #expect(IngestPushMetrics.grouping(source: "files").description == #"job="barwise_ingest", instance="files""#)
    }
}
