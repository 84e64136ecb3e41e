import ArgumentParser

/// `barwise data`: look at what the store holds.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "List, show, check, export and resample the bars in the dataset store.",
        subcommands: [DataListCommand.self, DataShowCommand.self, DataCheckCommand.self, DataExportCommand.self, DataResampleCommand.self]
    )
}
