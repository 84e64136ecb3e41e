import ArgumentParser
import Foundation
import Reports

/// `barwise report RUN_DIR`: rebuilds a run folder's index.html, metrics.csv and
/// monthly_returns.csv from its CSV and JSON alone (no store, no network).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild a run folder's HTML report (and metrics.csv, monthly_returns.csv) from its files.",
        discussion: """
            Reads equity.csv, trades.csv and summary.json (required), manifest.json and prices.csv \
            (optional: buy-and-hold and price charts need prices.csv) from the folder `barwise run` \
            wrote, and writes index.html, metrics.csv and monthly_returns.csv next to them. \
            index.html is one self-contained file: it opens offline and makes no network requests.

            Examples:
              barwise report reports/sma_cross-20240101T120000Z
              barwise report Tests/Fixtures/run/sma_cross-GOOG
              barwise report reports/sma_cross-20240101T120000Z --json
            """
    )

    @Argument(help: "The run folder (reports/<strategy>-<UTC timestamp>/).")
    var runDir: String

    @Flag(help: "Print the written paths and headline metrics as JSON.")
    var json = false

    func run() throws {
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
}
