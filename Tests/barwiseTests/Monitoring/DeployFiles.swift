import Foundation

/// The shipped monitoring files under `deploy/` and the PromQL their dashboard holds.
enum DeployFiles {
    static let folder = BarwiseProcess.packageRoot.appendingPathComponent("deploy")
    static let prometheusConfig = folder.appendingPathComponent("prometheus/prometheus.yml")
    static let rules = folder.appendingPathComponent("prometheus/barwise.rules.yml")
    /// promtool unit tests of the rules: seconds-scale alerts, and those that take minutes to days.
    static let ruleTests = ["barwise.rules.test.yml", "barwise.rules.hours.test.yml"].map { folder.appendingPathComponent("prometheus/\($0)") }
    static let dashboard = folder.appendingPathComponent("grafana/barwise.json")

    /// One query of a dashboard panel, with the row the panel sits under.
    struct PanelQuery: CustomStringConvertible {
        var row: String
        var panel: String
        var refId: String
        var expr: String
        var description: String { "\(row) / \(panel) / \(refId): \(expr)" }
    }

    /// The dashboard JSON as an object.
    static func dashboardObject() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: dashboard))
        guard let dashboard = object as? [String: Any] else { throw ServiceFailure.badReply("barwise.json is not a JSON object") }
        return dashboard
    }

    /// Every panel, rows and the panels of collapsed rows included, in the dashboard's order,
    /// each with the title of the row above it ("" before the first row).
    static func panels(_ dashboard: [String: Any]) -> [(row: String, panel: [String: Any])] {
        var out: [(String, [String: Any])] = []
        var row = ""
        for panel in dashboard["panels"] as? [[String: Any]] ?? [] {
            if panel["type"] as? String == "row" {
                row = panel["title"] as? String ?? ""
                out.append((row, panel))
                for inner in panel["panels"] as? [[String: Any]] ?? [] { out.append((row, inner)) }
            } else {
                out.append((row, panel))
            }
        }
        return out
    }

    /// Every target `expr` of every panel.
    static func panelQueries(_ dashboard: [String: Any]) -> [PanelQuery] {
        panels(dashboard).flatMap { row, panel in
            (panel["targets"] as? [[String: Any]] ?? []).compactMap { target in
                (target["expr"] as? String).map {
                    PanelQuery(row: row, panel: panel["title"] as? String ?? "?", refId: target["refId"] as? String ?? "?", expr: $0)
                }
            }
        }
    }

    /// The templating variables by name.
    static func variables(_ dashboard: [String: Any]) -> [String: [String: Any]] {
        let list = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        return Dictionary(list.compactMap { v in (v["name"] as? String).map { ($0, v) } }) { a, _ in a }
    }

    /// A variable's query text (`label_values(...)`), whether stored as text or as an object.
    static func variableQuery(_ variable: [String: Any]) -> String? {
        if let text = variable["query"] as? String { return text }
        return (variable["query"] as? [String: Any])?["query"] as? String
    }

    /// `expr` as Grafana sends it with every query variable at its All value `.*`,
    /// `$__rate_interval` at 1m and `$__interval` at 15s (the `$name`, `${name}` and `[[name]]`
    /// spellings alike).
    static func resolved(_ expr: String, variables: [String]) -> String {
        var text = expr
        let builtIns = [("__rate_interval", "1m"), ("__interval_ms", "15000"), ("__interval", "15s"), ("__range", "1h")]
        let mine = variables.map { ($0, ".*") }
        for (name, value) in (builtIns + mine).sorted(by: { $0.0.count > $1.0.count }) {
            for spelling in ["${\(name)}", "[[\(name)]]", "$\(name)"] {
                text = text.replacingOccurrences(of: spelling, with: value)
            }
        }
        return text
    }

    /// `label_values(SELECTOR, LABEL)` split into its selector and label.
    static func labelValuesParts(_ query: String) -> (selector: String, label: String)? {
        guard query.hasPrefix("label_values("), query.hasSuffix(")"), let comma = query.lastIndex(of: ",") else { return nil }
        let selector = query[query.index(query.startIndex, offsetBy: "label_values(".count)..<comma]
        let label = query[query.index(after: comma)..<query.index(before: query.endIndex)]
        return (selector.trimmingCharacters(in: .whitespaces), label.trimmingCharacters(in: .whitespaces))
    }

    /// The shipped prometheus.yml with its stream target moved to `streamPort` and its
    /// Pushgateway target to `gatewayPort` (when given), scraping and evaluating every second
    /// (the timeout must not exceed the interval), written beside a copy of the shipped rule file.
    static func configForTests(streamPort: UInt16? = nil, gatewayPort: UInt16? = nil) throws -> URL {
        var config = try String(contentsOf: prometheusConfig, encoding: .utf8)
        var edits = [
            ("  scrape_interval: 5s\n", "  scrape_interval: 1s\n"),
            ("  scrape_timeout: 4s\n", "  scrape_timeout: 1s\n"),
            ("  evaluation_interval: 5s\n", "  evaluation_interval: 1s\n"),
        ]
        if let streamPort { edits.append(("      - targets: [\"127.0.0.1:9464\"]\n", "      - targets: [\"127.0.0.1:\(streamPort)\"]\n")) }
        if let gatewayPort { edits.append(("      - targets: [\"127.0.0.1:9091\"]\n", "      - targets: [\"127.0.0.1:\(gatewayPort)\"]\n")) }
        for (from, to) in edits {
            guard config.components(separatedBy: from).count == 2 else {
                throw ServiceFailure.badReply("prometheus.yml no longer has `\(from)` exactly once; update DeployFiles.configForTests")
            }
            config = config.replacingOccurrences(of: from, with: to)
        }
        let folder = try BarwiseProcess.scratchDirectory()
        try config.write(to: folder.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: rules, to: folder.appendingPathComponent("barwise.rules.yml"))
        return folder.appendingPathComponent("prometheus.yml")
    }

    /// The alert and recording rule names in the rule file, read line by line (`- alert: NAME`).
    static func ruleNames() throws -> [String] {
        try String(contentsOf: rules, encoding: .utf8).split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            for key in ["- alert:", "- record:"] where text.hasPrefix(key) {
                return text.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
            }
            return nil
        }
    }
}
