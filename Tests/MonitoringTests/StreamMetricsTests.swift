import Foundation
import Monitoring
import Testing

/// The value of one sample line `name{labels} value` in an exposition, or nil.
func sample(_ text: String, _ series: String) -> Double? {
    for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
        return Double(line.dropFirst(series.count + 1))
    }
    return nil
}

@Suite struct StreamMetricsTests {
    let build = [("version", "0.test"), ("commit", "abc"), ("strategy", "SmaCross"), ("strategy_sha256", "00ff")]

    @Test func exposition_names_every_metric_with_help_and_type() {
        let m = StreamMetrics(symbols: ["AAA", "BBB"], build: build, staleAfterSeconds: 60, now: 1000)
        let text = String(decoding: m.exposition(now: 1000), as: UTF8.self)
        for name in ["barwise_build_info", "barwise_bars_received_total", "barwise_ticks_received_total", "barwise_input_lines_total",
                     "barwise_input_rejected_total", "barwise_step_latency_seconds", "barwise_trades_closed_total",
                     "barwise_equity_currency", "barwise_cash_currency", "barwise_gross_exposure_ratio", "barwise_drawdown_ratio",
                     "barwise_position_units", "barwise_last_bar_timestamp_seconds", "barwise_last_bar_received_timestamp_seconds",
                     "barwise_feed_stale_after_seconds", "barwise_input_open"] {
            #expect(text.contains("# TYPE \(name) "), "no TYPE line for \(name)")
            #expect(text.contains("# HELP \(name) "), "no HELP line for \(name)")
        }
        #expect(sample(text, #"barwise_build_info{version="0.test",commit="abc",strategy="SmaCross",strategy_sha256="00ff"}"#) == 1)
        // No checkpoint metrics without --state.
        #expect(!text.contains("barwise_checkpoint"))
    }

    @Test func counters_and_gauges_carry_what_was_recorded() {
        let m = StreamMetrics(symbols: ["AAA", "BBB"], build: build, staleAfterSeconds: 60, now: 1000)
        m.barStepped(symbol: 1, barTime: 1_700_000_000, now: 1001)
        m.barStepped(symbol: 1, barTime: 1_700_000_060, now: 1002)
        m.read(lines: 5)
        m.ticksRead(symbol: 0, count: 3)
        m.rejected(.late)
        m.rejected(.invalid, count: 2)
        let buyMarket = m.orderSeries(side: "buy", type: "market")
        buyMarket.orderPlaced()
        m.orderSeries(side: "buy", type: "market").orderPlaced()  // the same series again
        buyMarket.orderFilled()
        m.orderRejected(reason: "insufficient_cash")
        m.tradeClosed()
        m.position(symbol: 1, units: -7)
        m.stepLatency(nanos: 3_000)
        let text = String(decoding: m.exposition(now: 1003), as: UTF8.self)
        #expect(sample(text, #"barwise_bars_received_total{symbol="BBB"}"#) == 2)
        #expect(sample(text, #"barwise_bars_received_total{symbol="AAA"}"#) == 0)
        #expect(sample(text, #"barwise_last_bar_timestamp_seconds{symbol="BBB"}"#) == 1_700_000_060)
        #expect(sample(text, "barwise_last_bar_received_timestamp_seconds") == 1002)
        #expect(sample(text, "barwise_input_lines_total") == 5)
        #expect(sample(text, #"barwise_ticks_received_total{symbol="AAA"}"#) == 3)
        #expect(sample(text, #"barwise_input_rejected_total{reason="late"}"#) == 1)
        #expect(sample(text, #"barwise_input_rejected_total{reason="invalid"}"#) == 2)
        #expect(sample(text, #"barwise_input_rejected_total{reason="resent"}"#) == 0)
        #expect(sample(text, #"barwise_orders_total{side="buy",type="market"}"#) == 2)
        #expect(sample(text, #"barwise_fills_total{side="buy",type="market"}"#) == 1)
        #expect(sample(text, #"barwise_orders_rejected_total{reason="insufficient_cash"}"#) == 1)
        #expect(sample(text, "barwise_trades_closed_total") == 1)
        #expect(sample(text, #"barwise_position_units{symbol="BBB"}"#) == -7)
        #expect(sample(text, "barwise_step_latency_seconds_count") == 1)
        #expect(sample(text, #"barwise_step_latency_seconds_bucket{le="2.5e-06"}"#) == 0)
        #expect(sample(text, #"barwise_step_latency_seconds_bucket{le="5e-06"}"#) == 1)
    }

    @Test func drawdown_is_measured_from_the_running_peak() {
        let m = StreamMetrics(symbols: ["AAA"], build: build, staleAfterSeconds: 60)
        m.account(equity: 100, cash: 100, grossExposure: 0)
        m.account(equity: 120, cash: 20, grossExposure: 60)
        var text = String(decoding: m.exposition(), as: UTF8.self)
        #expect(sample(text, "barwise_drawdown_ratio") == 0)
        #expect(sample(text, "barwise_gross_exposure_ratio") == 0.5)
        m.account(equity: 90, cash: 20, grossExposure: 70)
        text = String(decoding: m.exposition(), as: UTF8.self)
        #expect(sample(text, "barwise_drawdown_ratio") == 0.25)
        #expect(sample(text, "barwise_equity_currency") == 90)
        #expect(sample(text, "barwise_cash_currency") == 20)
    }

    @Test func checkpoint_age_is_brought_up_to_the_scrape() {
        let m = StreamMetrics(symbols: ["AAA"], build: build, staleAfterSeconds: 60, now: 1000)
        m.checkpointed(now: 1010)
        let text = String(decoding: m.exposition(now: 1025), as: UTF8.self)
        #expect(sample(text, "barwise_checkpoint_timestamp_seconds") == 1010)
        #expect(sample(text, "barwise_checkpoint_age_seconds") == 15)
    }

    @Test func health_fails_once_the_feed_is_stale_or_ended() {
        let m = StreamMetrics(symbols: ["AAA"], build: build, staleAfterSeconds: 30, now: 1000)
        #expect(m.health(now: 1029).healthy)
        #expect(!m.health(now: 1031).healthy)
        m.barStepped(symbol: 0, barTime: 0, now: 1040)
        #expect(m.health(now: 1050).healthy)
        m.inputEnded()
        let ended = m.health(now: 1050)
        #expect(!ended.healthy)
        #expect(ended.reason.contains("ended"))
        let text = String(decoding: m.exposition(now: 1050), as: UTF8.self)
        #expect(sample(text, "barwise_input_open") == 0)
    }
}
