import Foundation
import Testing
@testable import Signals

/// A strategy's name becomes a folder name: only the documented characters, checked at load.
@Suite struct StrategyNameTests {
    func loadError(_ text: String, path: String = "strategies/x.toml") -> StrategyError? {
        do {
            _ = try StrategySpec.parse(toml: text, path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: ["../../escape", "a/b", "a\\\\b", ".hidden", "", "two words", "line\\nbreak", "é", String(repeating: "n", count: 65)])
    func nameThatCouldBeAPathOrBreakALineIsRejected(name: String) {
        let e = loadError("name = \"\(name)\"\n")
        #expect(e?.key == "name", "\(name)")
        #expect(e?.description.hasPrefix("strategies/x.toml: name: the strategy name") == true, "\(e?.description ?? "accepted")")
    }

    @Test(arguments: ["sma_cross", "sma-cross.v2", "A1", String(repeating: "n", count: 64)])
    func lettersDigitsUnderscoreDashAndDotAreAccepted(name: String) throws {
        #expect(try StrategySpec.parse(toml: "name = \"\(name)\"\n", path: "x.toml").name == name)
    }

    @Test func nameTakenFromTheFileNameIsCheckedAndSaysSo() {
        let e = loadError("symbols = [\"GOOG\"]\n", path: "dir/my strategy.toml")
        #expect(e?.description.contains("taken from the file name; set name = \"...\"") == true, "\(e?.description ?? "accepted")")
    }

    @Test func strategyFileThatIsADirectorySaysSo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-dir-\(UUID().uuidString).toml")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(throws: StrategyError(file: dir.path, .unreadable("it is a directory, not a file"))) {
            try StrategySpec.load(path: dir.path)
        }
        #expect(throws: StrategyError(file: dir.path + "/none.toml", .unreadable("no such file"))) {
            try StrategySpec.load(path: dir.path + "/none.toml")
        }
    }

    @Test func strategyFileThatIsNotUTF8NamesLineAndColumn() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-\(UUID().uuidString).toml")
        try Data([0x6e, 0x61, 0x6d, 0x65, 0xff, 0xfe]).write(to: file)
        #expect(throws: StrategyError(file: file.path, .syntax(line: 1, column: 5, message: "the file is not valid UTF-8 (byte 0xFF)"))) {
            try StrategySpec.load(path: file.path)
        }
    }
}
