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
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            out.timestamps.append(CivilTime.parseTimestamp(f[0])!)
            out.smacross.append(Double(f[1])!)
            out.buyhold.append(Double(f[2])!)
            out.sp500.append(Double(f[3])!)
        }
        return out
    }

    /// `series.<name>.<library>` of metrics.json as a dictionary of numbers.
    static func metrics(_ series: String, _ library: String) throws -> [String: Double] {
        let data = try Data(contentsOf: root.appendingPathComponent("metrics.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let s = (json["series"] as! [String: Any])[series] as! [String: Any]
        return (s[library] as! [String: Any]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }

    static func relativeError(_ a: Double, _ b: Double) -> Double {
        a == b ? 0 : abs(a - b) / abs(b)
    }
}
