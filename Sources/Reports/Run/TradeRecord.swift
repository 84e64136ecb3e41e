/// One row of `trades.csv`: `symbol,side,size,entry_time,entry_bar,entry_price,exit_time,
/// exit_bar,exit_price,commission,pnl,return`. A trade still open has no exit (nil) and NaN pnl
/// and return. `return` is a fraction; bars are 0-based indices into the symbol's series.
public struct TradeRecord: Sendable, Equatable {
    public var symbol: String
    public var side: String
    public var size: Double
    public var entryTime: Int64
    public var entryBar: Int
    public var entryPrice: Double
    public var exitTime: Int64?
    public var exitBar: Int?
    public var exitPrice: Double?
    public var commission: Double
    public var pnl: Double
    public var returnFraction: Double

    public init(symbol: String, side: String, size: Double, entryTime: Int64, entryBar: Int, entryPrice: Double,
                exitTime: Int64?, exitBar: Int?, exitPrice: Double?, commission: Double, pnl: Double, returnFraction: Double) {
        self.symbol = symbol
        self.side = side
        self.size = size
        self.entryTime = entryTime
        self.entryBar = entryBar
        self.entryPrice = entryPrice
        self.exitTime = exitTime
        self.exitBar = exitBar
        self.exitPrice = exitPrice
        self.commission = commission
        self.pnl = pnl
        self.returnFraction = returnFraction
    }

    public var isOpen: Bool { exitTime == nil }
    public var isLong: Bool { side.lowercased() != "short" }

    /// Reads `trades.csv` (a header alone means no trades).
    public static func read(path: String, name: String) throws(ReportError) -> [TradeRecord] {
        let csv = try CSVTable(path: path, name: name)
        let c = (symbol: try csv.column("symbol"), side: try csv.column("side"), size: try csv.column("size"),
                 et: try csv.column("entry_time"), eb: try csv.column("entry_bar"), ep: try csv.column("entry_price"),
                 xt: try csv.column("exit_time"), xb: try csv.column("exit_bar"), xp: try csv.column("exit_price"),
                 comm: try csv.column("commission"), pnl: try csv.column("pnl"), ret: try csv.column("return"))
        var trades: [TradeRecord] = []
        trades.reserveCapacity(csv.count)
        for row in 0..<csv.count {
            let side = try csv.string(row, c.side)
            guard ["long", "short"].contains(side.lowercased()) else {
                throw .malformedCSV(file: name, line: csv.lines[row], field: "side", detail: "is '\(side)'; expected long or short")
            }
            let open = csv.isEmpty(row, c.xt)
            trades.append(TradeRecord(
                symbol: try csv.string(row, c.symbol), side: side, size: try csv.double(row, c.size),
                entryTime: try csv.timestamp(row, c.et), entryBar: try csv.int(row, c.eb), entryPrice: try csv.double(row, c.ep),
                exitTime: open ? nil : try csv.timestamp(row, c.xt), exitBar: open ? nil : try csv.int(row, c.xb),
                exitPrice: open ? nil : try csv.double(row, c.xp), commission: try csv.double(row, c.comm, allowEmpty: true),
                pnl: try csv.double(row, c.pnl, allowEmpty: open), returnFraction: try csv.double(row, c.ret, allowEmpty: open)))
        }
        return trades
    }
}
