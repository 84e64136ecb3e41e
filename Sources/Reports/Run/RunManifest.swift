/// `manifest.json` of a run, shown as the report's provenance: the command, strategy file,
/// data sources and Barwise version, flattened to `key: value` lines in a stable order.
public struct RunManifest: Sendable, Equatable {
    /// One provenance line: a manifest key and its value as text.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Keys shown first, in this order (those `barwise run` writes); the rest follow
    /// alphabetically.
    static let leading = ["command", "strategy_file", "strategy_sha256", "interval", "data_range", "ingests", "barwise_version", "wall_time_seconds"]

    /// Keys the report shows elsewhere (run facts), left out of the provenance lines.
    static let shownElsewhere = ["params", "symbols", "strategy", "start", "end"]

    static func read(path: String, name: String) throws(ReportError) -> RunManifest {
        let object = try JSONFile.object(path: path, name: name)
        let keys = leading.filter { object[$0] != nil } + object.keys.filter { !leading.contains($0) && !shownElsewhere.contains($0) }.sorted()
        var entries: [Entry] = []
        for key in keys {
            let value = object[key]!
            // A list of records (one per symbol, one per ingest) is a line per record; an absent
            // value (no --from, no overrides) is no line at all.
            if case .array(let items) = value, items.contains(where: { if case .object = $0 { true } else { false } }) {
                for item in items { entries.append(Entry(key: key, value: item.text)) }
            } else if !value.text.isEmpty {
                entries.append(Entry(key: key, value: value.text))
            }
        }
        return RunManifest(entries: entries)
    }
}
