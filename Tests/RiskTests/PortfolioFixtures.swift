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
        guard !lines.isEmpty else { throw FixtureError("the price panel is empty") }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let symbols = Array(header.dropFirst())
        var stamps: [Int64] = []
        var columns = [[Double]](repeating: [], count: symbols.count)
        for (i, line) in lines.enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == header.count, let t = CivilTime.parseTimestamp(f[0]) else {
                throw FixtureError("price panel line \(i + 2): expected a date and \(symbols.count) fields")
            }
            stamps.append(t)
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
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw FixtureError("portfolio.json is not an object") }
        return object
    }

    /// `complete.<path…>` of portfolio.json.
    static func complete(_ path: String...) throws -> Any { try node(path) }

    static func number(_ path: String...) throws -> Double {
        guard let n = try node(path) as? NSNumber else { throw FixtureError("complete.\(path.joined(separator: ".")) is not a number") }
        return n.doubleValue
    }

    /// A symbol → weight dictionary of the reference, in `symbols` order.
    static func weights(_ path: [String], symbols: [String]) throws -> [Double] {
        guard let d = try node(path) as? [String: Any] else { throw FixtureError("complete.\(path.joined(separator: ".")) is not an object") }
        return try symbols.map { symbol in
            guard let n = d[symbol] as? NSNumber else { throw FixtureError("complete.\(path.joined(separator: ".")) has no weight for \(symbol)") }
            return n.doubleValue
        }
    }

    /// The value at `complete.<path…>`, or an error naming the first missing key.
    private static func node(_ path: [String]) throws -> Any {
        var node: Any? = try json()["complete"]
        var walked = "complete"
        for key in path {
            guard let object = node as? [String: Any] else { throw FixtureError("\(walked) is not an object") }
            node = object[key]
            walked += ".\(key)"
        }
        guard let node else { throw FixtureError("portfolio.json has no \(walked)") }
        return node
    }

    /// A fixture that cannot be used: a failed test, not a crash of the test process.
    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A CSV matrix with a header row and a label column.
    static func matrix(_ name: String) throws -> Matrix {
        let text = try String(contentsOf: fixtures.appendingPathComponent("reference/portfolio/\(name)"), encoding: .utf8)
        let rows = try text.split(separator: "\n").dropFirst().map { line in
            try line.split(separator: ",").dropFirst().map { field in
                guard let v = Double(field) else { throw FixtureError("\(name): '\(field)' is not a number") }
                return v
            }
        }
        return Matrix(rows: Array(rows))
    }

    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
}
