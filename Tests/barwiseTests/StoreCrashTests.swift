import Foundation
import Testing

/// A `barwise ingest` killed mid-way (SIGKILL, no chance to clean up) leaves the store as it was.
@Suite struct StoreCrashTests {
    @Test func killedIngestLeavesTheStoreIntactAndUnchanged() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let store = dir.appendingPathComponent("s.sqlite").path
        let goog = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        #expect(try BarwiseProcess.run(["ingest", goog, "--store", store]).status == 0)
        let before = try BarwiseProcess.run(["data", "list", "--json", "--store", store]).stdout

        // A file big enough that the insert takes a while: 600k hourly bars.
        let big = dir.appendingPathComponent("BIG.csv")
        var text = "Date,Open,High,Low,Close,Volume\n"
        text.reserveCapacity(600_000 * 60)
        let start: Int64 = 1_000_000_000
        for i in 0..<600_000 {
            let p = 100 + Double(i % 1000) / 100
            text += "\(start + Int64(i) * 3600),\(p),\(p + 1),\(p - 1),\(p + 0.5),1000\n"
        }
        try text.write(to: big, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = BarwiseProcess.executable
        process.arguments = ["ingest", big.path, "--store", store]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once the write-ahead log shows the transaction under way.
        let wal = store + "-wal"
        let deadline = Date().addingTimeInterval(30)
        var sawWrites = false
        while Date() < deadline && process.isRunning {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > 2_000_000 { sawWrites = true; break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(sawWrites, "the ingest finished before it could be killed mid-way")
        #expect(process.terminationReason == .uncaughtSignal)

        let after = try BarwiseProcess.run(["data", "list", "--json", "--store", store])
        #expect(after.status == 0 && after.stdout == before)
        let check = try BarwiseProcess.run(["data", "check", "GOOG", "--store", store])
        #expect(check.status == 0)
    }
}
