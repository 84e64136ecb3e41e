import Foundation
import Testing

/// The shipped `deploy/` files on their own: promtool accepts the Prometheus files, every alert
/// passes its unit tests, and the Grafana dashboard is wired to its variables.
@Suite struct DeployFilesTests {
    static func promtool(_ args: [String]) throws -> BarwiseProcess.Output {
        let binary = try #require(ServiceBinary.find("promtool"), "promtool is not installed (Debian: apt-get install prometheus)")
        return try BarwiseProcess.capture(binary, args)
    }

    @Test(.enabled(if: ServiceBinary.available("promtool")))
    func promtoolAcceptsTheScrapeConfigAndEveryRule() throws {
        let config = try Self.promtool(["check", "config", DeployFiles.prometheusConfig.path])
        #expect(config.status == 0, "\(config.stdout)\(config.stderr)")
        #expect(config.stdout.contains("is valid prometheus config file syntax"), "\(config.stdout)")
        let rules = try Self.promtool(["check", "rules", DeployFiles.rules.path])
        #expect(rules.status == 0, "\(rules.stdout)\(rules.stderr)")
        let names = try DeployFiles.ruleNames()
        #expect(rules.stdout.contains("SUCCESS: \(names.count) rules found"), "\(rules.stdout)")
    }

    @Test(.enabled(if: ServiceBinary.available("promtool")))
    func everyAlertFiresForItsCaseAndStaysQuietForItsLookAlikes() throws {
        let run = try Self.promtool(["test", "rules"] + DeployFiles.ruleTests.map(\.path))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "  SUCCESS").count == DeployFiles.ruleTests.count + 1, "\(run.stdout)")
        // Each alert has a unit test that expects it to fire.
        let tests = try DeployFiles.ruleTests.map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        for name in try DeployFiles.ruleNames() {
            #expect(tests.contains("alertname: \(name)\n        exp_alerts:\n          - exp_labels:"), "no unit test shows \(name) firing")
        }
    }

    @Test func theIssuesAlertsAreAllThere() throws {
        let names = Set(try DeployFiles.ruleNames())
        for alert in ["BarwiseFeedStalled", "BarwiseStreamDown", "BarwiseStepLatencyHigh", "BarwiseDrawdownBeyondLimit",
                      "BarwiseInputErrorsRising", "BarwiseSweepShardStoppedPushing", "BarwiseIngestNotSucceededForADay"] {
            #expect(names.contains(alert), "\(alert) is missing from barwise.rules.yml")
        }
    }

    /// The config's text between `- job_name: NAME` and the next job (or the end).
    static func job(_ name: String, in config: String) -> String? {
        guard let start = config.range(of: "- job_name: \(name)\n") else { return nil }
        let rest = config[start.upperBound...]
        return String(rest[..<(rest.range(of: "- job_name:")?.lowerBound ?? rest.endIndex)])
    }

    @Test func theScrapeConfigLoadsTheRulesAndKeepsThePushedJobAndInstance() throws {
        let config = try String(contentsOf: DeployFiles.prometheusConfig, encoding: .utf8)
        #expect(config.contains("rule_files:\n  - barwise.rules.yml\n"))
        #expect(config.contains("  scrape_interval: 5s\n"))
        let stream = try #require(Self.job("barwise-stream", in: config))
        #expect(stream.contains("- targets: [\"127.0.0.1:9464\"]"))
        let gateway = try #require(Self.job("pushgateway", in: config))
        #expect(gateway.contains("honor_labels: true") && gateway.contains("127.0.0.1:9091"))
    }

    @Test func theDashboardTakesItsPrometheusFromADatasourceVariableInEveryPanelAndQuery() throws {
        let dashboard = try DeployFiles.dashboardObject()
        #expect((dashboard["schemaVersion"] as? Int ?? 0) >= 39)
        let source = try #require(DeployFiles.variables(dashboard)["datasource"])
        #expect(source["type"] as? String == "datasource" && source["query"] as? String == "prometheus")
        for (_, panel) in DeployFiles.panels(dashboard) where panel["type"] as? String != "row" {
            let title = panel["title"] as? String ?? "?"
            #expect((panel["datasource"] as? [String: Any])?["uid"] as? String == "${datasource}", "panel \(title)")
            let targets = panel["targets"] as? [[String: Any]] ?? []
            #expect(!targets.isEmpty, "panel \(title) has no query")
            for target in targets {
                #expect((target["datasource"] as? [String: Any])?["uid"] as? String == "${datasource}", "panel \(title)")
            }
        }
    }

    @Test func theSymbolVariableListsTheStreamedSymbolsWithMultiSelectAndAll() throws {
        let variables = DeployFiles.variables(try DeployFiles.dashboardObject())
        let symbol = try #require(variables["symbol"])
        #expect(symbol["type"] as? String == "query" && symbol["multi"] as? Bool == true && symbol["includeAll"] as? Bool == true)
        let query = try #require(DeployFiles.variableQuery(symbol))
        let parts = try #require(DeployFiles.labelValuesParts(query), "\(query)")
        #expect(parts.selector.hasPrefix("barwise_bars_received_total") && parts.label == "symbol")
        #expect((symbol["datasource"] as? [String: Any])?["uid"] as? String == "${datasource}")
    }

    @Test func everyQueryOfAPerSymbolMetricFiltersOnTheSymbolVariable() throws {
        let queries = DeployFiles.panelQueries(try DeployFiles.dashboardObject())
        let perSymbol = ["barwise_bars_received_total", "barwise_ticks_received_total", "barwise_position_units", "barwise_last_bar_timestamp_seconds"]
        var checked = 0
        for query in queries {
            for metric in perSymbol where query.expr.contains(metric + "{") {
                #expect(query.expr.contains("symbol=~\"$symbol\""), "\(query)")
                checked += 1
            }
        }
        #expect(checked >= perSymbol.count)
    }

    @Test func everyQueryUsesOnlyTheDashboardsVariablesAndGrafanasIntervals() throws {
        let dashboard = try DeployFiles.dashboardObject()
        let names = Array(DeployFiles.variables(dashboard).keys)
        for query in DeployFiles.panelQueries(dashboard) {
            #expect(!DeployFiles.resolved(query.expr, variables: names).contains("$"), "\(query)")
        }
    }

    @Test func theDashboardShowsEveryTopicTheIssueAsksFor() throws {
        let exprs = DeployFiles.panelQueries(try DeployFiles.dashboardObject()).map(\.expr)
        let topics: [(String, String)] = [
            ("bars per second", "rate(barwise_bars_received_total{"),
            ("latency p50", "histogram_quantile(0.5, sum by (instance, le) (rate(barwise_step_latency_seconds_bucket"),
            ("latency p99", "histogram_quantile(0.99, sum by (instance, le) (rate(barwise_step_latency_seconds_bucket"),
            ("equity", "barwise_equity_currency"), ("drawdown", "barwise_drawdown_ratio"),
            ("positions", "barwise_position_units"), ("orders", "barwise_orders_total"), ("fills", "barwise_fills_total"),
            ("input errors", "barwise_input_rejected_total"), ("checkpoint age", "barwise_checkpoint_age_seconds"),
            ("feed age", "time() - barwise_last_bar_received_timestamp_seconds"),
            ("sweep runs done", "barwise_sweep_runs_done"), ("sweep runs planned", "barwise_sweep_runs_planned"),
            ("sweep runs per second", "barwise_sweep_runs_per_second"), ("sweep best metric", "barwise_sweep_best_metric"),
            ("ingest rows", "barwise_ingest_rows_written"), ("ingest last success", "barwise_ingest_last_success_timestamp_seconds"),
        ]
        for (topic, fragment) in topics {
            #expect(exprs.contains { $0.contains(fragment) }, "no panel shows \(topic) (\(fragment))")
        }
    }

    @Test func panelIdsAreUniqueAndPanelsFitTheGridWithoutOverlapping() throws {
        let panels = DeployFiles.panels(try DeployFiles.dashboardObject()).map(\.panel)
        let ids = panels.compactMap { $0["id"] as? Int }
        #expect(ids.count == panels.count && Set(ids).count == ids.count)
        let boxes = panels.map { panel -> (title: String, x: Int, y: Int, w: Int, h: Int) in
            let g = panel["gridPos"] as? [String: Int] ?? [:]
            return (panel["title"] as? String ?? "?", g["x"] ?? -1, g["y"] ?? -1, g["w"] ?? 0, g["h"] ?? 0)
        }
        for (k, a) in boxes.enumerated() {
            #expect(a.x >= 0 && a.y >= 0 && a.w > 0 && a.h > 0 && a.x + a.w <= 24, "\(a.title) \(a)")
            for b in boxes[(k + 1)...] {
                let overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
                #expect(!overlap, "\(a.title) overlaps \(b.title)")
            }
        }
    }
}
