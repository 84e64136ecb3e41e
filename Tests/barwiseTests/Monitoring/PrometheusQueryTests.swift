import Foundation
import Testing

/// The shipped files against a real Prometheus (no barwise process): it loads the scrape config
/// and every rule, and accepts every query of the dashboard and of the rules.
@Suite struct PrometheusQueryTests {
    @Test(.enabled(if: ServiceBinary.available("prometheus")))
    func aRealPrometheusLoadsEveryRuleAndAcceptsEveryDashboardAndRuleQuery() throws {
        let binary = try #require(ServiceBinary.find("prometheus"), "prometheus is not installed (Debian: apt-get install prometheus)")
        let server = try PrometheusServer(binary: binary, config: DeployFiles.prometheusConfig)
        defer { server.stop() }

        // The rule file as Prometheus parsed it: every rule loaded, each alert with a `for`, a
        // severity and a summary and description.
        let rules = try server.rules()
        #expect(rules.compactMap { $0["name"] as? String }.sorted() == (try DeployFiles.ruleNames()).sorted())
        for rule in rules where rule["type"] as? String == "alerting" {
            let name = rule["name"] as? String ?? "?"
            #expect((rule["duration"] as? Double ?? 0) > 0, "\(name) has no `for`")
            let severity = (rule["labels"] as? [String: String])?["severity"]
            #expect(severity == "critical" || severity == "warning", "\(name) severity \(severity ?? "none")")
            let annotations = rule["annotations"] as? [String: String] ?? [:]
            #expect(!(annotations["summary"] ?? "").isEmpty && !(annotations["description"] ?? "").isEmpty, "\(name)")
            #expect(rule["health"] as? String != "err", "\(name): \(rule["lastError"] ?? "")")
        }

        // Both scrape jobs are configured (their targets appear shortly after startup).
        var pools: Set<String> = []
        let deadline = Date().addingTimeInterval(15)
        while !pools.isSuperset(of: ["barwise-stream", "pushgateway"]) && Date() < deadline {
            let targets = try server.api("/api/v1/targets")["activeTargets"] as? [[String: Any]] ?? []
            pools = Set(targets.compactMap { $0["scrapePool"] as? String })
            usleep(100_000)
        }
        #expect(pools.isSuperset(of: ["barwise-stream", "pushgateway"]), "\(pools)")

        // Every query, sent as Grafana and the rule evaluator would send it, parses and runs.
        let dashboard = try DeployFiles.dashboardObject()
        let variables = Array(DeployFiles.variables(dashboard).keys)
        var queries = DeployFiles.panelQueries(dashboard).map { ($0.description, DeployFiles.resolved($0.expr, variables: variables)) }
        queries += rules.map { ("rule \($0["name"] ?? "?")", $0["query"] as? String ?? "") }
        #expect(queries.count >= 45)
        for (label, expr) in queries {
            let answer = try server.query(expr)
            #expect(answer.httpStatus == 200 && answer.status == "success", "\(label) -> \(expr): \(answer.error ?? answer.body)")
        }
    }
}
