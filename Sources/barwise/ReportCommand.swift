import ArgumentParser
import Foundation
import Reports

/// `barwise report DIR`: rebuilds a run folder's index.html, metrics.csv and
/// monthly_returns.csv, or a sweep folder's index.html, from its CSV and JSON alone (no store,
/// no network).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild a run or sweep folder's HTML report (and a run's metrics.csv, monthly_returns.csv) from its files.",
        discussion: """
            Run folder: reads equity.csv, trades.csv and summary.json (required), manifest.json and \
            prices.csv (optional: buy-and-hold and price charts need prices.csv) from the folder \
            `barwise run` wrote, and writes index.html, metrics.csv and monthly_returns.csv next to \
            them. Sweep folder (`barwise sweep`, `sweep merge`): reads results.csv and summary.json \
            and writes index.html. index.html is one self-contained file: it opens offline and makes \
            no network requests.

            Examples:
              barwise report reports/sma_cross-20240101T120000Z
              barwise report Tests/Fixtures/run/sma_cross-GOOG
              barwise report reports/sma_cross-20240101T120000Z --json
              barwise report reports/sma_cross-sweep-20240101T120000Z
            """
    )

    @Argument(help: "The run folder (reports/<strategy>-<UTC timestamp>/) or a sweep folder.")
    var runDir: String

    @Flag(help: "Print the written paths and headline metrics as JSON.")
    var json = false

    func run() throws {
        if SweepFolder.isSweep(runDir) {
            try rebuildSweep()
            return
        }
        let output: Reports.RunReport.Output
        let report: Reports.RunReport
        do {
            report = Reports.RunReport(run: try RunFolder.read(runDir))
            output = try report.write(to: runDir)
        } catch {
            CommandFailure.printError(error.description)
            throw ExitCode(2)
        }
        if json {
            var metrics: [String: Any] = [:]
            for m in report.metrics { metrics[m.name] = JSONOutput.number(m.value) }
            try JSONOutput.print(["index": output.index, "metrics_csv": output.metrics, "monthly_returns_csv": output.monthlyReturns, "metrics": metrics])
        } else {
            print("wrote \(output.index)")
            print("wrote \(output.metrics)")
            print("wrote \(output.monthlyReturns)")
        }
    }

    /// A sweep folder's index.html from its results.csv and summary.json.
    private func rebuildSweep() throws {
        let index: String
        do {
            if SweepFolder.isWalkForward(runDir) {
                throw ReportError.io(path: runDir, detail: "is a walk-forward sweep folder: it has no HTML report to rebuild (see walk_forward.csv and oos_equity.csv)")
            }
            index = try SweepReport.write(SweepFolder.read(runDir), folder: runDir)
        } catch let error as ReportError {
            CommandFailure.printError(error.description)
            throw ExitCode(2)
        }
        if json {
            try JSONOutput.print(["index": index])
        } else {
            print("wrote \(index)")
        }
    }
}
