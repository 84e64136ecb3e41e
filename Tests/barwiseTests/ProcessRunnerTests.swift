import Foundation
import Testing

/// The process runner of these tests: it must never hang or crash, whatever a child writes.
@Suite struct ProcessRunnerTests {
    @Test func largeStderrBeforeStdoutDoesNotDeadlock() throws {
        // 1 MB on stderr first, then on stdout: a runner that drains stdout before stderr blocks
        // forever once the stderr pipe (64 KB) is full.
        let script = "head -c 1000000 /dev/zero | tr '\\0' e >&2; head -c 300000 /dev/zero | tr '\\0' o"
        let r = try BarwiseProcess.capture(URL(fileURLWithPath: "/bin/sh"), ["-c", script])
        #expect(r.status == 0)
        #expect(r.stderr.utf8.count == 1_000_000 && r.stdout.utf8.count == 300_000)
    }

    @Test func childReadingStdinSeesItsEnd() throws {
        let r = try BarwiseProcess.capture(URL(fileURLWithPath: "/bin/cat"), [])
        #expect(r.status == 0 && r.stdout.isEmpty)
    }
}
