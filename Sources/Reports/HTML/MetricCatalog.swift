/// The headline metrics a report shows, grouped (returns, risk, ratios, trades), with the unit
/// each value is in. Units: `fraction` (shown as percent), `currency`, `ratio`, `count`, `days`.
/// Names are the summary.json / metrics.csv names (DESIGN.md section 5).
public enum MetricCatalog {
    /// One metric: its summary.json name, a label and its unit.
    public struct Metric: Sendable, Equatable {
        public var name: String
        public var label: String
        public var unit: String
    }

    /// A titled group of metrics.
    public struct Group: Sendable, Equatable {
        public var title: String
        public var metrics: [Metric]
    }

    static func m(_ name: String, _ label: String, _ unit: String) -> Metric { Metric(name: name, label: label, unit: unit) }

    public static let groups: [Group] = [
        Group(title: "Returns", metrics: [
            m("total_return", "Total return", "fraction"), m("buy_and_hold_return", "Buy & hold return", "fraction"),
            m("cagr", "CAGR", "fraction"), m("annual_return", "Annual return", "fraction"),
            m("initial_cash", "Initial cash", "currency"), m("final_equity", "Final equity", "currency"),
            m("equity_peak", "Equity peak", "currency"), m("best_month", "Best month", "fraction"), m("worst_month", "Worst month", "fraction"),
        ]),
        Group(title: "Risk", metrics: [
            m("annual_volatility", "Annual volatility", "fraction"), m("max_drawdown", "Max drawdown", "fraction"),
            m("avg_drawdown", "Average drawdown", "fraction"), m("max_drawdown_duration_days", "Max drawdown duration", "days"),
            m("avg_drawdown_duration_days", "Average drawdown duration", "days"), m("var_95", "Daily VaR 95% (historical)", "fraction"),
            m("beta", "Beta", "ratio"),
        ]),
        Group(title: "Ratios", metrics: [
            m("sharpe", "Sharpe ratio", "ratio"), m("sortino", "Sortino ratio", "ratio"), m("calmar", "Calmar ratio", "ratio"),
            m("alpha", "Alpha", "fraction"), m("profit_factor", "Profit factor", "ratio"), m("sqn", "SQN", "ratio"),
            m("kelly", "Kelly criterion", "ratio"),
        ]),
        Group(title: "Trades", metrics: [
            m("trades", "Closed trades", "count"), m("open_trades", "Open trades", "count"), m("win_rate", "Win rate", "fraction"),
            m("best_trade", "Best trade", "fraction"), m("worst_trade", "Worst trade", "fraction"), m("avg_trade", "Average trade", "fraction"),
            m("expectancy", "Expectancy", "fraction"), m("exposure", "Exposure", "fraction"), m("commissions", "Commissions", "currency"),
        ]),
    ]

    /// The unit of a metric by name; names not in the catalog are guessed from their suffix.
    public static func unit(of name: String) -> String {
        for g in groups { if let m = g.metrics.first(where: { $0.name == name }) { return m.unit } }
        if name.hasSuffix("_days") { return "days" }
        if ["bars", "warmup_bars"].contains(name) { return "count" }
        if name.hasSuffix("_return") || name.hasSuffix("_rate") || name.hasSuffix("drawdown") { return "fraction" }
        return "number"
    }

    /// A value as the report shows it in its unit; `n/a` for an undefined (NaN) one.
    public static func display(_ value: Double, unit: String) -> String {
        guard !value.isNaN else { return "n/a" }
        switch unit {
        case "fraction": return NumberText.percent(value)
        case "currency": return NumberText.grouped(value, 2)
        case "count": return NumberText.grouped(value, 0)
        case "days": return NumberText.grouped(value, 0) + " days"
        default: return NumberText.fixed(value, abs(value) >= 100 ? 1 : 3)
        }
    }
}
