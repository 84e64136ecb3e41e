import ArgumentParser
import Foundation

/// The `barwise` command line: one subcommand per file in this folder.
@main
struct Barwise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barwise",
        abstract: "Event-driven backtesting and research engine.",
        discussion: """
            The store defaults to datasets/barwise.sqlite (or $BARWISE_STORE); when it does not \
            exist it is created from the sample data in datasets/sample/.

            Exit codes: 0 success, 1 a failed check, 2 bad usage or bad input, 74 a file or the \
            store could not be read or written (I/O), 130 interrupted by Ctrl-C.

            barwise --version prints the version and the git commit of the build.
            """,
        subcommands: [
            IngestCommand.self, DataCommand.self, SignalsCommand.self, RunCommand.self, ReportCommand.self,
            SweepCommand.self, RiskCommand.self, OptimizeCommand.self, StreamCommand.self,
        ]
    )

    /// Runs the command, mapping argument errors to exit code 2 (DESIGN.md section 5) instead
    /// of ArgumentParser's 64.
    static func main() {
        if CommandLine.arguments.dropFirst().first == "--version" {
            print(BarwiseVersion.text)
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                FileHandle.standardError.write(Data((InputEcho.capLongWords(fullMessage(for: error)) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
