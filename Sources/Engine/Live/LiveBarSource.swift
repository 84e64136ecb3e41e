import Foundation
import MarketData

/// The stream's `BarSource`: NDJSON lines (bars, or trade ticks aggregated into bars of the
/// strategy's interval by `TickAggregator`) assembled into one `BarBatch` per timestamp.
///
/// A timestamp's batch is handed on as soon as every symbol has a bar at it, or when a bar
/// stamped later arrives, or at the end of the input; so bars of several symbols must arrive in
/// time order across symbols, as `BarFeed` would replay them (a single-symbol stream steps on
/// each bar as it arrives). Bars are numbered per symbol from `firstIndex`, as a backtest over
/// the same bars numbers them.
///
/// Bad lines never stop the source: a line that does not parse, names a symbol the run does not
/// trade, is out of time order (not after its symbol's last bar, or older than the timestamp
/// being assembled) or fails a tick's checks becomes an `InputProblem` and is skipped. Bars at
/// or before a symbol's `resumeAfter` time (already processed before a restart, or stored) are
/// skipped quietly and counted in `resent`: delivery is at-least-once.
public struct LiveBarSource: BarSource {
    /// One skipped input line: its number, what kind of problem (a fixed set, for counting) and
    /// why (for people).
    public struct InputProblem: Sendable, Equatable {
        /// The kinds of skipped input.
        public enum Kind: String, Sendable, CaseIterable {
            /// Not a bar or tick, or a field out of range.
            case invalid
            /// A symbol the run does not trade.
            case unknownSymbol
            /// Older than its symbol's last bar, or than the timestamp being assembled.
            case late
            /// At exactly its symbol's last bar time.
            case duplicate
            /// Longer than `LineReader.maxLineBytes`.
            case tooLong
        }

        public var line: Int
        public var kind: Kind
        public var reason: String

        public init(line: Int, kind: Kind, reason: String) {
            self.line = line
            self.kind = kind
            self.reason = reason
        }
    }

    public let symbols: [String]
    private let reader: LineReader
    private let parser = NDJSONLineParser()
    private let numbers: [String: Int]
    private let interval: Interval
    private var aggregators: [TickAggregator?]
    /// Each symbol's last accepted bar time (`Int64.min` before its first).
    public private(set) var lastTimes: [Int64]
    private let resumeAfter: [Int64]
    private var nextIndex: [Int]
    private var pending: BarBatch
    private var pendingLines: [Int]
    /// Completed timestamps not yet handed on (usually one; storage reused, see `next`).
    private var readyQueue: [BarBatch] = []
    private var readyUsed = 0
    private var readyRead = 0
    private var hasReady: Bool { readyRead < readyUsed }
    private var readyLines: [[Int]] = []
    /// Problems found since the caller last emptied the list (`takeProblems`).
    public private(set) var problems: [InputProblem] = []
    /// Lines read, bars accepted (ticks count once their bar is complete), ticks read, and
    /// bars skipped as already processed.
    public private(set) var lines = 0, bars = 0, ticks = 0, resent = 0
    /// Ticks read, per symbol.
    public private(set) var ticksBySymbol: [Int]
    /// The input line number of each bar of the batch last returned (a bar built from ticks
    /// has its closing tick's line).
    public private(set) var batchLines: [Int] = []

    /// - Parameters:
    ///   - firstIndex: each symbol's number for its first live bar (bars already stepped, e.g. in a warm-up).
    ///   - resumeAfter: each symbol's time up to which bars are skipped as resent (`Int64.min`: none).
    public init(reader: LineReader, symbols: [String], interval: Interval, firstIndex: [Int]? = nil, resumeAfter: [Int64]? = nil) {
        self.reader = reader
        self.symbols = symbols
        self.interval = interval
        var numbers: [String: Int] = [:]
        for (k, s) in symbols.enumerated() { numbers[s] = k }
        self.numbers = numbers
        aggregators = Array(repeating: nil, count: symbols.count)
        lastTimes = Array(repeating: .min, count: symbols.count)
        ticksBySymbol = Array(repeating: 0, count: symbols.count)
        self.resumeAfter = resumeAfter ?? Array(repeating: .min, count: symbols.count)
        nextIndex = firstIndex ?? Array(repeating: 0, count: symbols.count)
        pending = BarBatch(capacity: symbols.count)
        pendingLines = []
        pendingLines.reserveCapacity(symbols.count)
    }

    /// The problems found so far, emptying the list.
    public mutating func takeProblems() -> [InputProblem] {
        defer { problems.removeAll(keepingCapacity: true) }
        return problems
    }

    /// `--bar-timeout`: a tick bar (and the timestamp it completes) is closed this many
    /// milliseconds after its interval's end on the wall clock, even if no later tick came.
    public var barTimeoutMillis: Int64?
    /// The wall clock in epoch milliseconds (replaceable in tests).
    public var wallClockMillis: () -> Int64 = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// What `poll` found.
    public enum Arrival: Equatable, Sendable {
        /// A timestamp's bars are in the batch.
        case batch
        /// Nothing complete arrived for the reader's `pollInterval` (lines read meanwhile, bad
        /// ones among them, are already counted: the caller can report them).
        case idle
        /// The input ended (or was stopped).
        case end
    }

    public mutating func next(into batch: inout BarBatch) throws -> Bool {
        while true {
            switch try poll(into: &batch) {
            case .batch: return true
            case .end: return false
            case .idle: continue
            }
        }
    }

    /// The next timestamp's bars, or `.idle` when the input has been quiet for the reader's
    /// `pollInterval`, so a live caller can report skipped lines and act on the wall clock while
    /// no bar comes.
    public mutating func poll(into batch: inout BarBatch) throws -> Arrival {
        while !hasReady {
            let input = try reader.next(reportingIdle: true)
            for n in reader.overlongLines {
                lines += 1
                problems.append(InputProblem(line: n, kind: .tooLong, reason: "the line is longer than \(LineReader.maxLineBytes) bytes"))
            }
            if !reader.overlongLines.isEmpty { reader.clearOverlongLines() }
            if case .idle = input {
                closeOverdueTickBars()
                if hasReady { break }
                return .idle
            }
            guard case .line(let line) = input else {
                // Stopped by a signal: what is incomplete (tick bars, a timestamp still missing
                // symbols) is not stepped; a restart with --state and a resend completes it.
                if !reader.stopped { finishInput() }
                break
            }
            lines += 1
            take(line, number: reader.lineNumber)
        }
        guard hasReady else { return .end }
        // The caller's batch becomes the slot's storage: nothing is allocated per timestamp.
        swap(&batch, &readyQueue[readyRead])
        swap(&batchLines, &readyLines[readyRead])
        readyRead += 1
        if readyRead == readyUsed { (readyRead, readyUsed) = (0, 0) }
        return .batch
    }

    /// End of input: ticks' bars in progress are complete, and so is the timestamp being assembled.
    private mutating func finishInput() {
        closeTickBars(endingBy: .max, line: reader.lineNumber)
        if pending.count > 0 { complete() }
    }

    /// `--bar-timeout` on an idle input: tick bars whose interval ended more than the timeout ago
    /// are complete, and so is the timestamp being assembled once no tick bar at or before it
    /// is still open.
    private mutating func closeOverdueTickBars() {
        guard let timeout = barTimeoutMillis else { return }
        closeTickBars(endingBy: wallClockMillis() - timeout, line: reader.lineNumber)
        guard !hasReady, pending.count > 0 else { return }
        let stillOpen = aggregators.contains { a in a?.openBarStart.map { $0 <= pending.timestamp * 1000 } ?? false }
        if !stillOpen { complete() }
    }

    /// Every tick bar in progress whose interval ends by `millis` is complete (ticks arrive in time
    /// order across symbols): accepted, earliest first.
    private mutating func closeTickBars(endingBy millis: Int64, line: Int) {
        while true {
            var first = -1
            for s in aggregators.indices {
                guard let end = aggregators[s]?.openBarEnd, end <= millis else { continue }
                if first < 0 || end < aggregators[first]!.openBarEnd! { first = s }
            }
            guard first >= 0, let bar = aggregators[first]!.flush() else { return }
            accept(first, bar, line: line)
        }
    }

    private mutating func take(_ line: UnsafeRawBufferPointer, number: Int) {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }  // blank lines are nothing
        let record: StreamRecord
        do { record = try parser.parse(line) } catch {
            problems.append(InputProblem(line: number, kind: .invalid, reason: error.description))
            return
        }
        guard let s = numbers[record.symbol] else {
            problems.append(InputProblem(line: number, kind: .unknownSymbol, reason: "symbol \"\(record.symbol)\" is not traded by this run (\(symbols.joined(separator: ",")))"))
            return
        }
        switch record {
        case .bar(_, let bar):
            // Other symbols' tick bars that ended by this bar's start are complete.
            closeTickBars(endingBy: bar.timestamp &* 1000, line: number)
            accept(s, bar, line: number)
        case .tick(_, let time, let price, let size):
            ticks += 1
            ticksBySymbol[s] += 1
            if aggregators[s] == nil {
                do { aggregators[s] = try TickAggregator(interval: interval) } catch {
                    problems.append(InputProblem(line: number, kind: .invalid, reason: error.description))
                    return
                }
            }
            closeTickBars(endingBy: time, line: number)
            do {
                if let bar = try aggregators[s]!.add(timeMillis: time, price: price, size: size) { accept(s, bar, line: number) }
            } catch {
                problems.append(InputProblem(line: number, kind: .invalid, reason: error.description))
            }
        }
    }

    private mutating func accept(_ s: Int, _ bar: Bar, line: Int) {
        let t = bar.timestamp
        if t <= resumeAfter[s] {
            resent += 1
            return
        }
        if t <= lastTimes[s] {
            problems.append(InputProblem(line: line, kind: t == lastTimes[s] ? .duplicate : .late, reason: "\(symbols[s]) bar at \(CivilTime.iso8601(t)) is not after its last bar (\(CivilTime.iso8601(lastTimes[s]))): out of time order or repeated"))
            return
        }
        if pending.count > 0 && t < pending.timestamp {
            problems.append(InputProblem(line: line, kind: .late, reason: "\(symbols[s]) bar at \(CivilTime.iso8601(t)) arrived after bars stamped \(CivilTime.iso8601(pending.timestamp)): bars must arrive in time order across symbols"))
            return
        }
        if pending.count > 0 && t > pending.timestamp { complete() }
        if pending.count == 0 {
            pending.reset(timestamp: t)
            pendingLines.removeAll(keepingCapacity: true)
        }
        pending.append(symbol: s, index: nextIndex[s], bar: bar)
        pendingLines.append(line)
        nextIndex[s] += 1
        lastTimes[s] = t
        bars += 1
        if pending.count == symbols.count { complete() }
    }

    /// The timestamp being assembled is complete: ordered by symbol number (as `BarFeed`) and
    /// handed on.
    private mutating func complete() {
        if readyUsed == readyQueue.count {
            readyQueue.append(BarBatch(capacity: symbols.count))
            readyLines.append([])
        }
        let k = readyUsed
        readyUsed += 1
        readyQueue[k].reset(timestamp: pending.timestamp)
        readyLines[k].removeAll(keepingCapacity: true)
        for s in 0..<symbols.count {
            guard let j = pending.position(ofSymbol: s) else { continue }
            readyQueue[k].append(symbol: s, index: pending.index(j), bar: pending.bar(j))
            readyLines[k].append(pendingLines[j])
        }
        pending.reset(timestamp: pending.timestamp)
    }
}
