/// One line of `barwise data list`: what the store holds for a symbol at one interval.
public struct DatasetSummary: Sendable, Equatable {
    public var symbol: String
    public var interval: Interval
    public var bars: Int
    public var first: Int64
    public var last: Int64
    public var source: String?
}

/// One row of the `ingests` audit table.
public struct IngestRecord: Sendable, Equatable {
    public var id: Int64
    public var startedAt: String
    public var finishedAt: String?
    public var source: String
    public var path: String?
    public var sha256: String?
    public var rowsRead: Int
    public var rowsWritten: Int
    public var rowsRejected: Int
    public var status: String
    public var message: String?
}
