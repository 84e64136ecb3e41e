/// The data-quality rules, by the name stored in `quality_issues.rule`.
public enum QualityRule: String, Sendable, CaseIterable, Codable {
    /// High below max(open, close), low above min(open, close), or high below low.
    case ohlcInconsistent = "ohlc_inconsistent"
    /// An open, high, low or close at or below zero.
    case nonPositivePrice = "non_positive_price"
    case negativeVolume = "negative_volume"
    /// Identical rows of one file with the same timestamp, stored once. (Rows with one
    /// timestamp and different values are not stored: the ingest fails, or rejects the later
    /// rows with `--skip-bad-rows`.)
    case duplicateTimestamp = "duplicate_timestamp"
    /// Rows neither ascending nor descending (a wholly descending file is fine).
    case outOfOrder = "out_of_order"
    /// More time between two bars than the interval allows: over 4 calendar days for daily
    /// and intraday data (weekends and holidays are not gaps), over 1.5 intervals for longer ones.
    case gap
    /// A one-bar absolute log return above 10 standard deviations of the previous 20 returns.
    case spike
    /// Five or more identical consecutive bars (same open, high, low, close and volume).
    case staleRun = "stale_run"
    /// A bar with a missing open, high or low.
    case missingValues = "missing_values"
    /// A row skipped with `--skip-bad-rows`.
    case badRow = "bad_row"

    public enum Severity: String, Sendable, Codable { case error, warning }

    /// Errors make `barwise data check` exit 1; warnings are reported only.
    public var severity: Severity {
        switch self {
        case .ohlcInconsistent, .nonPositivePrice, .negativeVolume: .error
        case .duplicateTimestamp, .outOfOrder, .gap, .spike, .staleRun, .missingValues, .badRow: .warning
        }
    }

    /// Rules that only a source file can show: the store keeps one bar per timestamp, in order,
    /// and never the skipped rows, so `data check` reports these from the ingest records.
    public var isFileLevel: Bool { self == .duplicateTimestamp || self == .outOfOrder || self == .badRow }
}

/// One finding of a quality rule.
public struct QualityFinding: Sendable, Equatable {
    public var rule: QualityRule
    public var symbol: String
    /// The bar concerned (UTC epoch seconds), nil for findings about a whole file.
    public var timestamp: Int64?
    public var detail: String

    public init(rule: QualityRule, symbol: String, timestamp: Int64?, detail: String) {
        self.rule = rule
        self.symbol = symbol
        self.timestamp = timestamp
        self.detail = detail
    }
}
