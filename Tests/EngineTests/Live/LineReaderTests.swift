import Foundation
import Testing
@testable import Engine

/// `LineReader`: lines of a file or a pipe read in blocks, whatever the block boundaries, the
/// line breaks and the pace of the writer.
@Suite struct LineReaderTests {
    static func text(_ line: UnsafeRawBufferPointer) -> String { String(decoding: line, as: UTF8.self) }

    /// Every line up to the end of the input.
    static func readAll(_ reader: LineReader) throws -> [String] {
        var out: [String] = []
        while let line = try reader.nextLine() { out.append(text(line)) }
        return out
    }

    @Test func linesSplitAcrossReadBlocksOfAFileComeBackWhole() throws {
        // Lengths 1…199 cycling: thousands of lines straddle the 4,096-byte block boundaries.
        let lines = (0..<5_000).map { k in String(repeating: Character(UnicodeScalar(UInt8(97 + k % 26))), count: 1 + (k * 37) % 199) }
        let file = try LiveFile(lines.joined(separator: "\n") + "\n")
        let reader = LineReader(fd: file.fd, blockSize: 16)
        #expect(try Self.readAll(reader) == lines)
        #expect(reader.lineNumber == lines.count)
        #expect(reader.overlongLines.isEmpty)
    }

    @Test func aLineWrittenInPiecesToAPipeIsReturnedOnceItsBreakArrives() throws {
        let pipe = try LivePipe()
        let reader = LineReader(fd: pipe.readEnd, blockSize: 16)
        reader.pollInterval = 5
        // Each time the reader would wait, the writer sends the next piece; a line ends mid-piece.
        var pieces = ["{\"symbol\":\"GO", "OG\",\"close\":1", "00.5}\n{\"sym", "bol\":\"X\"}\nlast"]
        var idles = 0
        reader.onIdle = {
            idles += 1
            if pieces.isEmpty { pipe.closeWriteEnd() } else { pipe.write(pieces.removeFirst()) }
        }
        #expect(try Self.readAll(reader) == ["{\"symbol\":\"GOOG\",\"close\":100.5}", "{\"symbol\":\"X\"}", "last"])
        #expect(idles == 5, "one idle call before each wait: four pieces, then the close")
    }

    @Test func theLastLineWithoutALineBreakIsStillALine() throws {
        let file = try LiveFile("first\nsecond\nno break")
        let reader = LineReader(fd: file.fd)
        #expect(try Self.readAll(reader) == ["first", "second", "no break"])
        #expect(reader.lineNumber == 3)
        #expect(try reader.nextLine() == nil, "the end stays the end")
    }

    @Test func crlfLineBreaksLeaveNoCarriageReturnButInnerOnesStay() throws {
        let file = try LiveFile("a\r\nb\rc\r\n\r\nlast\r")
        let reader = LineReader(fd: file.fd)
        #expect(try Self.readAll(reader) == ["a", "b\rc", "", "last"])
    }

    @Test func emptyLinesAreCountedInLineNumbers() throws {
        let file = try LiveFile("a\n\n\nb\n")
        let reader = LineReader(fd: file.fd)
        var numbered: [(Int, String)] = []
        while let line = try reader.nextLine() { numbered.append((reader.lineNumber, Self.text(line))) }
        #expect(numbered.map(\.0) == [1, 2, 3, 4])
        #expect(numbered.map(\.1) == ["a", "", "", "b"])
    }

    @Test func aLineLongerThanTheBufferCanHoldIsReportedAndSkippedAndTheNextLineIsRead() throws {
        // Longer than twice `maxLineBytes`: the buffer stops growing there.
        let long = String(repeating: "x", count: 2 * LineReader.maxLineBytes + 1_000)
        let file = try LiveFile("before\n\(long)\nafter\n")
        let reader = LineReader(fd: file.fd, blockSize: 4_096)
        #expect(try Self.readAll(reader) == ["before", "after"])
        #expect(reader.overlongLines == [2])
        #expect(reader.lineNumber == 3, "the skipped line keeps its number")
        reader.clearOverlongLines()
        #expect(reader.overlongLines.isEmpty)
    }

    @Test func anOverlongLastLineWithoutABreakIsSkipped() throws {
        let long = String(repeating: "y", count: 2 * LineReader.maxLineBytes + 10)
        let file = try LiveFile("before\n\(long)")
        let reader = LineReader(fd: file.fd)
        #expect(try Self.readAll(reader) == ["before"])
        #expect(reader.overlongLines == [2])
    }

    @Test func aLineJustLongerThanMaxLineBytesIsReportedAsOverlong() throws {
        // `maxLineBytes` is the longest line accepted: one byte more is reported and skipped.
        let long = String(repeating: "z", count: LineReader.maxLineBytes + 100)
        let file = try LiveFile("\(long)\nafter\n")
        let reader = LineReader(fd: file.fd, blockSize: 4_096)
        let lines = try Self.readAll(reader)
        #expect(lines.count == 1 && lines.last == "after", "got lines of \(lines.map(\.count)) bytes")
        #expect(reader.overlongLines == [1])
    }

    @Test func onIdleRunsBeforeABlockingReadOfAPipeWithNoDataYet() throws {
        let pipe = try LivePipe()
        let reader = LineReader(fd: pipe.readEnd)
        reader.pollInterval = 5
        var events: [String] = []
        reader.onIdle = {
            events.append("idle")
            pipe.write("bar\n")
        }
        let line = try reader.nextLine().map(Self.text)
        events.append("line \(line ?? "nil")")
        #expect(events == ["idle", "line bar"])
        // Data already waiting: no idle call.
        pipe.write("ready\n")
        #expect(try reader.nextLine().map(Self.text) == "ready")
        #expect(events.count == 2)
    }

    @Test func shouldStopEndsAnInputThatIsStillOpen() throws {
        let pipe = try LivePipe()
        let reader = LineReader(fd: pipe.readEnd)
        reader.pollInterval = 5
        pipe.write("one\n")
        var stop = false
        var idles = 0
        reader.onIdle = { idles += 1 }
        reader.shouldStop = {
            if idles > 0 { stop = true }
            return stop
        }
        #expect(try reader.nextLine().map(Self.text) == "one")
        // Nothing more arrives and the write end stays open: without the stop this would wait forever.
        #expect(try reader.nextLine() == nil)
        #expect(stop && idles == 1)
        #expect(try reader.nextLine() == nil)
    }

    @Test func shouldStopEndsAFollowedFileAtItsEnd() throws {
        let file = try LiveFile("a\n")
        let reader = LineReader(fd: file.fd, follow: true)
        reader.pollInterval = 5
        var idles = 0
        reader.onIdle = {
            idles += 1
            // The first time the reader reaches the end, another process appends a line.
            if idles == 1 { try? file.append("b\n") }
        }
        reader.shouldStop = { idles >= 2 }
        #expect(try Self.readAll(reader) == ["a", "b"])
        #expect(idles == 2)
    }

    @Test func withoutFollowAFileEndsAtItsEnd() throws {
        let file = try LiveFile("a\n")
        let reader = LineReader(fd: file.fd)
        var idles = 0
        reader.onIdle = { idles += 1 }
        #expect(try Self.readAll(reader) == ["a"])
        #expect(idles == 0, "a regular file is always ready: the reader never waits")
    }

    @Test func aReadErrorIsThrownWithTheSystemsReason() throws {
        // A directory polls as ready and its read fails (EISDIR).
        let fd = open(FileManager.default.temporaryDirectory.path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let reader = LineReader(fd: fd)
        let error = #expect(throws: LineReader.ReadError.self) { try reader.nextLine() }
        #expect(error?.reason == String(cString: strerror(EISDIR)))
    }
}
