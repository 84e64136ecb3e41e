import Foundation
import Testing

/// `barwise stream` end to end: stored bars streamed as NDJSON give the run folder `barwise run`
/// writes over the same bars, byte for byte; bad lines become error events and are skipped.
@Suite struct StreamCommandTests {
    /// A scratch store with GOOG and ORCL daily bars.
    static let store: String = {
        let store = (try! BarwiseProcess.scratchDirectory()).appendingPathComponent("s.sqlite").path
        for (file, symbol) in [("GOOG_daily_2004-2013.csv", "GOOG"), ("ORCL_daily_1995-2014.csv", "ORCL")] {
            let path = BarwiseProcess.fixtures.appendingPathComponent("data/\(file)").path
            _ = try? BarwiseProcess.run(["ingest", path, "--symbol", symbol, "--store", store])
        }
        return store
    }()

    /// The stored bars of `symbols` as NDJSON lines, merged in time order (symbols in the given
    /// order within a timestamp), from `barwise data show --json`.
    static func ndjsonLines(_ symbols: [String]) throws -> [String] {
        var rows: [(time: String, order: Int, line: String)] = []
        for (k, symbol) in symbols.enumerated() {
            let r = try BarwiseProcess.run(["data", "show", symbol, "--rows", "100000", "--json", "--store", store])
            #expect(r.status == 0, "\(r.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            let bars = object["head"] as! [[String: Any]]
            #expect(bars.count == object["bars"] as! Int)
            for b in bars {
                let t = b["timestamp"] as! String
                func n(_ key: String) -> String { "\((b[key] as! NSNumber).doubleValue)" }
                rows.append((t, k, "{\"symbol\":\"\(symbol)\",\"time\":\"\(t)\",\"open\":\(n("open")),\"high\":\(n("high")),\"low\":\(n("low")),\"close\":\(n("close")),\"volume\":\(n("volume"))}"))
            }
        }
        return rows.sorted { ($0.time, $0.order) < ($1.time, $1.order) }.map(\.line)
    }

    static func write(_ lines: [String]) throws -> String {
        let url = try BarwiseProcess.scratchDirectory().appendingPathComponent("input.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func file(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func events(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// Runs `run` and `stream` with the same arguments and returns both folders and stream's output.
    static func runAndStream(_ strategy: String, symbols: [String], extra: [String] = [], input: [String]? = nil) throws
        -> (run: URL, stream: URL, output: BarwiseProcess.Output) {
        let scratch = try BarwiseProcess.scratchDirectory()
        let runOut = scratch.appendingPathComponent("run"), streamOut = scratch.appendingPathComponent("stream")
        let symbolArgs = ["--symbols", symbols.joined(separator: ",")]
        let run = try BarwiseProcess.run(["run", strategy, "--store", store, "--out", runOut.path] + symbolArgs + extra)
        #expect(run.status == 0, "\(run.stderr)")
        let path = try write(input ?? ndjsonLines(symbols))
        let stream = try BarwiseProcess.run(["stream", strategy, "--input", path, "--out", streamOut.path] + symbolArgs + extra)
        #expect(stream.status == 0, "\(stream.stderr)")
        return (runOut, streamOut, stream)
    }

    static func expectSameFiles(_ a: URL, _ b: URL, _ label: String) throws {
        for name in ["equity.csv", "trades.csv", "orders.csv"] {
            let x = try file(a, name), y = try file(b, name)
            #expect(x == y, "\(label): \(name) differs (\(x.count) vs \(y.count) bytes)")
        }
    }

    @Test func everyShippedRuleStrategyStreamedGivesRunsFilesByteForByte() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: BarwiseProcess.packageRoot.appendingPathComponent("strategies").path)
        var checked = 0
        for name in files.sorted() where name.hasSuffix(".toml") {
            let path = "strategies/\(name)"
            let text = try String(contentsOf: BarwiseProcess.packageRoot.appendingPathComponent(path), encoding: .utf8)
            guard !text.contains("[allocation]") else { continue }
            let (run, stream, _) = try Self.runAndStream(path, symbols: ["GOOG"])
            try Self.expectSameFiles(run, stream, name)
            let trades = try Self.file(stream, "trades.csv").split(separator: "\n").count - 1
            #expect(trades > 5, "\(name) traded \(trades) times: the comparison must exercise fills")
            checked += 1
        }
        #expect(checked >= 6)
    }

    @Test func closeAtEndAndMultiSymbolStreamsMatchRun() throws {
        let (run, stream, _) = try Self.runAndStream("strategies/sma_cross.toml", symbols: ["GOOG", "ORCL"], extra: ["--close-at-end"])
        try Self.expectSameFiles(run, stream, "GOOG,ORCL close-at-end")
        let trades = try Self.file(stream, "trades.csv")
        #expect(trades.contains("\nORCL,") && trades.contains("\nGOOG,"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: stream.appendingPathComponent("summary.json"))) as! [String: Any]
        let runSummary = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("summary.json"))) as! [String: Any]
        for key in ["final_equity", "sharpe", "max_drawdown", "trades", "exposure", "bars"] {
            #expect("\(summary[key]!)" == "\(runSummary[key]!)", "summary.json \(key)")
        }
        let latency = (summary["stream"] as! [String: Any])["step_latency_us"] as! [String: Any]
        #expect((latency["p50"] as! Double) > 0 && (latency["p99"] as! Double) >= (latency["p50"] as! Double))
    }

    @Test func stopsLimitsTrailingStopsAndFillAtCloseMatchRun() throws {
        let toml = """
            name = "stops_and_limits"
            symbols = ["GOOG"]
            interval = "1d"
            [signals]
            fast = "sma(close, 10)"
            slow = "sma(close, 30)"
            [rules]
            long_entry = "cross_above(fast, slow)"
            short_entry = "cross_below(fast, slow)"
            entry_limit = "close * 0.995"
            stop_loss = "2 * atr(14)"
            take_profit = "4 * atr(14)"
            trailing_stop = "3 * atr(14)"
            [execution]
            commission = 0.001
            good_for = 3
            [portfolio]
            cash = 10000
            """
        let strategy = try SampleStore.strategy(toml)
        for extra in [[], ["--set", "execution.fill=close"]] {
            let (run, stream, _) = try Self.runAndStream(strategy, symbols: ["GOOG"], extra: extra)
            try Self.expectSameFiles(run, stream, "stops \(extra)")
            let orders = try Self.file(stream, "orders.csv")
            #expect(orders.contains(",limit,") && orders.contains("expired"), "the limits must both fill and expire: \(extra)")
        }
    }

    @Test func badLinesBecomeErrorEventsNamingTheLineAndLaterBarsStillCount() throws {
        var lines = try Self.ndjsonLines(["GOOG"])
        let clean = lines
        // Inserted after line 100, 200, ...: each is skipped; the bars around them still count.
        let bad = [
            "{\"symbol\":\"GOOG\",\"time\":\"2005-01-01T00:00:00Z\",\"open\":1,\"high\":2", // malformed
            "{\"symbol\":\"MSFT\",\"time\":\"2030-01-01T00:00:00Z\",\"open\":1,\"high\":2,\"low\":1,\"close\":1,\"volume\":1}",
            "{\"symbol\":\"GOOG\",\"time\":\"2004-09-01T00:00:00Z\",\"open\":1,\"high\":2,\"low\":1,\"close\":1,\"volume\":1}", // out of order
            "{\"symbol\":\"GOOG\",\"time\":\"2031-01-01T00:00:00Z\",\"open\":-1,\"high\":2,\"low\":1,\"close\":1,\"volume\":1}", // negative
            "{\"symbol\":\"GOOG\",\"time\":\"2031-01-01T00:00:00Z\",\"open\":1,\"high\":1,\"low\":2,\"close\":1,\"volume\":1}", // high < low
            "{\"symbol\":\"GOOG\",\"time\":\"2031-01-01T00:00:00Z\",\"open\":NaN,\"high\":2,\"low\":1,\"close\":1,\"volume\":1}", // NaN
        ]
        var expectedLines: [Int] = []
        for (k, line) in bad.enumerated() {
            let at = 100 * (k + 1) + k
            lines.insert(line, at: at)
            expectedLines.append(at + 1)
        }
        let (run, stream, output) = try Self.runAndStream("strategies/sma_cross.toml", symbols: ["GOOG"], input: lines)
        try Self.expectSameFiles(run, stream, "with bad lines")
        let errors = try Self.events(output.stdout).filter { $0["type"] as? String == "error" }
        #expect(errors.map { $0["line"] as! Int } == expectedLines)
        let reasons = errors.map { $0["reason"] as! String }
        #expect(reasons[1].contains("MSFT") && reasons[2].contains("out of time order"))
        #expect(reasons[3].contains("open") && reasons[4].contains("high") && reasons[5].contains("open"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: stream.appendingPathComponent("summary.json"))) as! [String: Any]
        let counts = summary["stream"] as! [String: Any]
        #expect(counts["errors"] as? Int == bad.count && counts["bars"] as? Int == clean.count)
    }

    @Test func strictStopsWithExitTwoAtTheFirstBadLine() throws {
        var lines = try Self.ndjsonLines(["GOOG"])
        lines.insert("not json", at: 50)
        let path = try Self.write(lines)
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("s")
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", path, "--strict", "--out", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path):51:"), "\(r.stderr)")
        let equityRows = try Self.file(out, "equity.csv").split(separator: "\n").count - 1
        #expect(equityRows == 50)
    }

    @Test func eventsCarryIncreasingSequenceNumbersAndEveryKind() throws {
        let (_, _, output) = try Self.runAndStream("strategies/sma_cross.toml", symbols: ["GOOG"])
        let events = try Self.events(output.stdout)
        #expect(events.map { $0["seq"] as! Int } == Array(1...events.count))
        let kinds = Set(events.map { $0["type"] as! String })
        #expect(kinds.isSuperset(of: ["bar", "signal", "order", "fill", "trade", "equity"]))
        #expect(events.filter { $0["type"] as? String == "bar" }.count == 2148)
        let firstFill = events.first { $0["type"] as? String == "fill" }!
        #expect(firstFill["symbol"] as? String == "GOOG" && (firstFill["price"] as! Double) > 0)
    }

    @Test func ticksAggregateIntoBarsOfTheStrategysInterval() throws {
        let toml = """
            name = "tick_bars"
            symbols = ["BTCUSDT"]
            interval = "1m"
            [signals]
            up = "close > open"
            [rules]
            long_entry = "up"
            long_exit = "not up"
            [execution]
            warmup = "none"
            [portfolio]
            cash = 100000
            """
        let strategy = try SampleStore.strategy(toml)
        // 12:00 → 12:02, with a gap at 12:01; times in ms, seconds and ISO text.
        let ticks = [
            "{\"symbol\":\"BTCUSDT\",\"time\":1700049600000,\"price\":100,\"size\":1}",
            "{\"symbol\":\"BTCUSDT\",\"time\":1700049610500,\"price\":103,\"size\":0.5}",
            "{\"symbol\":\"BTCUSDT\",\"time\":1700049630,\"price\":99,\"size\":2}",
            "{\"symbol\":\"BTCUSDT\",\"time\":\"2023-11-15T12:00:59Z\",\"price\":101,\"size\":1}",
            "{\"symbol\":\"BTCUSDT\",\"time\":1700049720000,\"price\":101,\"size\":1}",
            "{\"symbol\":\"BTCUSDT\",\"time\":1700049779999,\"price\":100.5,\"size\":3}",
        ]
        let path = try Self.write(ticks)
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("t")
        let r = try BarwiseProcess.run(["stream", strategy, "--input", path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let bars = try Self.events(r.stdout).filter { $0["type"] as? String == "bar" }
        #expect(bars.count == 2)
        #expect(bars[0]["time"] as? String == "2023-11-15T12:00:00Z")
        #expect([bars[0]["open"], bars[0]["high"], bars[0]["low"], bars[0]["close"], bars[0]["volume"]].map { ($0 as! NSNumber).doubleValue } == [100, 103, 99, 101, 4.5])
        #expect(bars[1]["time"] as? String == "2023-11-15T12:02:00Z")
        #expect([bars[1]["open"], bars[1]["high"], bars[1]["low"], bars[1]["close"], bars[1]["volume"]].map { ($0 as! NSNumber).doubleValue } == [101, 101, 100.5, 100.5, 4])
    }

    @Test func aFIFOFedByAProducerProcessIsReadToItsEnd() throws {
        let lines = try Self.ndjsonLines(["GOOG"])
        let path = try Self.write(lines)
        let fifo = try BarwiseProcess.scratchDirectory().appendingPathComponent("bars.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The producer writes the bars in three bursts with pauses, then closes the FIFO.
        let producer = Process()
        producer.executableURL = URL(fileURLWithPath: "/bin/sh")
        producer.arguments = ["-c", "exec 3>\"$1\"; head -n 700 \"$2\" >&3; sleep 0.2; sed -n '701,1400p' \"$2\" >&3; sleep 0.2; tail -n +1401 \"$2\" >&3", "sh", fifo, path]
        try producer.run()
        let scratch = try BarwiseProcess.scratchDirectory()
        let streamOut = scratch.appendingPathComponent("stream"), runOut = scratch.appendingPathComponent("run")
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", fifo, "--out", streamOut.path])
        producer.waitUntilExit()
        #expect(r.status == 0, "\(r.stderr)")
        let run = try BarwiseProcess.run(["run", "strategies/sma_cross.toml", "--store", Self.store, "--out", runOut.path])
        #expect(run.status == 0)
        try Self.expectSameFiles(runOut, streamOut, "fifo")
    }

    @Test func barTimeoutClosesATickBarOnTheWallClockWhenNoLaterTickComes() throws {
        let toml = """
            name = "tick_bars"
            symbols = ["BTCUSDT"]
            interval = "1m"
            [signals]
            up = "close > open"
            [rules]
            long_entry = "up"
            """
        let strategy = try SampleStore.strategy(toml)
        let scratch = try BarwiseProcess.scratchDirectory()
        let first = try StreamCommandTests.write([
            "{\"symbol\":\"BTCUSDT\",\"time\":1700049600000,\"price\":100,\"size\":1}",
            "{\"symbol\":\"BTCUSDT\",\"time\":1700049610000,\"price\":102,\"size\":2}",
        ])
        let late = try StreamCommandTests.write(["{\"symbol\":\"BTCUSDT\",\"time\":1700049650000,\"price\":99,\"size\":4}"])
        /// The first two ticks, a pause of 1.2 s with the FIFO open, then a tick of the same minute.
        func stream(_ extra: [String]) throws -> [[String: Any]] {
            let fifo = scratch.appendingPathComponent("ticks-\(extra.count).fifo").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let producer = Process()
            producer.executableURL = URL(fileURLWithPath: "/bin/sh")
            producer.arguments = ["-c", "exec 3>\"$1\"; cat \"$2\" >&3; sleep 1.2; cat \"$3\" >&3", "sh", fifo, first, late]
            try producer.run()
            let r = try BarwiseProcess.run(["stream", strategy, "--input", fifo, "--out", scratch.appendingPathComponent("out-\(extra.count)").path] + extra)
            producer.waitUntilExit()
            #expect(r.status == 0, "\(r.stderr)")
            return try StreamCommandTests.events(r.stdout)
        }
        // Without a timeout the late tick still belongs to the 12:00 bar.
        let waited = try stream([]).filter { $0["type"] as? String == "bar" }
        #expect(waited.count == 1 && (waited.first?["volume"] as? NSNumber)?.doubleValue == 7)
        // With one, the bar closed while the producer paused; the late tick is then out of order.
        let events = try stream(["--bar-timeout", "0.2"])
        let bars = events.filter { $0["type"] as? String == "bar" }
        #expect(bars.count == 1 && (bars.first?["volume"] as? NSNumber)?.doubleValue == 3 && (bars.first?["close"] as? NSNumber)?.doubleValue == 102)
        let errors = events.filter { $0["type"] as? String == "error" }
        #expect(errors.count == 1 && (errors.first?["reason"] as? String ?? "").contains("not after its last bar"))
    }
}

/// A stream whose input ends before any bar.
@Suite struct StreamEmptyInputTests {
    @Test func anEmptyInputEndsNormallyWithHeaderOnlyFilesAndASummary() throws {
        let path = try StreamCommandTests.write([])
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("empty")
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try StreamCommandTests.file(out, "equity.csv") == "timestamp,equity,cash,exposure,drawdown\n")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(summary["bars"] as? Int == 0 && summary["trades"] as? Int == 0)
    }
}
