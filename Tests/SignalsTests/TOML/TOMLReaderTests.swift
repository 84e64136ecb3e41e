import Foundation
import Testing
@testable import Signals

/// Behaviour of Barwise's own TOML reader beyond the toml-test suite: the malformed headers that
/// used to abort inside the old C++ parser, bounded nesting, file order, 64-bit limits and where
/// errors point.
@Suite struct TOMLReaderTests {
    func syntaxError(_ text: String) -> (line: Int, column: Int, message: String)? {
        syntaxError(bytes: Array(text.utf8))
    }

    func syntaxError(bytes: [UInt8]) -> (line: Int, column: Int, message: String)? {
        do {
            _ = try ConfigTable.parse(toml: bytes)
            return nil
        } catch {
            guard case .syntax(let line, let column, let message) = error.kind else { return nil }
            return (line, column, message)
        }
    }

    @Test func unclosedHeaderAtEndOfLineIsASyntaxErrorNotACrash() throws {
        let e = try #require(syntaxError("[\n"))
        #expect(e.line == 1 && e.column == 2)
        #expect(e.message == "expected a key (letters, digits, '_' and '-', or a quoted string), found end of line")
    }

    @Test func headerStartingWithPunctuationNamesTheCharacter() throws {
        let bang = try #require(syntaxError("[!x]"))
        #expect(bang.line == 1 && bang.column == 2)
        #expect(bang.message.hasSuffix("found '!'"))
        let at = try #require(syntaxError("name = \"x\"\n[@ignals]\nfast_ma = \"sma(close, 3)\"\n"))
        #expect(at.line == 2 && at.column == 2)
        #expect(at.message.hasSuffix("found '@'"))
    }

    @Test func strategyFileWithMalformedHeaderReportsFileLineAndColumn() {
        #expect(throws: StrategyError(file: "s.toml", .syntax(line: 1, column: 2, message: "expected a key (letters, digits, '_' and '-', or a quoted string), found '@'"))) {
            try StrategySpec.parse(toml: "[@ignals]\n", path: "s.toml")
        }
        do {
            _ = try StrategySpec.parse(toml: "[\n", path: "s.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("s.toml: line 1, column 2: expected a key"))
        }
    }

    @Test func deepArrayNestingIsRejectedWithoutRecursingFurther() throws {
        let e = try #require(syntaxError("a = " + String(repeating: "[", count: 100_000)))
        #expect(e.message == "values are nested more than 128 levels deep")
        #expect(e.column == 4 + 128 + 1)
        let fits = "a = " + String(repeating: "[", count: 127) + String(repeating: "]", count: 127)
        #expect(syntaxError(fits) == nil)
    }

    @Test func deepInlineTablesAndLongHeadersAreRejected() throws {
        let inline = try #require(syntaxError("a = " + String(repeating: "{b = ", count: 50_000)))
        #expect(inline.message == "values are nested more than 128 levels deep")
        let header = try #require(syntaxError("[" + Array(repeating: "a", count: 10_000).joined(separator: ".") + "]"))
        #expect(header.message == "a dotted key may have at most 128 parts")
        let mixed = "[" + Array(repeating: "t", count: 100).joined(separator: ".") + "]\n" + Array(repeating: "k", count: 100).joined(separator: ".") + " = 1"
        #expect(try #require(syntaxError(mixed)).message == "values are nested more than 128 levels deep")
    }

    @Test func keysKeepFileOrderAcrossHeadersDottedKeysAndArraysOfTables() throws {
        let table = try ConfigTable.parse(toml: """
            zeta = 1
            alpha.y = 2
            alpha.b = 3
            [mid]
            z = 1
            [[list]]
            q = 1
            [[list]]
            c = 2
            b = 3
            [beta.inner]
            x = 1
            [beta]
            k = 0
            """)
        #expect(table.keys == ["zeta", "alpha", "mid", "list", "beta"])
        guard case .table(let alpha)? = table["alpha"], case .table(let beta)? = table["beta"],
              case .array(let list)? = table["list"], case .table(let second) = list[1] else {
            Issue.record("unexpected shape: \(table)")
            return
        }
        #expect(alpha.keys == ["y", "b"])
        #expect(beta.keys == ["inner", "k"])
        #expect(second.keys == ["c", "b"])
    }

    @Test func integersAreCheckedAgainstTheSixtyFourBitRange() throws {
        let table = try ConfigTable.parse(toml: "min = -9223372036854775808\nmax = 0x7FFFFFFFFFFFFFFF")
        #expect(table["min"] == .integer(Int.min) && table["max"] == .integer(Int.max))
        let over = try #require(syntaxError("a = 9223372036854775808"))
        #expect(over.column == 5 && over.message.contains("does not fit in a 64-bit integer"))
        #expect(syntaxError("a = 0xFFFFFFFFFFFFFFFFFF")?.message.contains("does not fit") == true)
        #expect(syntaxError("a = 1e400")?.message.contains("outside the range of a 64-bit float") == true)
    }

    @Test func datesAreValidatedAndNamedInTypeErrors() throws {
        #expect(syntaxError("d = 2021-02-29")?.message == "day 29 does not exist in month 2 of 2021 (it has 28 days)")
        let table = try ConfigTable.parse(toml: "d = 2024-02-29T23:59:60.123456789123-07:30")
        guard case .dateTime(let d)? = table["d"] else {
            Issue.record("not a date-time: \(table)")
            return
        }
        #expect(d.text == "2024-02-29T23:59:60.123456789-07:30")
        #expect(throws: StrategyError(file: nil, key: "name", .wrongType(expected: "a string", found: "a date"))) {
            try StrategySpec.parse(toml: "name = 1979-05-27")
        }
    }

    @Test func errorColumnsCountCharactersNotBytes() throws {
        let e = try #require(syntaxError("[s]\nk = \"éé\" x\n"))
        #expect(e.line == 2 && e.column == 10)
        #expect(e.message == "expected the end of the line after the value, found 'x'")
    }

    @Test func invalidUTF8IsASyntaxErrorAtItsByte() throws {
        let e = try #require(syntaxError(bytes: Array("a = \"".utf8) + [0xC3, 0x28, 0x22]))
        #expect(e.line == 1 && e.column == 6)
        #expect(e.message.contains("not valid UTF-8"))
    }

    @Test func redefinitionsSayWhatWasDefinedBefore() {
        #expect(syntaxError("[a]\n[a]")?.message == "table [a] is defined twice")
        #expect(syntaxError("a.b = 1\n[a]")?.message == "table [a] was already defined with dotted keys")
        #expect(syntaxError("a = {x = 1}\n[a.b]")?.message == "a is an inline table, which cannot be extended after it is written")
        #expect(syntaxError("a = 1\na = 2")?.message == "key a is defined twice")
        #expect(syntaxError("a = [1]\n[[a]]")?.message == "a is an array value, which [[a]] cannot extend")
    }
}
