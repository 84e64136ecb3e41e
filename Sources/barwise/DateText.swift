import ArgumentParser
import MarketData

/// Timestamps as the CLI prints them: ISO 8601 UTC; a date alone for midnight stamps in tables.
enum DateText {
    static func iso(_ t: Int64) -> String { CivilTime.iso8601(t) }
    static func day(_ t: Int64) -> String { t % 86_400 == 0 ? CivilTime.isoDate(t) : CivilTime.iso8601(t) }

    /// The longest date text accepted (an ISO timestamp with nanoseconds and an offset is 35).
    static let maxLength = 64

    /// Parses `--from`/`--to` values (any date shape the ingest accepts) into epoch seconds;
    /// nil when the text is not a date. `CivilTime` checks every field's arithmetic, so no
    /// text can trap (a 20-digit field is simply not a date).
    static func parse(_ text: String) -> Int64? {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        guard trimmed.utf8.count <= maxLength else { return nil }
        return CivilTime.parseTimestamp(trimmed)
    }

    /// `--from`/`--to` as epoch seconds: a one-line `ValidationError` when one is not a date or
    /// they are reversed.
    static func range(from: String?, to: String?) throws -> (from: Int64?, to: Int64?) {
        let f = try from.map { text -> Int64 in
            guard let t = parse(text) else { throw notADate("--from", text) }
            return t
        }
        let t = try to.map { text -> Int64 in
            guard let t = parse(text) else { throw notADate("--to", text) }
            return t
        }
        if let f, let t, f > t, let from, let to { throw ValidationError("--from \(from) is after --to \(to)") }
        return (f, t)
    }

    /// `--from 'x' is not a date (use YYYY-MM-DD)`, the value capped as `InputEcho` does.
    static func notADate(_ option: String, _ text: String) -> ValidationError {
        ValidationError("\(option) \(InputEcho.quoted(text)) is not a date (use YYYY-MM-DD or an ISO 8601 timestamp)")
    }
}

/// A quality finding as a JSON object.
enum FindingJSON {
    static func object(_ f: QualityFinding) -> [String: Any] {
        var o: [String: Any] = ["rule": f.rule.rawValue, "severity": f.rule.severity.rawValue, "symbol": f.symbol, "detail": f.detail]
        if let t = f.timestamp { o["timestamp"] = CivilTime.iso8601(t) }
        return o
    }
}
