import Foundation

/// A tiny CSV reader for the test fixtures (comma-separated, first line a header, CRLF or LF, empty
/// field = NaN, first column kept as text). Deliberately independent of MarketData's ingest code.
struct FixtureTable {
    let header: [String]
    let keys: [String]
    let columns: [String: [Double]]
    var rowCount: Int { keys.count }

    subscript(_ name: String) -> [Double] {
        guard let column = columns[name] else {
            Issue.record("fixture has no column \(name)")
            return []
        }
        return column
    }

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        // "\r\n" is one Character in Swift, so split on any newline rather than on "\n".
        var lines = text.split(whereSeparator: \.isNewline)
        guard !lines.isEmpty else { throw FixtureError.empty(path) }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        self.header = header
        var keys: [String] = []
        var cols = [[Double]](repeating: [], count: header.count)
        for line in lines where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            keys.append(String(fields[0]))
            for c in 1..<header.count {
                let field = c < fields.count ? fields[c] : ""
                cols[c].append(field.isEmpty ? .nan : (Double(field) ?? .nan))
            }
        }
        self.keys = keys
        var columns: [String: [Double]] = [:]
        for c in 1..<header.count { columns[header[c]] = cols[c] }
        self.columns = columns
    }
}

import Testing

/// A fixture file that cannot be used, reported as a test failure rather than a crash.
enum FixtureError: Error, CustomStringConvertible {
    case empty(String)
    case malformed(String, line: Int, reason: String)

    var description: String {
        switch self {
        case let .empty(path): "\(path): the fixture is empty"
        case let .malformed(path, line, reason): "\(path):\(line): \(reason)"
        }
    }
}

/// One price series with its TA-Lib reference outputs.
struct GoldenSeries: Sendable {
    let name: String
    let high: [Double]
    let low: [Double]
    let close: [Double]
    let volume: [Double]
    let reference: [String: [Double]]
    var count: Int { close.count }

    static let fixturesDirectory: String = {
        // Tests/SignalsTests/Support/FixtureCSV.swift → Tests/Fixtures
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    static let goog: GoldenSeries = load(name: "GOOG", data: "GOOG_daily_2004-2013.csv", sortByDate: false)
    static let sp500: GoldenSeries = load(name: "SP500", data: "SP500_daily_1999-2018.csv", sortByDate: true)

    static func named(_ name: String) -> GoldenSeries { name == "GOOG" ? goog : sp500 }

    private static func load(name: String, data: String, sortByDate: Bool) -> GoldenSeries {
        do {
            let prices = try FixtureTable(path: "\(fixturesDirectory)/data/\(data)")
            let ref = try FixtureTable(path: "\(fixturesDirectory)/talib/\(name)_talib.csv")
            // The arch file is m/d/Y; the generator sorted it ascending by date (it already is).
            var order = Array(0..<prices.rowCount)
            if sortByDate {
                func key(_ s: String) -> Int {
                    let p = s.split(separator: "/").compactMap { Int($0) }
                    return p.count == 3 ? p[2] * 10000 + p[0] * 100 + p[1] : 0
                }
                order.sort { key(prices.keys[$0]) < key(prices.keys[$1]) }
            }
            func col(_ n: String) -> [Double] { let c = prices[n]; return order.map { c[$0] } }
            if ref.rowCount != prices.rowCount {
                Issue.record("\(name): \(prices.rowCount) price rows but \(ref.rowCount) reference rows")
            }
            return GoldenSeries(name: name, high: col("High"), low: col("Low"), close: col("Close"),
                                volume: col("Volume"), reference: ref.columns)
        } catch {
            Issue.record("cannot read fixtures for \(name): \(error)")
            return GoldenSeries(name: name, high: [], low: [], close: [], volume: [], reference: [:])
        }
    }
}

/// Result of comparing one replayed output with its TA-Lib column.
struct GoldenComparison: CustomStringConvertible {
    var firstValidOurs = -1
    var firstValidReference = -1
    /// Largest |ours − ref| / |ref| over rows with |ref| ≥ 1.
    var maxRelative = 0.0
    /// Largest |ours − ref| over rows with |ref| < 1.
    var maxAbsoluteNearZero = 0.0
    var failures: [String] = []
    var compared = 0

    var description: String {
        "first valid \(firstValidOurs) (ref \(firstValidReference)), \(compared) values, "
            + "max rel \(maxRelative), max abs near 0 \(maxAbsoluteNearZero)"
    }

    /// Tolerance of the task: 1e-9 relative, 1e-9 absolute where |ref| < 1.
    static let tolerance = 1e-9

    /// A length mismatch is a failure of the comparison, not a trap that stops every test.
    init(ours: [Double], reference: [Double]) {
        if ours.count != reference.count {
            failures.append("\(ours.count) values but \(reference.count) reference rows")
        }
        firstValidOurs = ours.firstIndex { !$0.isNaN } ?? -1
        firstValidReference = reference.firstIndex { !$0.isNaN } ?? -1
        for (i, (a, b)) in zip(ours, reference).enumerated() {
            if a.isNaN || b.isNaN {
                if a.isNaN != b.isNaN, failures.count < 5 {
                    failures.append("row \(i): ours \(a), TA-Lib \(b)")
                }
                continue
            }
            compared += 1
            let diff = abs(a - b)
            if abs(b) >= 1 {
                maxRelative = max(maxRelative, diff / abs(b))
            } else {
                maxAbsoluteNearZero = max(maxAbsoluteNearZero, diff)
            }
            if diff > Self.tolerance * max(abs(b), 1), failures.count < 5 {
                failures.append("row \(i): ours \(a), TA-Lib \(b), diff \(diff)")
            }
        }
    }
}
