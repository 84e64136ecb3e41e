/// Where the time, price and size of a tick CSV are, found from its first row:
///
/// - a header naming them: time as `time`, `timestamp`, `transact_time`, `datetime`, `date`
///   or `ts`; price as `price`; size as `size`, `qty`, `quantity`, `amount` or `volume`
///   (names compared as `CSVHeader` does: case and punctuation ignored; other columns ignored);
/// - no header (the first cell is a number): Binance's aggTrades
///   `agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]`
///   (8 columns, or 7 ending in one boolean) or trades
///   `id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]` (6 columns, or 7 ending in two
///   booleans).
struct TickFileLayout {
    let hasHeader: Bool
    let time: Int
    let price: Int
    let size: Int
    /// Column names for messages (the header's, or Binance's for a headerless file).
    let names: [String]
    /// Which layout was recognised: `header`, `binance aggTrades`, `binance trades`.
    let kind: String

    var lastColumn: Int { max(time, price, size) }

    static let aggTradesNames = ["agg_trade_id", "price", "quantity", "first_trade_id", "last_trade_id", "transact_time", "is_buyer_maker", "is_best_match"]
    static let tradesNames = ["id", "price", "qty", "quote_qty", "time", "is_buyer_maker", "is_best_match"]

    init(firstRow fields: [CSVScanner.Field], scanner: CSVScanner, fileName: String) throws(IngestError) {
        let b = scanner.bytes
        if let first = fields.first, DecimalParser.parse(b, first.start, first.end) != nil {
            hasHeader = false
            let isBool = { (k: Int) -> Bool in
                let t = scanner.text(fields[k]).trimmingCharacters(in: .whitespaces).lowercased()
                return t == "true" || t == "false"
            }
            let n = fields.count
            if n == 8 || (n == 7 && isBool(6) && !isBool(5)) {
                (time, price, size, kind) = (5, 1, 2, "binance aggTrades")
                names = Array(Self.aggTradesNames.prefix(n))
            } else if n == 6 || (n == 7 && isBool(5) && isBool(6)) {
                (time, price, size, kind) = (4, 1, 2, "binance trades")
                names = Array(Self.tradesNames.prefix(n))
            } else {
                throw .unrecognized(
                    file: fileName,
                    detail: "a tick file without a header must be Binance aggTrades (\(Self.aggTradesNames.joined(separator: ","))) or trades (\(Self.tradesNames.joined(separator: ","))); the first row has \(n) columns. Add a header naming the time, price and size columns")
            }
            return
        }
        hasHeader = true
        kind = "header"
        let header = fields.map { scanner.text($0).trimmingCharacters(in: .whitespaces) }
        names = header
        let keys = header.map(CSVHeader.normalized)
        func column(_ accepted: [String], _ role: String) throws(IngestError) -> Int {
            for name in accepted {
                if let k = keys.firstIndex(of: name) { return k }
            }
            throw .missingColumn(file: fileName, column: role, header: header.joined(separator: ","))
        }
        time = try column(["time", "timestamp", "transacttime", "datetime", "date", "ts"], "time")
        price = try column(["price"], "price")
        size = try column(["size", "qty", "quantity", "amount", "volume"], "size")
    }
}
