import MarketData
import Testing
@testable import Signals

/// `ChunkedProgram` (the program run a chunk of bars ahead, what the engine's single-symbol
/// replay reads) gives every output on every bar exactly what `SignalProgram.step` gives, and
/// hands back the program in the state bar-by-bar stepping leaves it in.
@Suite struct ChunkedProgramTests {
    static func same(_ x: Double, _ y: Double) -> Bool { x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }

    /// The bars of `series` from `start` on, as a series of their own.
    static func tail(_ series: BarSeries, from start: Int) -> BarSeries {
        var out = BarSeries(symbol: series.symbol, interval: series.interval)
        for t in start..<series.count { out.append(series[t]) }
        return out
    }

    /// Steps `program` bar by bar through `bars` and counts outputs that differ from `cursor`'s.
    static func mismatches(stepping program: inout SignalProgram, against cursor: inout ChunkedProgram, _ bars: BarSeries) -> Int {
        var count = 0
        for t in 0..<bars.count {
            let bar = bars[t]
            program.step(bar)
            cursor.step(open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
            for j in program.outputs.indices where !same(program.value(at: j), cursor.value(at: j)) { count += 1 }
            if program.barCount != cursor.barCount { count += 1 }
        }
        return count
    }

    @Test func everyOutputOfEveryBarAndTheFinalStateEqualBarByBarStepping() throws {
        // 2,148 bars: eight full chunks of 256 and a partial one.
        let bars = try LanguageFixtures.goog()
        var expected = try ChunkedStepTests.program()
        expected.reset()
        var cursor = ChunkedProgram(expected, series: bars)
        #expect(Self.mismatches(stepping: &expected, against: &cursor, bars) == 0)
        let finished = cursor.finish()
        #expect(finished.barCount == bars.count)
        #expect(zip(finished.slots, expected.slots).allSatisfy { Self.same($0, $1) })
        #expect(finished.slots.count == expected.slots.count)
        // Warm, varied values by the end, so the comparison covers real numbers.
        #expect(expected.outputs.allSatisfy { expected.value(named: $0.name)?.isFinite == true })
    }

    @Test func aCursorContinuesAProgramAlreadySteppedAndLeavesTheOriginalUntouched() throws {
        let bars = try LanguageFixtures.goog()
        var expected = try ChunkedStepTests.program()
        expected.reset()
        for t in 0..<300 { expected.step(bars[t]) }
        let before = expected
        let rest = Self.tail(bars, from: 300)
        var cursor = ChunkedProgram(expected, series: rest)
        #expect(Self.mismatches(stepping: &expected, against: &cursor, rest) == 0)
        let finished = cursor.finish()
        #expect(finished.barCount == bars.count)
        #expect(zip(finished.slots, expected.slots).allSatisfy { Self.same($0, $1) })
        // The cursor stepped its own copy of the state: the program it started from is as it was.
        #expect(before.barCount == 300)
        var replayed = try ChunkedStepTests.program()
        replayed.reset()
        for t in 0..<300 { replayed.step(bars[t]) }
        #expect(zip(before.slots, replayed.slots).allSatisfy { Self.same($0, $1) })
        // And stepping on from the finished program matches stepping on bar by bar.
        var next = finished, reference = expected
        for t in 0..<20 { next.step(bars[t]); reference.step(bars[t]) }
        #expect(zip(next.slots, reference.slots).allSatisfy { Self.same($0, $1) })
    }
}
