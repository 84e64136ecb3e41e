import Foundation
import MarketData
import Testing
@testable import Engine

/// `LiveBarSource`: NDJSON bars and ticks assembled into one `BarBatch` per timestamp, as soon
/// as the timestamp is complete; bad lines become problems with their line numbers.
@Suite struct LiveBarSourceTests {
    /// 2023-11-15T00:00:00Z and the following days, epoch seconds.
    static let day0: Int64 = 1_700_006_400
    static func day(_ k: Int) -> Int64 { day0 + Int64(k) * 86_400 }

    static func bar(_ symbol: String, _ time: Int64, close: Double = 100) -> String {
        "{\"symbol\":\"\(symbol)\",\"time\":\(time),\"open\":\(close),\"high\":\(close + 1),\"low\":\(close - 1),\"close\":\(close),\"volume\":10}"
    }

    /// A tick at `millis` (epoch milliseconds).
    static func tick(_ symbol: String, _ millis: Int64, price: Double, size: Double = 1) -> String {
        "{\"symbol\":\"\(symbol)\",\"time\":\(millis),\"price\":\(price),\"size\":\(size)}"
    }

    /// One handed-on batch: (symbol number, index, bar) per bar, and the input lines.
    struct Step: Equatable {
        var time: Int64
        var bars: [Int: (index: Int, close: Double)]
        var order: [Int]
        var lines: [Int]
        static func == (a: Step, b: Step) -> Bool {
            a.time == b.time && a.order == b.order && a.lines == b.lines
                && a.bars.mapValues { [Double($0.index), $0.close] } == b.bars.mapValues { [Double($0.index), $0.close] }
        }
    }

    static func step(_ batch: BarBatch, lines: [Int]) -> Step {
        var bars: [Int: (index: Int, close: Double)] = [:]
        var order: [Int] = []
        for j in 0..<batch.count {
            bars[batch.symbol(j)] = (batch.index(j), batch.bar(j).close)
            order.append(batch.symbol(j))
        }
        return Step(time: batch.timestamp, bars: bars, order: order, lines: lines)
    }

    /// Every batch of `text` and the source after the end.
    static func drain(_ text: String, symbols: [String], interval: Interval = .daily, firstIndex: [Int]? = nil,
                      resumeAfter: [Int64]? = nil) throws -> (steps: [Step], source: LiveBarSource) {
        let file = try LiveFile(text)
        var source = LiveBarSource(reader: LineReader(fd: file.fd), symbols: symbols, interval: interval,
                                   firstIndex: firstIndex, resumeAfter: resumeAfter)
        var batch = BarBatch(capacity: symbols.count)
        var steps: [Step] = []
        while try source.next(into: &batch) { steps.append(step(batch, lines: source.batchLines)) }
        withExtendedLifetime(file) {}
        return (steps, source)
    }

    @Test func aSingleSymbolsBarIsHandedOnAsSoonAsItsLineArrives() throws {
        let pipe = try LivePipe()
        let reader = LineReader(fd: pipe.readEnd)
        reader.pollInterval = 5
        var idles = 0
        reader.onIdle = { idles += 1 }
        // Were the source to wait for more input, the first idle would end it (and the test fail).
        reader.shouldStop = { idles > 0 }
        var source = LiveBarSource(reader: reader, symbols: ["GOOG"], interval: .daily)
        var batch = BarBatch()
        pipe.write(Self.bar("GOOG", Self.day(0), close: 10) + "\n")
        #expect(try source.next(into: &batch))
        #expect(idles == 0 && batch.count == 1 && batch.timestamp == Self.day(0) && batch.bar(0).close == 10)
        pipe.write(Self.bar("GOOG", Self.day(1), close: 11) + "\n")
        #expect(try source.next(into: &batch))
        #expect(idles == 0 && batch.index(0) == 1 && batch.bar(0).close == 11)
        #expect(source.batchLines == [2])
    }

    @Test func twoSymbolsBatchIsHandedOnWhenBothHaveABarAndOrderedBySymbolNumber() throws {
        let pipe = try LivePipe()
        let reader = LineReader(fd: pipe.readEnd)
        reader.pollInterval = 5
        var idles = 0
        reader.onIdle = { idles += 1 }
        reader.shouldStop = { idles > 0 }
        var source = LiveBarSource(reader: reader, symbols: ["A", "B"], interval: .daily)
        var batch = BarBatch(capacity: 2)
        // B arrives first: the batch still lists A (symbol 0) first.
        pipe.write(Self.bar("B", Self.day(0), close: 20) + "\n" + Self.bar("A", Self.day(0), close: 10) + "\n")
        #expect(try source.next(into: &batch))
        #expect(idles == 0, "complete once both symbols have a bar, without waiting for more input")
        #expect(Self.step(batch, lines: source.batchLines) == Step(time: Self.day(0), bars: [0: (0, 10), 1: (0, 20)], order: [0, 1], lines: [2, 1]))
    }

    @Test func aTimestampMissingASymbolIsHandedOnWhenALaterBarArrives() throws {
        let pipe = try LivePipe()
        let reader = LineReader(fd: pipe.readEnd)
        reader.pollInterval = 5
        var pieces = [Self.bar("B", Self.day(2), close: 22) + "\n"]
        var idles = 0
        reader.onIdle = {
            idles += 1
            if !pieces.isEmpty { pipe.write(pieces.removeFirst()) } else { pipe.closeWriteEnd() }
        }
        var source = LiveBarSource(reader: reader, symbols: ["A", "B"], interval: .daily)
        var batch = BarBatch(capacity: 2)
        pipe.write(Self.bar("A", Self.day(1), close: 11) + "\n")
        #expect(try source.next(into: &batch))
        // A's day-1 bar alone waited for B until B's day-2 bar arrived (the first idle sent it).
        #expect(idles == 1 && source.lines == 2)
        #expect(Self.step(batch, lines: source.batchLines) == Step(time: Self.day(1), bars: [0: (0, 11)], order: [0], lines: [1]))
        // The end of the input completes the day-2 timestamp.
        #expect(try source.next(into: &batch))
        #expect(Self.step(batch, lines: source.batchLines) == Step(time: Self.day(2), bars: [1: (0, 22)], order: [1], lines: [2]))
        #expect(try !source.next(into: &batch))
    }

    @Test func barsAreNumberedPerSymbolFromFirstIndex() throws {
        let text = [Self.bar("A", Self.day(0)), Self.bar("B", Self.day(0)), Self.bar("A", Self.day(1)), Self.bar("A", Self.day(2)), Self.bar("B", Self.day(2))]
            .joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A", "B"], firstIndex: [100, 7])
        #expect(steps.map(\.time) == [Self.day(0), Self.day(1), Self.day(2)])
        #expect(steps.map { $0.bars.mapValues(\.index) } == [[0: 100, 1: 7], [0: 101], [0: 102, 1: 8]])
        #expect(steps.map(\.lines) == [[1, 2], [3], [4, 5]])
        #expect(source.bars == 5 && source.lines == 5 && source.problems.isEmpty)
        #expect(source.lastTimes == [Self.day(2), Self.day(2)])
    }

    @Test func aBarOlderThanTheTimestampBeingAssembledIsAProblemOnItsLine() throws {
        let text = [Self.bar("A", Self.day(1)), Self.bar("B", Self.day(0)), Self.bar("B", Self.day(1)), Self.bar("A", Self.day(2))]
            .joined(separator: "\n")
        let (steps, drained) = try Self.drain(text, symbols: ["A", "B"])
        var source = drained
        let problems = source.takeProblems()
        #expect(problems.map(\.line) == [2])
        #expect(problems.map(\.kind) == [.late])
        #expect(problems.first?.reason.contains("B bar at 2023-11-15T00:00:00Z arrived after bars stamped 2023-11-16T00:00:00Z") == true)
        // The bars around it still count.
        #expect(steps.map(\.time) == [Self.day(1), Self.day(2)])
        #expect(steps[0].lines == [1, 3])
        #expect(source.problems.isEmpty, "takeProblems empties the list")
    }

    @Test func aBarNotAfterItsSymbolsLastIsAProblemOnItsLine() throws {
        let text = [Self.bar("A", Self.day(0)), Self.bar("A", Self.day(1)), Self.bar("A", Self.day(1), close: 99), "", Self.bar("A", Self.day(0)), Self.bar("A", Self.day(2))]
            .joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A"])
        #expect(source.problems.map(\.line) == [3, 5])
        #expect(source.problems.map(\.kind) == [.duplicate, .late], "a repeat of the last time is a duplicate, an older bar is late")
        #expect(source.problems.allSatisfy { $0.reason.contains("is not after its last bar (2023-11-16T00:00:00Z)") })
        #expect(steps.map(\.time) == [Self.day(0), Self.day(1), Self.day(2)])
        #expect(steps[1].bars[0]?.close == 100, "the repeat does not replace the bar already handed on")
        #expect(source.bars == 3 && source.lines == 6)
    }

    @Test func anUnknownSymbolIsAProblemNamingItAndTheRunsSymbols() throws {
        let text = [Self.bar("A", Self.day(0)), Self.bar("MSFT", Self.day(1)), Self.bar("A", Self.day(1))].joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A", "B"])
        #expect(source.problems == [.init(line: 2, kind: .unknownSymbol, reason: "symbol \"MSFT\" is not traded by this run (A,B)")])
        #expect(steps.count == 2)
    }

    @Test func aMalformedLineIsAProblemAndLaterBarsStillCome() throws {
        let text = [Self.bar("A", Self.day(0)), "{\"symbol\":\"A\",\"time\":", Self.bar("A", Self.day(1))].joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A"])
        #expect(source.problems.map(\.line) == [2])
        #expect(source.problems.map(\.kind) == [.invalid])
        #expect(steps.map(\.time) == [Self.day(0), Self.day(1)])
        #expect(steps.map(\.lines) == [[1], [3]])
    }

    @Test func barsAtOrBeforeResumeAfterAreSkippedAndCountedAsResent() throws {
        let text = (0..<5).map { Self.bar("A", Self.day($0), close: 100 + Double($0)) }.joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A"], firstIndex: [3], resumeAfter: [Self.day(2)])
        #expect(source.resent == 3 && source.problems.isEmpty, "resent bars are quiet")
        #expect(steps.map(\.time) == [Self.day(3), Self.day(4)])
        #expect(steps.map { $0.bars[0]!.index } == [3, 4])
        #expect(steps.map(\.lines) == [[4], [5]])
        #expect(source.bars == 2)
    }

    @Test func resumeAfterIsPerSymbol() throws {
        let text = [Self.bar("A", Self.day(0)), Self.bar("B", Self.day(0)), Self.bar("A", Self.day(1)), Self.bar("B", Self.day(1))]
            .joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A", "B"], resumeAfter: [Self.day(0), .min])
        #expect(source.resent == 1)
        #expect(steps.map(\.order) == [[1], [0, 1]])
    }

    /// Ticks of 2023-11-15 12:00 UTC onwards, epoch milliseconds.
    static let noon: Int64 = 1_700_049_600_000
    static func at(minute: Int64, second: Double) -> Int64 { noon + minute * 60_000 + Int64(second * 1_000) }

    @Test func ticksOfTwoSymbolsCloseEachOthersBarsByTime() throws {
        let text = [
            Self.tick("A", Self.at(minute: 0, second: 1), price: 10),   // 1: A 12:00 opens
            Self.tick("B", Self.at(minute: 0, second: 2), price: 20),   // 2: B 12:00 opens
            Self.tick("A", Self.at(minute: 0, second: 30), price: 12),  // 3
            Self.tick("B", Self.at(minute: 1, second: 5), price: 21),   // 4: closes A's and B's 12:00 bars
            Self.tick("B", Self.at(minute: 3, second: 0), price: 22),   // 5: closes B's 12:01 bar
            Self.tick("A", Self.at(minute: 3, second: 10), price: 13),  // 6
        ].joined(separator: "\n")
        let minute = Interval(count: 1, unit: .minute)
        let (steps, source) = try Self.drain(text, symbols: ["A", "B"], interval: minute)
        let s = Self.noon / 1_000
        #expect(steps.map(\.time) == [s, s + 60, s + 180])
        #expect(steps[0] == Step(time: s, bars: [0: (0, 12), 1: (0, 20)], order: [0, 1], lines: [4, 4]))
        #expect(steps[1] == Step(time: s + 60, bars: [1: (1, 21)], order: [1], lines: [5]))
        // The end of the input completes the 12:03 bars of both (the last line closes them).
        #expect(steps[2] == Step(time: s + 180, bars: [0: (1, 13), 1: (2, 22)], order: [0, 1], lines: [6, 6]))
        #expect(source.ticks == 6 && source.bars == 5 && source.problems.isEmpty)
    }

    @Test func barLinesOfOneSymbolCloseTickBarsOfAnotherByTime() throws {
        // A arrives as bars, B as ticks. A's 12:01 bar says 12:01 has come: B's 12:00 bar is complete.
        let s = Self.noon / 1_000
        let text = [
            Self.tick("B", Self.at(minute: 0, second: 10), price: 10),
            Self.bar("A", s),
            Self.bar("A", s + 60),
            Self.tick("B", Self.at(minute: 1, second: 30), price: 11),
        ].joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A", "B"], interval: Interval(count: 1, unit: .minute))
        #expect(source.problems.isEmpty, "\(source.problems)")
        #expect(steps.map(\.order) == [[0, 1], [0, 1]])
    }

    @Test func aTickBarHasTheOHLCVOfItsTicks() throws {
        let text = [
            Self.tick("A", Self.at(minute: 0, second: 0), price: 100, size: 1),
            Self.tick("A", Self.at(minute: 0, second: 10.5), price: 103, size: 0.5),
            Self.tick("A", Self.at(minute: 0, second: 30), price: 99, size: 2),
            Self.tick("A", Self.at(minute: 0, second: 59.999), price: 101, size: 1),
            Self.tick("A", Self.at(minute: 2, second: 0), price: 105, size: 1),
        ].joined(separator: "\n")
        let file = try LiveFile(text)
        var source = LiveBarSource(reader: LineReader(fd: file.fd), symbols: ["A"], interval: Interval(count: 1, unit: .minute))
        var batch = BarBatch()
        #expect(try source.next(into: &batch))
        #expect(batch.bar(0) == Bar(timestamp: Self.noon / 1_000, open: 100, high: 103, low: 99, close: 101, volume: 4.5))
        #expect(source.batchLines == [5], "a tick bar carries the line of the tick that completed it")
        #expect(try source.next(into: &batch))
        #expect(batch.bar(0) == Bar(timestamp: Self.noon / 1_000 + 120, open: 105, high: 105, low: 105, close: 105, volume: 1))
        #expect(try !source.next(into: &batch))
        withExtendedLifetime(file) {}
    }

    @Test func aTickEarlierThanItsBarInProgressIsAProblemAndTheBarIsUnchanged() throws {
        let text = [
            Self.tick("A", Self.at(minute: 1, second: 0), price: 100),
            Self.tick("A", Self.at(minute: 0, second: 59), price: 50),
            Self.tick("A", Self.at(minute: 1, second: 30), price: 101),
        ].joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A"], interval: Interval(count: 1, unit: .minute))
        #expect(source.problems.map(\.line) == [2])
        #expect(source.problems.first?.reason.contains("earlier than the bar in progress") == true)
        #expect(steps.count == 1 && steps[0].bars[0]?.close == 101)
    }

    @Test func theEndOfTheInputCompletesThePendingBatchAndFlushesTickBars() throws {
        // Two symbols: B's last bar has no partner, A's last minute has ticks only.
        let text = [Self.bar("B", Self.day(0))].joined(separator: "\n")
        let (steps, _) = try Self.drain(text, symbols: ["A", "B"])
        #expect(steps.map(\.order) == [[1]])
        let ticks = [Self.tick("A", Self.at(minute: 0, second: 1), price: 10), Self.tick("A", Self.at(minute: 0, second: 2), price: 11)]
            .joined(separator: "\n") + "\n"
        let (tickSteps, source) = try Self.drain(ticks, symbols: ["A"], interval: Interval(count: 1, unit: .minute))
        #expect(tickSteps == [Step(time: Self.noon / 1_000, bars: [0: (0, 11)], order: [0], lines: [2])])
        #expect(source.lines == 2 && source.ticks == 2 && source.bars == 1)
    }

    @Test func anOverlongLineIsAProblemOnItsLine() throws {
        let long = String(repeating: " ", count: 2 * LineReader.maxLineBytes + 10)
        let text = [Self.bar("A", Self.day(0)), long, Self.bar("A", Self.day(1))].joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A"])
        #expect(source.problems == [.init(line: 2, kind: .tooLong, reason: "the line is longer than \(LineReader.maxLineBytes) bytes")])
        #expect(steps.count == 2)
    }

    @Test func anOverlongLastLineIsAProblemToo() throws {
        let long = String(repeating: " ", count: 2 * LineReader.maxLineBytes + 10)
        let text = [Self.bar("A", Self.day(0)), long].joined(separator: "\n")
        let (steps, source) = try Self.drain(text, symbols: ["A"])
        #expect(steps.count == 1)
        #expect(source.problems.map(\.line) == [2])
    }
}
