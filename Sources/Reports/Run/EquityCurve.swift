import Analytics

/// `equity.csv` of a run folder: one row per bar, `timestamp,equity,cash,exposure,drawdown`
/// (drawdown a negative fraction or 0; exposure the fraction of equity in the market).
public struct EquityCurve: Sendable, Equatable {
    public var timestamps: [Int64] = []
    public var equity: [Double] = []
    public var cash: [Double] = []
    public var exposure: [Double] = []
    public var drawdown: [Double] = []

    public init(timestamps: [Int64] = [], equity: [Double] = [], cash: [Double] = [], exposure: [Double] = [], drawdown: [Double] = []) {
        self.timestamps = timestamps
        self.equity = equity
        self.cash = cash
        self.exposure = exposure
        self.drawdown = drawdown
    }

    public var count: Int { timestamps.count }

    /// Reads `equity.csv`; `timestamp` and `equity` are required. `cash`, `exposure` and
    /// `drawdown` are read only when `full`: the report draws neither cash nor exposure, and
    /// recomputes drawdown from equity (`DrawdownAnalysis.series`, the definition the engine writes),
    /// which is cheaper than parsing it and saves most of the parsing of a million-bar run.
    /// Timestamps must increase.
    public static func read(path: String, name: String, full: Bool = false) throws(ReportError) -> EquityCurve {
        let csv = try CSVTable(path: path, name: name)
        let ct = try csv.column("timestamp"), ce = try csv.column("equity")
        let cc = full ? csv.optionalColumn("cash") : nil, cx = full ? csv.optionalColumn("exposure") : nil
        let cd = full ? csv.optionalColumn("drawdown") : nil
        var curve = EquityCurve()
        curve.timestamps = try csv.timestamps(ct)
        curve.equity = try csv.doubles(ce)
        for row in curve.timestamps.indices {
            if row > 0, curve.timestamps[row] <= curve.timestamps[row - 1] {
                throw .malformedCSV(file: name, line: csv.lines[row], field: "timestamp", detail: "does not increase (rows must be in time order, one per bar)")
            }
            if !curve.equity[row].isFinite { throw .malformedCSV(file: name, line: csv.lines[row], field: "equity", detail: "is not finite") }
        }
        if let cc { curve.cash = try csv.doubles(cc, allowEmpty: true) }
        if let cx { curve.exposure = try csv.doubles(cx, allowEmpty: true) }
        if let cd { curve.drawdown = try csv.doubles(cd, allowEmpty: true) }
        guard curve.count > 0 else { throw .malformedCSV(file: name, line: 2, field: "timestamp", detail: "is missing: the file has no rows") }
        if curve.drawdown.count != curve.count { curve.drawdown = DrawdownAnalysis.series(curve.equity) }
        return curve
    }
}
