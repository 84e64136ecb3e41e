import ArgumentParser
import MarketData

@main
struct Barwise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barwise",
        abstract: "Event-driven backtesting and research engine.",
        subcommands: []
    )
}
