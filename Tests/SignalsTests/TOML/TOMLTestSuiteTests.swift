import Foundation
import Testing
@testable import Signals

/// The TOML 1.0 files of the public toml-test suite (Tests/Fixtures/toml-test, see PROVENANCE.md):
/// every `valid/` file parses to the value of its JSON twin, every `invalid/` file is rejected
/// with a line, a column and a message, and none crashes the process.
@Suite struct TOMLTestSuiteTests {
    static let root = LanguageFixtures.path("Tests/Fixtures/toml-test")

    /// The suite's own list of the files that apply to TOML 1.0.
    static let listed: [String] = {
        let list = (try? String(contentsOfFile: root + "/files-toml-1.0.0", encoding: .utf8)) ?? ""
        return list.split(whereSeparator: \.isNewline).map(String.init)
    }()
    static let validCases = listed.filter { $0.hasPrefix("valid/") && $0.hasSuffix(".toml") }
    static let invalidCases = listed.filter { $0.hasPrefix("invalid/") && $0.hasSuffix(".toml") }

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: root + "/" + name) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return [UInt8](data)
    }

    @Test func everyTOML10FileOfTheSuiteIsHereAndRun() throws {
        #expect(Self.validCases.count == 210)
        #expect(Self.invalidCases.count == 499)
        for name in Self.listed {
            #expect(FileManager.default.fileExists(atPath: Self.root + "/" + name), "\(name) is missing")
        }
    }

    @Test(arguments: validCases)
    func validFileParsesToItsJSONTwin(_ name: String) throws {
        let table: ConfigTable
        do {
            table = try ConfigTable.parse(toml: try Self.bytes(name), file: name)
        } catch {
            Issue.record("\(error)")
            return
        }
        let twin = try Self.bytes(String(name.dropLast(5)) + ".json")
        let json = try JSONSerialization.jsonObject(with: Data(twin))
        if let difference = TaggedJSON.mismatch(.table(table), json) {
            Issue.record("\(name)\(difference)")
        }
    }

    @Test(arguments: invalidCases)
    func invalidFileIsRejectedWithLineColumnAndMessage(_ name: String) throws {
        let bytes = try Self.bytes(name)
        do {
            let table = try ConfigTable.parse(toml: bytes, file: name)
            Issue.record("accepted: \(table)")
        } catch {
            guard case .syntax(let line, let column, let message) = error.kind else {
                Issue.record("not a syntax error: \(error)")
                return
            }
            #expect(line >= 1 && column >= 1)
            #expect(!message.isEmpty)
            #expect(error.description.hasPrefix("\(name): line \(line), column \(column): "))
        }
    }
}
