import MarketData

/// The trades table's rows as the template renders them: every trade when there are at most
/// `2 * edge`, else the first and last `edge` with a marker row between. Each cell carries a
/// sort key (`data-sort`) so the inline script sorts numbers as numbers.
public struct TradesTable: Sendable {
    public var trades: [TradeRecord]
    public var edge = 100

    public init(trades: [TradeRecord]) { self.trades = trades }

    /// Rows in file order (`number` is the 1-based trade number).
    public var shown: [(number: Int, trade: TradeRecord)] {
        let numbered = trades.enumerated().map { ($0.offset + 1, $0.element) }
        return trades.count <= 2 * edge ? numbered : Array(numbered.prefix(edge) + numbered.suffix(edge))
    }

    public var omitted: Int { max(0, trades.count - 2 * edge) }

    /// Mustache context: `head` and `tail` (the rows' HTML, every value escaped here: building
    /// a few hundred rows as strings is ten times faster than mustache sections over
    /// dictionaries), and `omitted` (false, or the count left out between them).
    func context() -> [String: Any] {
        var rows: [String] = []
        rows.reserveCapacity(shown.count)
        for (number, t) in shown {
            var row = "<tr>"
            func cell(_ text: String, _ sort: String, _ cls: String = "num") {
                row += "<td class=\"\(cls)\" data-sort=\"\(Escape.html(sort))\">\(Escape.html(text))</td>"
            }
            func num(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }
            let pnlClass = !t.pnl.isFinite ? "num" : t.pnl >= 0 ? "num gain" : "num loss"
            cell(String(number), String(number))
            cell(t.symbol, t.symbol, "text")
            cell(t.side, t.side, "text")
            cell(NumberText.grouped(t.size, t.size == t.size.rounded() ? 0 : 4), num(t.size))
            cell(CivilTime.isoDate(t.entryTime), String(t.entryTime), "text")
            cell(NumberText.grouped(t.entryPrice, 2), num(t.entryPrice))
            cell(t.exitTime.map(CivilTime.isoDate) ?? "open", t.exitTime.map { String($0) } ?? "", "text")
            cell(t.exitPrice.map { NumberText.grouped($0, 2) } ?? "–", t.exitPrice.map(num) ?? "")
            cell(NumberText.grouped(t.pnl, 2), num(t.pnl), pnlClass)
            cell(NumberText.percent(t.returnFraction), num(t.returnFraction), pnlClass)
            cell(NumberText.grouped(t.commission, 2), num(t.commission))
            rows.append(row + "</tr>\n")
        }
        let head = omitted > 0 ? rows.prefix(edge).joined() : rows.joined()
        let tail = omitted > 0 ? rows.suffix(edge).joined() : ""
        return ["head": head, "tail": tail, "omitted": omitted > 0 ? ["count": NumberText.grouped(Double(omitted), 0), "edge": edge] as [String: Any] : false, "total": trades.count]
    }
}
