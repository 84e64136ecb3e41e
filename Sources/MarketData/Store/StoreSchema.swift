/// The store's schema as forward migrations: `migrations[i]` takes `PRAGMA user_version` from
/// `i` to `i + 1`. A new schema change is a new entry at the end; entries already shipped are
/// never edited, so any older store upgrades step by step when it is opened.
enum StoreSchema {
    static let migrations: [String] = [
        // 0 → 1: the tables of DESIGN.md section 6.
        """
        CREATE TABLE instruments (
            id          INTEGER PRIMARY KEY,
            symbol      TEXT NOT NULL UNIQUE,
            name        TEXT,
            asset_class TEXT,
            currency    TEXT,
            source      TEXT
        );
        CREATE TABLE bars (
            instrument_id INTEGER NOT NULL REFERENCES instruments(id),
            interval      TEXT NOT NULL,
            ts            INTEGER NOT NULL,
            open REAL, high REAL, low REAL, close REAL, volume REAL, adj_close REAL,
            PRIMARY KEY (instrument_id, interval, ts)
        ) WITHOUT ROWID;
        CREATE TABLE ingests (
            id            INTEGER PRIMARY KEY,
            started_at    TEXT NOT NULL,
            finished_at   TEXT,
            source        TEXT NOT NULL,
            path          TEXT,
            sha256        TEXT,
            rows_read     INTEGER NOT NULL DEFAULT 0,
            rows_written  INTEGER NOT NULL DEFAULT 0,
            rows_rejected INTEGER NOT NULL DEFAULT 0,
            status        TEXT NOT NULL,
            message       TEXT
        );
        CREATE TABLE quality_issues (
            ingest_id     INTEGER REFERENCES ingests(id),
            instrument_id INTEGER REFERENCES instruments(id),
            ts            INTEGER,
            rule          TEXT NOT NULL,
            detail        TEXT NOT NULL
        );
        CREATE INDEX quality_issues_by_instrument ON quality_issues (instrument_id, rule);
        """,
    ]

    static var currentVersion: Int { migrations.count }
}
