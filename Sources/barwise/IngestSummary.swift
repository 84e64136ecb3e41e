import Foundation
import MarketData

/// How `barwise ingest` reports one file, as text and as JSON.
enum IngestSummary {
    static func text(_ r: IngestReport) -> String {
        if r.status == .unchanged {
            return "\(r.path): unchanged, nothing written (the store already holds these \(r.parts.reduce(0) { $0 + $1.bars }) bars)"
        }
        var lines: [String] = []
        let symbols = r.parts.count == 1
            ? "\(r.parts[0].symbol) \(r.parts[0].interval) \(DateText.day(r.parts[0].first)) … \(DateText.day(r.parts[0].last))"
            : "\(r.parts.count) symbols"
        var counts = "\(r.rowsRead) rows read, \(r.rowsWritten) written, \(r.rowsRejected) rejected"
        if r.duplicatesCollapsed > 0 {
            counts += ", \(r.duplicatesCollapsed) identical duplicate row\(r.duplicatesCollapsed == 1 ? "" : "s") collapsed"
        }
        lines.append("\(r.path): \(r.format.rawValue), \(symbols): \(counts) [ingest \(r.ingestID ?? 0), \(r.status.rawValue)]")
        for part in r.parts where part.overlapping > 0 {
            let kept = part.overlapping - part.replaced
            lines.append("  \(part.symbol) \(part.interval): \(part.added) new bars, \(part.replaced) stored bars replaced, \(kept) kept as stored")
        }
        if !r.findings.isEmpty {
            var counts: [QualityRule: Int] = [:]
            for f in r.findings { counts[f.rule, default: 0] += 1 }
            let errors = counts.filter { $0.key.severity == .error }.values.reduce(0, +)
            let warnings = counts.filter { $0.key.severity == .warning }.values.reduce(0, +)
            let detail = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
            lines.append("  quality: \(errors) errors, \(warnings) warnings (\(detail)); see barwise data check")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ r: IngestReport) -> [String: Any] {
        [
            "path": r.path, "format": r.format.rawValue, "sha256": r.sha256, "status": r.status.rawValue,
            "ingest_id": r.ingestID.map { $0 as Any } ?? NSNull(),
            "rows_read": r.rowsRead, "rows_written": r.rowsWritten, "rows_rejected": r.rowsRejected,
            "duplicates_collapsed": r.duplicatesCollapsed,
            "symbols": r.parts.map {
                ["symbol": $0.symbol, "interval": $0.interval.description, "bars": $0.bars, "written": $0.written,
                 "added": $0.added, "replaced": $0.replaced,
                 "first": DateText.iso($0.first), "last": DateText.iso($0.last)] as [String: Any]
            },
            "findings": r.findings.map(FindingJSON.object),
        ]
    }
}
