import BenchmarkSupport
import Engine
import Foundation
import MarketData
import Reports
import Signals

/// The stream's stages timed in this process over the same NDJSON file, each adding one stage
/// to the previous, so the differences say where `barwise stream`'s time goes (the stream's own
/// session, event and CSV text live in the `barwise` executable, which cannot be imported; what
/// the end-to-end run adds to the last stage is that text, its writes and the run's ending).
enum InProcessStages {
    struct Timing {
        var name: String
        var seconds: Double
        var checksum: Double
    }

    /// Best of `repetitions` for each stage over `input`.
    static func measure(input: URL, symbol: String, strategy: String, overrides: [String], repetitions: Int) throws -> [Timing] {
        let spec = try StrategySpec.load(path: strategy, overrides: overrides)
        let program = try spec.compile()
        let config = try EngineConfig(spec: spec)
        let stages: [(String, () throws -> Double)] = [
            ("read lines (LineReader)", { try readLines(input) }),
            ("+ parse (NDJSONLineParser)", { try parseLines(input) }),
            ("+ batches (LiveBarSource)", { try batches(input, symbol: symbol, interval: spec.interval) }),
            ("+ Simulation.step", { try simulate(input, symbol: symbol, interval: spec.interval, program: program, config: config, readEvents: false) }),
            ("+ event reads and forget", { try simulate(input, symbol: symbol, interval: spec.interval, program: program, config: config, readEvents: true) }),
        ]
        var timings: [Timing] = []
        for (name, body) in stages {
            var best = Double.infinity
            var checksum = 0.0
            for _ in 0..<repetitions {
                let clock = ContinuousClock()
                let start = clock.now
                checksum = try body()
                best = min(best, seconds(clock.now - start))
            }
            timings.append(Timing(name: name, seconds: best, checksum: checksum))
        }
        return timings
    }

    /// `Reports.RunReport.write(folder:)` on a finished run folder: the index.html, metrics.csv
    /// and monthly_returns.csv that `barwise stream` writes when its input ends.
    static func report(folder: URL) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        _ = try Reports.RunReport.write(folder: folder.path)
        return seconds(clock.now - start)
    }

    private static func withReader<T>(_ input: URL, _ body: (LineReader) throws -> T) throws -> T {
        let fd = open(input.path, O_RDONLY)
        guard fd >= 0 else { throw BenchmarkFailure("cannot open \(input.path)") }
        defer { close(fd) }
        return try body(LineReader(fd: fd))
    }

    private static func readLines(_ input: URL) throws -> Double {
        try withReader(input) { reader in
            var bytes = 0
            while let line = try reader.nextLine() { bytes &+= line.count }
            return Double(bytes)
        }
    }

    private static func parseLines(_ input: URL) throws -> Double {
        let parser = NDJSONLineParser()
        return try withReader(input) { reader in
            var sum = 0.0
            while let line = try reader.nextLine() {
                switch try parser.parse(line) {
                case let .bar(_, bar): sum += bar.close
                case let .tick(_, _, price, _): sum += price
                }
            }
            return sum
        }
    }

    private static func batches(_ input: URL, symbol: String, interval: Interval) throws -> Double {
        try withReader(input) { reader in
            var source = LiveBarSource(reader: reader, symbols: [symbol], interval: interval)
            var batch = BarBatch(capacity: 1)
            var sum = 0.0
            while try source.next(into: &batch) { sum += batch.bar(0).close }
            guard source.problems.isEmpty else { throw BenchmarkFailure("input problems: \(source.problems.prefix(3))") }
            return sum
        }
    }

    /// What `StreamSession.run` does without any text: the source, `Simulation.step`, and with
    /// `readEvents` the fired rules, the walk over placed/ended orders, closed trades and equity
    /// points past the cursor, and `forget` (bounded memory); then `finish`.
    private static func simulate(_ input: URL, symbol: String, interval: Interval, program: SignalProgram, config: EngineConfig,
                                 readEvents: Bool) throws -> Double {
        try withReader(input) { reader in
            var source = LiveBarSource(reader: reader, symbols: [symbol], interval: interval)
            var simulation = Simulation(program: program, symbols: [symbol], config: config)
            var batch = BarBatch(capacity: 1)
            var cursor = Simulation.EventCursor()
            var sum = 0.0
            while try source.next(into: &batch) {
                simulation.step(batch)
                guard readEvents else { continue }
                sum += Double(simulation.firedRules(symbol: 0).count)
                while cursor.orderID < simulation.nextOrderID {
                    if let o = simulation.placedOrder(id: cursor.orderID, readingRecordsFrom: cursor.record) { sum += o.size }
                    cursor.orderID += 1
                }
                let ended = simulation.endedOrders
                for k in cursor.record..<ended.count { sum += ended[k].price.isNaN ? 0 : 1 }
                cursor.record = ended.count
                let closed = simulation.closedTrades
                for k in cursor.trade..<closed.count { sum += closed[k].pnl }
                cursor.trade = closed.count
                for k in cursor.point..<simulation.pointCount { sum += simulation.point(k).equity }
                cursor.point = simulation.pointCount
                simulation.forget(upTo: &cursor)
            }
            let result = simulation.finish()
            return sum + result.finalEquity
        }
    }
}
