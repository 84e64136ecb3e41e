import Foundation
import Testing

/// `barwise report` on what is not a readable run folder says why.
@Suite struct ReportFolderErrorTests {
    @Test func runFolderProblemsGiveTheRealReason() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let run = try SampleStore.run(["run", "strategies/sma_cross.toml", "--out", dir.appendingPathComponent("run").path])
        #expect(run.status == 0, "\(run.stderr)")
        let file = dir.appendingPathComponent("run/summary.json").path
        let notAFolder = try SampleStore.run(["report", file])
        #expect(notAFolder.status == 2 && notAFolder.errorLine.contains("\(file): is a file, not a run folder"), "\(notAFolder.stderr)")
        for name in ["summary.json", "equity.csv"] {
            let broken = dir.appendingPathComponent("broken-\(name)")
            try FileManager.default.copyItem(at: dir.appendingPathComponent("run"), to: broken)
            try FileManager.default.removeItem(at: broken.appendingPathComponent(name))
            try FileManager.default.createDirectory(at: broken.appendingPathComponent(name), withIntermediateDirectories: false)
            let r = try SampleStore.run(["report", broken.path])
            #expect(r.status == 2 && r.errorLine.contains("\(name): is a directory, not a file"), "\(name): \(r.stderr)")
        }
    }
}
