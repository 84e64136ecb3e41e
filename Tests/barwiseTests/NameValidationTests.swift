import Foundation
import Testing

/// Names that become paths or identifiers (strategy names, symbols) follow a documented
/// character set; anything else is refused before a file is written.
@Suite struct NameValidationTests {
    static func strategy(named name: String) -> String {
        "name = \"\(name)\"\nsymbols = [\"GOOG\"]\n[rules]\nlong_entry = \"close > open\"\n"
    }

    @Test func strategyNameThatIsAPathIsRejectedAndNothingIsWritten() throws {
        let work = try BarwiseProcess.scratchDirectory().appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        // TOML text: "line\\nbreak" is a name with a line break in it.
        for name in ["../../escape", "a/b", ".hidden", "", String(repeating: "n", count: 65), "two words", "line\\nbreak"] {
            let file = work.appendingPathComponent("s.toml")
            try Self.strategy(named: name).write(to: file, atomically: true, encoding: .utf8)
            let r = try SampleStore.run(["run", file.path], in: work)
            #expect(r.status == 2, "\(name): \(r.stdout)")
            #expect(r.errorLine.contains("s.toml: name: the strategy name"), "\(name): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("reports").path))
            #expect(!FileManager.default.fileExists(atPath: work.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("escape").path))
        }
    }

    @Test func strategyNameFromAFileNameIsCheckedToo() throws {
        let file = try SampleStore.strategy("symbols = [\"GOOG\"]\n[rules]\nlong_entry = \"close > open\"\n", named: "my strategy.toml")
        let r = try SampleStore.run(["run", file])
        #expect(r.status == 2)
        #expect(r.errorLine.contains("taken from the file name"), "\(r.stderr)")
    }

    @Test func validNamesWithDotsDashesAndUnderscoresRun() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        try Self.strategy(named: "sma-cross_v1.2").write(to: dir.appendingPathComponent("s.toml"), atomically: true, encoding: .utf8)
        let r = try SampleStore.run(["run", "s.toml"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path)
        #expect(folders.count == 1 && folders[0].hasPrefix("sma-cross_v1.2-"))
    }

    @Test func symbolsThatCouldBePathsOrBreakLinesAreRejected() throws {
        for list in ["../x", "GO\nOG", "", ",", "GOOG,,ORCL", "GOOG/ORCL", String(repeating: "X", count: 33), "GOOG,GOOG"] {
            for args in [["run", "strategies/sma_cross.toml", "--symbols", list], ["risk", "--symbols", list]] {
                let r = try SampleStore.run(args)
                #expect(r.status == 2, "\(args[0]) \(list.debugDescription): \(r.stdout)")
                #expect(r.stderr.contains("--symbols"), "\(args[0]) \(list.debugDescription): \(r.stderr)")
                // Echoed input never starts a new line of the error.
                #expect(!r.stderr.contains("GO\nOG"))
            }
        }
        let sweep = try SampleStore.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:10:5", "--symbols", "GOOG,../x"])
        #expect(sweep.status == 2 && sweep.errorLine.contains("--symbols: '../x' is not a symbol"), "\(sweep.stderr)")
        let benchmark = try SampleStore.run(["run", "strategies/sma_cross.toml", "--benchmark", "../x"])
        #expect(benchmark.status == 2 && benchmark.errorLine.contains("--benchmark"), "\(benchmark.stderr)")
        let symbol = try SampleStore.run(["signals", "strategies/sma_cross.toml", "--symbol", "a b"])
        #expect(symbol.status == 2 && symbol.stderr.contains("--symbol"), "\(symbol.stderr)")
    }

    @Test func strategySymbolsAreCheckedWithTheFileNamed() throws {
        let file = try SampleStore.strategy("name = \"s\"\nsymbols = [\"../GOOG\"]\n[rules]\nlong_entry = \"close > open\"\n")
        let r = try SampleStore.run(["run", file])
        #expect(r.status == 2 && r.errorLine.contains("strategy.toml: symbols: '../GOOG' is not a symbol"), "\(r.stderr)")
    }
}
