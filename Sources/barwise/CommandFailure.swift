import ArgumentParser
import Foundation
import MarketData

/// Prints a one-line error on stderr and picks the exit code (README "Exit codes"): 2 for bad
/// input or usage (what the user can fix), 74 (`EX_IOERR`) when a file or the store could not be
/// read or written, 1 for a failed check.
enum CommandFailure {
    /// Bad usage or bad input.
    static let badInput = ExitCode(2)
    /// An input/output failure: a file or folder that cannot be written, a store the disk
    /// refuses (sysexits.h `EX_IOERR`).
    static let ioFailure = ExitCode(74)

    static func exit(_ error: any Error) -> ExitCode {
        printError(message(for: error))
        return code(for: error)
    }

    /// The one-line message of an error.
    static func message(for error: any Error) -> String {
        switch error {
        case let e as ValidationError: return e.message
        case let e as IngestError: return e.description
        case let e as StoreError: return e.description
        case let e as CocoaError: return FileProblem.describe(e)
        case let e as CustomStringConvertible: return e.description
        default: return "\(error)"
        }
    }

    /// 74 for failures of the file system or of SQLite's I/O, 2 for everything else.
    static func code(for error: any Error) -> ExitCode {
        switch error {
        case let e as StoreError:
            if case let .sqlite(sqlite, _) = e, SQLiteResult.isInputOutput(sqlite.code) { return ioFailure }
            return badInput
        case is CocoaError, is POSIXError: return ioFailure
        default: return badInput
        }
    }

    /// Prints `barwise: error: MESSAGE` as one line: control characters are escaped so that
    /// echoed input cannot start a new line, and any run of more than 200 non-blank characters
    /// (input a library quoted whole) is cut.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("barwise: error: \(InputEcho.capLongWords(InputEcho.oneLine(message)))\n".utf8))
    }

    static func notice(_ message: String) {
        FileHandle.standardError.write(Data("barwise: \(message)\n".utf8))
    }
}
