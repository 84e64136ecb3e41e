import ArgumentParser
import MarketData

/// `barwise data check`: data-quality findings grouped by rule; exit 1 on an error-severity rule.
struct DataCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the data-quality rules over stored bars (exit 1 when a rule of severity error fails).",
        discussion: """
            Rules (severity): ohlc_inconsistent, non_positive_price, negative_volume (error); \
            duplicate_timestamp (identical rows collapsed), out_of_order, gap, spike, stale_run, \
            missing_values, bad_row (warning).

            Examples:
              barwise data check
              barwise data check GOOG ORCL --json
            """
    )

    @Argument(help: "Symbols to check (default: all).")
    var symbols: [String] = []

    @Option(parsing: .unconditional, help: "Findings listed per rule in the text output, 0 or more (all in JSON).")
    var limit = 10

    @Flag(help: "Print the findings as JSON.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more, got \(limit)") }
    }

    func run() throws {
        let findings: [QualityFinding]
        do { findings = try storeOptions.open().checkQuality(symbols: symbols) } catch { throw CommandFailure.exit(error) }
        let byRule = Dictionary(grouping: findings, by: \.rule)
        let rules = QualityRule.allCases.filter { byRule[$0] != nil }
        let failed = rules.contains { $0.severity == .error }
        if json {
            try JSONOutput.print([
                "passed": !failed,
                "rules": rules.map { rule in
                    ["rule": rule.rawValue, "severity": rule.severity.rawValue, "count": byRule[rule]!.count,
                     "findings": byRule[rule]!.map(FindingJSON.object)] as [String: Any]
                },
            ] as [String: Any])
        } else if findings.isEmpty {
            print("No findings: every rule passed.")
        } else {
            for rule in rules {
                let list = byRule[rule]!
                let symbols = Set(list.map(\.symbol)).sorted().joined(separator: ", ")
                print("\(rule.rawValue) (\(rule.severity.rawValue)): \(list.count) finding\(list.count == 1 ? "" : "s") in \(symbols)")
                for f in list.prefix(limit) {
                    print("  \(f.symbol) \(f.timestamp.map(DateText.day) ?? "-"): \(f.detail)")
                }
                if list.count > limit { print("  … \(list.count - limit) more (--limit or --json for all)") }
            }
            print(failed ? "FAILED: a rule of severity error has findings." : "Passed with warnings only.")
        }
        if failed { throw ExitCode(1) }
    }
}
