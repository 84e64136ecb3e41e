import ArgumentParser
import Foundation
import MarketData

/// Prints a one-line error on stderr and exits with the code DESIGN.md gives: 2 for bad input
/// or usage (what the user can fix), 1 for a failed check.
enum CommandFailure {
    static func exit(_ error: any Error) -> ExitCode {
        let message: String
        switch error {
        case let e as IngestError: message = e.description
        case let e as StoreError: message = e.description
        case let e as CustomStringConvertible: message = e.description
        default: message = "\(error)"
        }
        printError(message)
        return ExitCode(2)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("barwise: error: \(message)\n".utf8))
    }

    static func notice(_ message: String) {
        FileHandle.standardError.write(Data("barwise: \(message)\n".utf8))
    }
}
