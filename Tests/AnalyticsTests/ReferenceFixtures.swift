import Foundation
import MarketData

/// Loads the empyrical/quantstats reference (Tests/Fixtures/reference/metrics, see PROVENANCE.md).
enum ReferenceFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/reference/metrics")

    struct Returns {
        var timestamps: [Int64] = []
        var smacross: [Double] = []
        var buyhold: [Double] = []
        var sp500: [Double] = []
    }

    static func returns() throws -> Returns {
        let text = try String(contentsOf: root.appendingPathComponent("returns.csv"), encoding: .utf8)
        var out = Returns()
        for (i, line) in text.split(separator: "\n").enumerated().dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            guard f.count >= 4, let t = CivilTime.parseTimestamp(f[0]), let a = Double(f[1]), let b = Double(f[2]), let c = Double(f[3]) else {
                throw FixtureError(file: "returns.csv", line: i + 1, reason: "expected a date and three numbers")
            }
            out.timestamps.append(t)
            out.smacross.append(a)
            out.buyhold.append(b)
            out.sp500.append(c)
        }
        return out
    }

    /// A fixture file that cannot be used: a failed test, not a crash of the test process.
    struct FixtureError: Error, CustomStringConvertible {
        var file: String
        var line: Int
        var reason: String
        var description: String { "\(file):\(line): \(reason)" }
    }

    /// `series.<name>.<library>` of metrics.json as a dictionary of numbers.
    static func metrics(_ series: String, _ library: String) throws -> [String: Double] {
        let data = try Data(contentsOf: root.appendingPathComponent("metrics.json"))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let s = (json["series"] as? [String: Any])?[series] as? [String: Any],
              let values = s[library] as? [String: Any] else {
            throw FixtureError(file: "metrics.json", line: 0, reason: "no object series.\(series).\(library)")
        }
        return values.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }

    static func relativeError(_ a: Double, _ b: Double) -> Double {
        a == b ? 0 : abs(a - b) / abs(b)
    }
}
