/// `barwise data check`: the quality rules over what the store holds.
extension DatasetStore {
    /// Checks the stored bars of `symbols` (all when empty) at every interval, and adds the
    /// file-level findings recorded when they were ingested (duplicates, order, skipped rows),
    /// which stored bars can no longer show. Read-only.
    public func checkQuality(symbols: [String] = [], using check: QualityCheck = QualityCheck()) throws(StoreError) -> [QualityFinding] {
        let chosen = symbols.isEmpty ? try self.symbols() : symbols
        var findings: [QualityFinding] = []
        for symbol in chosen {
            for interval in try intervals(of: symbol) {
                findings += check.check(stored: try load(symbol: symbol, interval: interval))
            }
            findings += try recordedFileFindings(symbol: symbol)
        }
        return findings
    }

    private func recordedFileFindings(symbol: String) throws(StoreError) -> [QualityFinding] {
        let rules = QualityRule.allCases.filter(\.isFileLevel)
        return try run { () throws(SQLiteError) in
            let s = try db.prepare("""
                SELECT q.rule, q.ts, q.detail, g.path FROM quality_issues q
                JOIN instruments i ON i.id = q.instrument_id
                LEFT JOIN ingests g ON g.id = q.ingest_id
                WHERE i.symbol = ? AND q.rule IN (\(rules.map { "'\($0.rawValue)'" }.joined(separator: ",")))
                ORDER BY q.ingest_id, q.rowid
                """)
            try s.bind(1, symbol)
            var out: [QualityFinding] = []
            while try s.step() {
                guard let rule = s.string(0).flatMap(QualityRule.init(rawValue:)) else { continue }
                let ts: Int64? = s.isNull(1) ? nil : s.int64(1)
                let from = s.string(3).map { " (ingest of \($0))" } ?? ""
                out.append(QualityFinding(rule: rule, symbol: symbol, timestamp: ts, detail: (s.string(2) ?? "") + from))
            }
            return out
        }
    }
}
