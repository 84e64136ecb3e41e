import Foundation
import Testing

/// Strategy files whose TOML is malformed (the table headers that used to abort the process
/// inside the old C++ TOML parser, bytes that are not UTF-8): a one-line error naming the file,
/// line and column, exit 2, never a crash.
@Suite struct StrategyFileSyntaxTests {
    func run(strategyBytes: [UInt8]) throws -> (file: String, result: BarwiseProcess.Output) {
        let file = try BarwiseProcess.scratchDirectory().appendingPathComponent("bad.toml").path
        try Data(strategyBytes).write(to: URL(fileURLWithPath: file))
        let r = try BarwiseProcess.run(["signals", file, "--symbol", "GOOG", "--store", try SignalsCommandTests.storeWithGOOG()])
        return (file, r)
    }

    @Test(arguments: [
        ("[\n", "line 1, column 2: expected a key (letters, digits, '_' and '-', or a quoted string), found end of line"),
        ("[!x]", "line 1, column 2: expected a key (letters, digits, '_' and '-', or a quoted string), found '!'"),
        ("name = \"x\"\n[@ignals]\n", "line 2, column 2: expected a key (letters, digits, '_' and '-', or a quoted string), found '@'"),
    ])
    func malformedTableHeaderExits2WithFileLineAndColumn(text: String, message: String) throws {
        let (file, r) = try run(strategyBytes: Array(text.utf8))
        #expect(r.status == 2)
        #expect(r.stderr == "barwise: error: \(file): \(message)\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func strategyFileThatIsNotUTF8NamesTheByte() throws {
        let (file, r) = try run(strategyBytes: Array("name = \"x\"\n# caf".utf8) + [0xE9, 0x0A])
        #expect(r.status == 2)
        #expect(r.stderr == "barwise: error: \(file): line 2, column 6: the file is not valid UTF-8 (byte 0xE9)\n")
    }
}
