import Foundation
import Monitoring
import Testing

@Suite struct SweepPushMetricsTests {
    private func values(best: Double = 1.25, finished: Bool = false) -> SweepPushMetrics {
        SweepPushMetrics(runsDone: 40, runsTotal: 96, runsPerSecond: 12.5, rankMetric: "sortino", best: best, finished: finished, pushedAt: 1_700_000_123.5)
    }

    @Test func exposition_carries_every_sweep_metric_with_help_and_type() {
        let text = String(decoding: values().exposition(), as: UTF8.self)
        for name in ["barwise_sweep_runs_done", "barwise_sweep_runs_planned", "barwise_sweep_runs_per_second", "barwise_sweep_best_metric",
                     "barwise_sweep_last_push_timestamp_seconds", "barwise_sweep_finished"] {
            #expect(text.contains("# TYPE \(name) gauge"), "no gauge TYPE line for \(name)")
            #expect(text.contains("# HELP \(name) "), "no HELP line for \(name)")
        }
        #expect(sample(text, "barwise_sweep_runs_done") == 40)
        #expect(sample(text, "barwise_sweep_runs_planned") == 96)
        #expect(sample(text, "barwise_sweep_runs_per_second") == 12.5)
        #expect(sample(text, #"barwise_sweep_best_metric{metric="sortino"}"#) == 1.25)
        #expect(sample(text, "barwise_sweep_last_push_timestamp_seconds") == 1_700_000_123.5)
        #expect(sample(text, "barwise_sweep_finished") == 0)
    }

    @Test func finished_is_one_only_when_set() {
        #expect(sample(String(decoding: values(finished: true).exposition(), as: UTF8.self), "barwise_sweep_finished") == 1)
    }

    @Test func no_best_yet_is_nan() throws {
        let best = try #require(sample(String(decoding: values(best: .nan).exposition(), as: UTF8.self), #"barwise_sweep_best_metric{metric="sortino"}"#))
        #expect(best.isNaN)
    }
}
