import Foundation
import MarketData
import Risk

/// The 20-stock panel (Tests/Fixtures/data) and the PyPortfolioOpt/numpy references
/// (Tests/Fixtures/reference/portfolio, see PROVENANCE.md).
enum PortfolioFixtures {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Symbols, stamps and price columns (NaN = empty cell) of the panel CSV.
    static func prices() throws -> (symbols: [String], timestamps: [Int64], prices: [[Double]]) {
        let text = try String(contentsOf: fixtures.appendingPathComponent("data/stock_prices_20sym_daily_1989-2018.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let symbols = Array(header.dropFirst())
        var stamps: [Int64] = []
        var columns = [[Double]](repeating: [], count: symbols.count)
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            stamps.append(CivilTime.parseTimestamp(f[0])!)
            for j in symbols.indices { columns[j].append(Double(f[j + 1]) ?? .nan) }
        }
        return (symbols, stamps, columns)
    }

    static func panel(_ alignment: ReturnsPanel.Alignment = .completeRows) throws -> ReturnsPanel {
        let p = try prices()
        return try ReturnsPanel(symbols: p.symbols, timestamps: p.timestamps, prices: p.prices, alignment: alignment)
    }

    static func json() throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("reference/portfolio/portfolio.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// `complete.<path…>` of portfolio.json.
    static func complete(_ path: String...) throws -> Any {
        var node: Any = (try json())["complete"]!
        for key in path { node = (node as! [String: Any])[key]! }
        return node
    }

    static func number(_ path: String...) throws -> Double {
        var node: Any = (try json())["complete"]!
        for key in path { node = (node as! [String: Any])[key]! }
        return (node as! NSNumber).doubleValue
    }

    /// A symbol → weight dictionary of the reference, in `symbols` order.
    static func weights(_ path: [String], symbols: [String]) throws -> [Double] {
        var node: Any = (try json())["complete"]!
        for key in path { node = (node as! [String: Any])[key]! }
        let d = node as! [String: Any]
        return symbols.map { (d[$0] as! NSNumber).doubleValue }
    }

    /// A CSV matrix with a header row and a label column.
    static func matrix(_ name: String) throws -> Matrix {
        let text = try String(contentsOf: fixtures.appendingPathComponent("reference/portfolio/\(name)"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { line in line.split(separator: ",").dropFirst().map { Double($0)! } }
        return Matrix(rows: Array(rows))
    }

    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
}
