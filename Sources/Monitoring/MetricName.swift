import Prometheus

/// A `barwise_*` metric's name, unit suffix and help text, as swift-prometheus wants them.
///
/// Names follow Prometheus conventions: the unit is part of the name (`_seconds`, `_ratio`,
/// `_units`, `_currency` for amounts in the account's currency) and counters end in `_total`.
public struct MetricName: Sendable {
    public let name: String
    public let unit: String
    public let help: String

    public init(_ name: String, unit: String, help: String) {
        self.name = name
        self.unit = unit
        self.help = help
    }

    /// The full name, `barwise_<name>_<unit>`.
    public var fullName: String { unit.isEmpty ? "barwise_\(name)" : "barwise_\(name)_\(unit)" }

    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "barwise", metricName: name, unitName: unit, helpText: help)
    }
}

extension PrometheusCollectorRegistry {
    /// A counter named by `metric`, with these labels.
    func counter(_ metric: MetricName, _ labels: [(String, String)] = []) -> Counter {
        makeCounter(descriptor: metric.descriptor, labels: labels)
    }

    /// A gauge named by `metric`, with these labels.
    func gauge(_ metric: MetricName, _ labels: [(String, String)] = []) -> Gauge {
        makeGauge(descriptor: metric.descriptor, labels: labels)
    }
}
