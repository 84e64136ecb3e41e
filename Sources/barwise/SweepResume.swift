import Foundation
import MarketData
import Research
import Signals

/// `barwise sweep --resume DIR`: the rows an interrupted sweep left in DIR, after checking that
/// DIR holds the same sweep (strategy file, grid, constraint, sampling, shard, symbols).
/// Every (combination, symbol) row there is kept; the runs without a row are done again.
enum SweepResume {
    static func rows(
        folder: String, plan: SweepPlan, spec: StrategySpec, strategyPath: String, cash: Double?, symbols: [String],
        shard: String?, constraint: String?, random: (count: Int, seed: UInt64)?, overrides: [String], runNames: Set<String>
    ) throws -> [SweepRunner.Row] {
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any], manifest["kind"] as? String == "sweep"
        else { throw SweepError.malformedResume("\(manifestPath) is not the manifest of a sweep") }
        let sha = SHA256.hex(FileManager.default.contents(atPath: strategyPath).map { [UInt8]($0) } ?? [])
        let grid = Dictionary(uniqueKeysWithValues: plan.grid.axes.map { ($0.name, $0.values) })
        let expected: [(String, Any?)] = [
            ("strategy_sha256", sha), ("grid", grid), ("where", constraint), ("shard", shard), ("symbols", symbols),
            ("random", random.map { ["count": $0.count, "seed": $0.seed] as [String: Any] }), ("overrides", overrides),
        ]
        for (key, value) in expected where !same(manifest[key], value) {
            throw SweepError.malformedResume("\(folder) holds a different sweep (its \(key) differs)")
        }
        let csvPath = (folder as NSString).appendingPathComponent("results.csv")
        guard let text = try? String(contentsOfFile: csvPath, encoding: .utf8) else {
            throw SweepError.malformedResume("\(csvPath) cannot be read")
        }
        // Rows of another shape of run (per symbol versus --portfolio) are not this sweep's.
        return try SweepResultsCSV.read(text, plan: plan, params: spec.paramNames, initialCash: cash ?? spec.portfolio.cash)
            .filter { runNames.contains($0.symbol) }
    }

    private static func same(_ a: Any?, _ b: Any?) -> Bool {
        func canonical(_ x: Any?) -> Data? {
            guard let x, !(x is NSNull) else { return Data() }
            return try? JSONSerialization.data(withJSONObject: ["v": x], options: [.sortedKeys])
        }
        return canonical(a) == canonical(b)
    }
}

/// Set by SIGINT (Ctrl-C) during a sweep, so that workers stop taking combinations and the rows
/// done so far are written instead of lost.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    private let source: DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.raise() }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }

    private func raise() {
        lock.lock()
        set = true
        lock.unlock()
    }

    var isSet: @Sendable () -> Bool {
        { [self] in
            lock.lock()
            defer { lock.unlock() }
            return set
        }
    }
}
