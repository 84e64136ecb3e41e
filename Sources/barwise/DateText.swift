import MarketData

/// Timestamps as the CLI prints them: ISO 8601 UTC; a date alone for midnight stamps in tables.
enum DateText {
    static func iso(_ t: Int64) -> String { CivilTime.iso8601(t) }
    static func day(_ t: Int64) -> String { t % 86_400 == 0 ? CivilTime.isoDate(t) : CivilTime.iso8601(t) }

    /// Parses `--from`/`--to` values (any date shape the ingest accepts) into epoch seconds.
    static func parse(_ text: String) -> Int64? { CivilTime.parseTimestamp(text) }
}

/// A quality finding as a JSON object.
enum FindingJSON {
    static func object(_ f: QualityFinding) -> [String: Any] {
        var o: [String: Any] = ["rule": f.rule.rawValue, "severity": f.rule.severity.rawValue, "symbol": f.symbol, "detail": f.detail]
        if let t = f.timestamp { o["timestamp"] = CivilTime.iso8601(t) }
        return o
    }
}
