import Foundation
import Testing
import TestSupport

/// `barwise stream --metrics`: a live stream scraped while it runs; what the metrics say agrees
/// with the events it wrote.
@Suite struct StreamMetricsCommandTests {
    static func start(staleAfter: Double = 60) throws -> MeteredStream {
        try MeteredStream(strategy: "strategies/sma_cross.toml", staleAfter: staleAfter)
    }
    /// The value of sample line `series value`.
    static func sample(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") { return Double(line.dropFirst(series.count + 1)) }
        return nil
    }

    /// Σ of every sample of `name` whose labels contain `matching`.
    static func total(_ text: String, _ name: String, matching: String = "") -> Double {
        text.split(separator: "\n").filter { $0.hasPrefix(name + "{") && $0.contains(matching) }
            .compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
    }

    @Test func aScrapeMidStreamAgreesWithTheEventsWrittenSoFar() throws {
        let lines = try StreamCommandTests.ndjsonLines(["GOOG"])
        let live = try Self.start()
        try live.send(Array(lines[..<1500]) + ["not json", #"{"symbol":"MSFT","time":"2010-01-04","open":1,"high":1,"low":1,"close":1,"volume":1}"#, lines[1499]])
        let text = try live.scrape(until: "barwise_input_lines_total", equals: 1503)
        #expect(Self.sample(text, #"barwise_bars_received_total{symbol="GOOG"}"#) == 1500)
        #expect(Self.sample(text, #"barwise_input_rejected_total{reason="invalid"}"#) == 1)
        #expect(Self.sample(text, #"barwise_input_rejected_total{reason="unknown_symbol"}"#) == 1)
        #expect(Self.sample(text, #"barwise_input_rejected_total{reason="duplicate"}"#) == 1)
        #expect(Self.sample(text, "barwise_input_open") == 1)
        #expect(Self.sample(text, "barwise_step_latency_seconds_count") == 1500)
        #expect(text.contains(#"barwise_build_info{version=""#) && text.contains(#"strategy="sma_cross""#))
        // Events are flushed when the input goes idle, which it is now.
        let events = try live.events()
        func count(_ type: String, _ side: String? = nil) -> Double {
            Double(events.filter { $0["type"] as? String == type && (side == nil || $0["side"] as? String == side) && ($0["status"] as? String ?? "submitted") == "submitted" }.count)
        }
        #expect(count("trade") > 10, "the workload trades")
        #expect(Self.sample(text, "barwise_trades_closed_total") == count("trade"))
        for side in ["buy", "sell"] {
            #expect(Self.total(text, "barwise_orders_total", matching: "side=\"\(side)\"") == count("order", side), "\(side) orders")
            #expect(Self.total(text, "barwise_fills_total", matching: "side=\"\(side)\"") == count("fill", side), "\(side) fills")
        }
        let lastEquity = try #require(events.last { $0["type"] as? String == "equity" })
        #expect(Self.sample(text, "barwise_equity_currency") == (lastEquity["equity"] as? NSNumber)?.doubleValue)
        let lastBar = try #require(events.last { $0["type"] as? String == "bar" })
        let barTime = try #require(ISO8601DateFormatter().date(from: lastBar["time"] as! String))
        #expect(Self.sample(text, #"barwise_last_bar_timestamp_seconds{symbol="GOOG"}"#) == barTime.timeIntervalSince1970)
        let health = try LoopbackHTTP.request(port: live.metricsPort, path: "/healthz")
        #expect(health.status == 200, "\(health.body)")
        try live.send(Array(lines[1500...]))
        #expect(live.stop() == 0)
    }

    @Test func everyFillHasTheSideItsOrderWasSubmittedWith() throws {
        // An exit order sells a long and buys back a short, from submission to fill.
        let lines = try StreamCommandTests.ndjsonLines(["GOOG"])
        let live = try Self.start()
        try live.send(lines)
        #expect(live.stop() == 0)
        var submitted: [Int: String] = [:]
        var fills = 0
        for e in try live.events() {
            guard let id = e["id"] as? Int else { continue }
            if e["type"] as? String == "order", e["status"] as? String == "submitted" { submitted[id] = e["side"] as? String }
            if e["type"] as? String == "fill" {
                fills += 1
                #expect(submitted[id] == e["side"] as? String, "order \(id): submitted \(submitted[id] ?? "?"), filled \(e["side"] ?? "?")")
            }
        }
        #expect(fills > 20)
    }

    @Test func healthTurnsUnavailableWhenTheFeedGoesQuiet() throws {
        let lines = try StreamCommandTests.ndjsonLines(["GOOG"])
        let live = try Self.start(staleAfter: 0.5)
        try live.send(Array(lines[..<10]))
        _ = try live.scrape(until: #"barwise_bars_received_total{symbol="GOOG"}"#, equals: 10)
        #expect(try LoopbackHTTP.request(port: live.metricsPort, path: "/healthz").status == 200)
        usleep(900_000)
        let quiet = try LoopbackHTTP.request(port: live.metricsPort, path: "/healthz")
        #expect(quiet.status == 503)
        #expect(quiet.body.contains("no bar for"))
        let text = try live.scrape()
        #expect(Self.sample(text, "barwise_feed_stale_after_seconds") == 0.5)
        #expect(try #require(Self.sample(text, "barwise_last_bar_received_timestamp_seconds")) < Date().timeIntervalSince1970 - 0.5)
        #expect(live.stop() == 0)
    }

    @Test func aPortInUseIsExitTwoBeforeAnythingIsWritten() throws {
        let busy = try ReplayServer { _ in .ok([]) }
        defer { busy.stop() }
        let scratch = try BarwiseProcess.scratchDirectory()
        let out = scratch.appendingPathComponent("run")
        let input = try StreamCommandTests.write(Array(try StreamCommandTests.ndjsonLines(["GOOG"]).prefix(5)))
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", input, "--out", out.path, "--metrics", "127.0.0.1:\(busy.port)"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--metrics: cannot listen on 127.0.0.1:\(busy.port)"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no run folder for a stream that never started")
        #expect(r.stdout.isEmpty)
    }

    @Test(arguments: [["--metrics", "9464x"], ["--metrics", "0.0.0.0:99999"], ["--stale-after", "5"], ["--metrics", "127.0.0.1:0", "--stale-after", "0"]])
    func badMetricsOptionsAreUsageErrors(_ args: [String]) throws {
        let input = try StreamCommandTests.write(Array(try StreamCommandTests.ndjsonLines(["GOOG"]).prefix(5)))
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        let r = try BarwiseProcess.run(["stream", "strategies/sma_cross.toml", "--input", input, "--out", out.path] + args)
        #expect(r.status == 2, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(args.count == 2 && args[0] == "--metrics" ? "--metrics" : "--stale-after"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

extension MeteredStream {
    func scrape() throws -> String { try LoopbackHTTP.request(port: metricsPort, path: "/metrics").body }

    /// Scrapes until `series` reaches `value` (or 20 s pass); the last scrape.
    func scrape(until series: String, equals value: Double) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        var text = try scrape()
        while StreamMetricsCommandTests.sample(text, series) != value && Date() < deadline {
            usleep(20_000)
            text = try scrape()
        }
        return text
    }

    /// The events the stream wrote so far.
    func events() throws -> [[String: Any]] {
        try StreamCommandTests.events(String(contentsOf: folder.appendingPathComponent("events.ndjson"), encoding: .utf8))
    }
}
