import ArgumentParser
import Foundation
import MarketData

/// `--store PATH`, shared by every command that reads or writes the dataset store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The dataset store (default: $BARWISE_STORE or datasets/barwise.sqlite).", valueName: "path"))
    var store: String?

    /// The store path and whether it is the default one (which is seeded when missing).
    var resolvedPath: (path: String, isDefault: Bool) {
        if let store { return (store, false) }
        if let env = ProcessInfo.processInfo.environment["BARWISE_STORE"], !env.isEmpty { return (env, true) }
        return ("datasets/barwise.sqlite", true)
    }

    /// Opens the store; a missing default store is first created from `datasets/sample/`.
    func open(readOnly: Bool = false) throws -> DatasetStore {
        let (path, isDefault) = resolvedPath
        if isDefault && !FileManager.default.fileExists(atPath: path) {
            let directory = ProcessInfo.processInfo.environment["BARWISE_SAMPLE_DIR"] ?? "datasets/sample"
            let store = try DatasetStore(path: path)
            let seeded = try SampleSeeder(store: store).seed(from: directory)
            CommandFailure.notice(seeded.notice(storePath: path))
            return store
        }
        if !FileManager.default.fileExists(atPath: path) && readOnly {
            throw StoreError.missingStore(path: path)
        }
        return try DatasetStore(path: path)
    }
}
