import Foundation
import Testing

/// Errors a user can act on: the real reason, the right option, the right exit code.
@Suite struct ErrorMessageTests {
    @Test func directoryGivenAsStrategyFileSaysItIsADirectory() throws {
        let dir = try BarwiseProcess.scratchDirectory().path
        for command in ["run", "signals"] {
            let r = try SampleStore.run([command, dir])
            #expect(r.status == 2)
            #expect(r.errorLine == "barwise: error: \(dir): cannot read the strategy file (it is a directory, not a file)", "\(r.stderr)")
        }
        let missing = try SampleStore.run(["run", dir + "/none.toml"])
        #expect(missing.errorLine.contains("(no such file)") && !missing.stderr.contains("NSCocoaErrorDomain"), "\(missing.stderr)")
    }

    @Test func badPBOIsReportedAsPBOBeforeTheSweepRuns() throws {
        let r = try SampleStore.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:20:5", "--pbo", "3"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--pbo must be an even number of blocks from 2 to 16, not 3"), "\(r.stderr)")
        #expect(!r.stderr.contains("--grid '"))
    }

    @Test func riskSuggestsOnlyOptionsItHas() throws {
        // Two identical symbols: the covariance is singular, so Cholesky (Monte Carlo) fails.
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("twins.sqlite").path
        let goog = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        for symbol in ["GOOG", "TWIN"] {
            let r = try BarwiseProcess.run(["ingest", goog, "--symbol", symbol, "--store", store])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let risk = try BarwiseProcess.run(["risk", "--symbols", "GOOG,TWIN", "--method", "montecarlo", "--store", store])
        #expect(risk.status == 2)
        #expect(risk.errorLine.contains("singular") && risk.errorLine.contains("--method historical") && !risk.stderr.contains("--cov"), "\(risk.stderr)")
        let optimize = try BarwiseProcess.run(["optimize", "--symbols", "GOOG,TWIN", "--objective", "min-variance", "--store", store])
        #expect(optimize.status == 2)
        #expect(optimize.errorLine.contains("--cov ledoit-wolf") && !optimize.stderr.contains("--method"), "\(optimize.stderr)")
        let help = try BarwiseProcess.run(["risk", "--help"])
        #expect(!help.stdout.contains("--cov"))
    }

    @Test func versionPrintsTheVersionAndTheCommitAlsoInTheManifest() throws {
        let git = try BarwiseProcess.capture(URL(fileURLWithPath: "/usr/bin/env"), ["git", "rev-parse", "HEAD"])
        let head = git.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try BarwiseProcess.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("barwise 0.1.0-dev (commit "), "\(r.stdout)")
        if git.status == 0 { #expect(r.stdout.contains(head), "\(r.stdout) vs \(head)") }
        let out = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
        let run = try SampleStore.run(["run", "strategies/sma_cross.toml", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        let commit = try #require(manifest["barwise_commit"] as? String)
        #expect(r.stdout.contains(commit))
        let version = try #require(manifest["barwise_version"] as? String)
        #expect(version.hasPrefix("0.1.0-dev+") && version != "0.1.0-dev")
        if git.status == 0 { #expect(version.hasPrefix("0.1.0-dev+" + head.prefix(12))) }
    }

    @Test func outputThatCannotBeWrittenExitsWithTheIOCode() throws {
        let file = try SampleStore.strategy("not a folder")
        let risk = try SampleStore.run(["risk", "--symbols", "XOM", "--out", file + "/sub"])
        #expect(risk.status == 74, "\(risk.stderr)")
        #expect(risk.errorLine == "barwise: error: cannot write to \(file)/sub: \(file)/sub: not a directory", "\(risk.stderr)")
        let optimize = try SampleStore.run(["optimize", "--symbols", "XOM,PFE", "--objective", "min-variance", "--out", file + "/sub"])
        #expect(optimize.status == 74, "\(optimize.stderr)")
        // A store SQLite cannot open is an I/O failure; a file that is not a database is bad input.
        let folder = try BarwiseProcess.run(["data", "list", "--store", try BarwiseProcess.scratchDirectory().path])
        #expect(folder.status == 74, "\(folder.stderr)")
        let notADatabase = try BarwiseProcess.run(["data", "list", "--store", file])
        #expect(notADatabase.status == 2 && notADatabase.errorLine.contains("file is not a database"), "\(notADatabase.stderr)")
    }

    @Test func countsAreWrittenInTheRightNumber() throws {
        let one = try SampleStore.run(["risk", "--symbols", "XOM"])
        #expect(one.stdout.hasPrefix("1 symbol, 7125 daily returns"), "\(one.stdout)")
        let two = try SampleStore.run(["risk", "--symbols", "XOM,PFE", "--horizon", "1"])
        #expect(two.stdout.hasPrefix("2 symbols, 7125 daily returns") && two.stdout.contains("horizon 1 day;"), "\(two.stdout)")
        let sweep = try SampleStore.run(["sweep", "strategies/sma_cross.toml", "--grid", "fast=5:10:5", "--out", try BarwiseProcess.scratchDirectory().path + "/s"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.contains("(2 combinations × 1 symbol)"), "\(sweep.stdout)")
    }

    @Test func jobsHelpGivesItsDefaultOnce() throws {
        let r = try BarwiseProcess.run(["sweep", "run", "--help"])
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let at = try #require(lines.firstIndex { $0.contains("--jobs <jobs>") })
        let text = lines[at...].prefix { $0 == lines[at] || $0.hasPrefix("                 ") }.joined(separator: " ")
        #expect(text.components(separatedBy: "default").count == 2, "\(text)")
    }

    @Test func optimizeAndRiskSayWhereTheyWrote() throws {
        let dir = try BarwiseProcess.scratchDirectory().path
        let optimize = try SampleStore.run(["optimize", "--symbols", "XOM,PFE", "--objective", "min-variance", "--out", dir + "/opt"])
        #expect(optimize.status == 0, "\(optimize.stderr)")
        #expect(optimize.stdout.contains("written to \(dir)/opt: optimize.json, weights.csv, index.html"), "\(optimize.stdout)")
        let json = try SampleStore.run(["optimize", "--symbols", "XOM,PFE", "--objective", "min-variance", "--out", dir + "/opt2", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["out"] as? String == dir + "/opt2")
        let risk = try SampleStore.run(["risk", "--symbols", "XOM", "--out", dir + "/risk"])
        #expect(risk.stdout.contains("written to \(dir)/risk: risk.json, contributions.csv"), "\(risk.stdout)")
    }

    @Test func readmeBacktestExamplesRunOnTheSampleStore() throws {
        let readme = try String(contentsOf: BarwiseProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = readme.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("barwise run ") }
            .map { $0.components(separatedBy: "  #")[0].trimmingCharacters(in: .whitespaces) }
        #expect(examples.contains { $0.contains("--symbols") })
        for example in examples {
            let args = Array(example.split(separator: " ").map(String.init).dropFirst())
            let r = try SampleStore.run(args + ["--out", try BarwiseProcess.scratchDirectory().path + "/r"])
            #expect(r.status == 0, "\(example): \(r.stderr)")
            // Progress goes to terminals only: a pipe sees no progress line.
            #expect(r.stderr.isEmpty, "\(example): \(r.stderr)")
        }
    }
}
