/// What to ingest and how: `barwise ingest`'s options.
public struct IngestOptions: Sendable {
    public var format: IngestFormat = .auto
    /// The symbol; nil derives it from the file name (`GOOG_daily_2004-2013.csv` → `GOOG`).
    public var symbol: String?
    /// The bar interval; nil infers it from the timestamps.
    public var interval: Interval?
    public var skipBadRows = false
    /// What to do with stored bars the file overlaps (`--replace`, `--append`).
    public var overlap: OverlapPolicy = .guarded
    /// `--tz`: the files' intraday times are wall-clock times of this zone (nil: UTC).
    public var timeZone: WallClockZone?
    /// `--stamp`: how the files stamp their bars (nil: each format's own convention).
    public var stamp: BarStamp?

    public init(
        format: IngestFormat = .auto, symbol: String? = nil, interval: Interval? = nil, skipBadRows: Bool = false,
        overlap: OverlapPolicy = .guarded
    ) {
        self.format = format
        self.symbol = symbol
        self.interval = interval
        self.skipBadRows = skipBadRows
        self.overlap = overlap
    }

    /// The symbol a file holds when `--symbol` is absent: the file name up to the first `_`
    /// or `.`, upper-cased (`goog.csv` → `GOOG`, `EURUSD_hourly_2017-2018.csv` → `EURUSD`).
    public static func symbol(fromFileName path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.split(whereSeparator: { $0 == "_" || $0 == "." }).first.map(String.init) ?? name
        return stem.uppercased()
    }

    /// The symbol of a tick file when `--symbol` is absent: Binance's dump names
    /// `BTCUSDT-aggTrades-2024-01-01.csv` and `BTCUSDT-trades-2024-01.csv` give `BTCUSDT`;
    /// any other name follows `symbol(fromFileName:)`.
    public static func symbol(fromTickFileName path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for marker in ["-aggTrades-", "-trades-"] {
            if let r = name.range(of: marker), r.lowerBound > name.startIndex { return String(name[..<r.lowerBound]).uppercased() }
        }
        return symbol(fromFileName: path)
    }
}

/// The outcome of ingesting one file.
public struct IngestReport: Sendable {
    public enum Status: String, Sendable {
        /// Every data row was stored.
        case ok
        /// Some rows were skipped (`--skip-bad-rows`, or rows without any price).
        case partial
        /// The store already held exactly these bars: nothing was written, not even an audit row.
        case unchanged
    }

    /// One instrument of the file.
    public struct SymbolPart: Sendable {
        public var symbol: String
        public var interval: Interval
        /// Distinct timestamps of the file for this symbol (identical repeats collapsed).
        public var bars: Int
        /// Bars inserted or changed: `added + replaced`.
        public var written: Int
        public var first: Int64
        public var last: Int64
        /// Bars at timestamps the store did not hold.
        public var added = 0
        /// Stored bars whose values the file changed.
        public var replaced = 0
        /// Bars at timestamps the store already held (`bars - added`): unchanged, replaced, or
        /// kept as stored with `--append`.
        public var overlapping: Int { bars - added }
    }

    public var path: String
    public var format: IngestFormat
    public var sha256: String
    /// The `ingests` row, nil when nothing was written.
    public var ingestID: Int64?
    public var rowsRead: Int
    public var rowsWritten: Int
    public var rowsRejected: Int
    /// Rows dropped as identical repeats of a timestamp (`DuplicateRows`).
    public var duplicatesCollapsed = 0
    public var status: Status
    public var parts: [SymbolPart]
    public var findings: [QualityFinding]
}
