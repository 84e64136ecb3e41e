import ArgumentParser
import MarketData

/// `barwise data list`: one line per symbol and interval.
struct DataListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the symbols in the store with their interval, bar count, date range and source.",
        discussion: """
            Examples:
              barwise data list
              barwise data list --json --store /tmp/research.sqlite
            """
    )

    @Flag(help: "Print the list as JSON.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let summaries: [DatasetSummary]
        do { summaries = try storeOptions.open().summaries() } catch { throw CommandFailure.exit(error) }
        if json {
            try JSONOutput.print(summaries.map {
                ["symbol": $0.symbol, "interval": $0.interval.description, "bars": $0.bars,
                 "first": DateText.iso($0.first), "last": DateText.iso($0.last), "source": $0.source ?? ""] as [String: Any]
            })
            return
        }
        if summaries.isEmpty {
            print("The store is empty: add data with barwise ingest FILE.")
            return
        }
        var table = TextTable(["symbol", "interval", "bars", "first", "last", "source"], rightAligned: [2])
        for s in summaries {
            table.append([s.symbol, s.interval.description, String(s.bars), DateText.day(s.first), DateText.day(s.last), s.source ?? ""])
        }
        print(table.render())
    }
}
