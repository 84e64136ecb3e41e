import Foundation

/// `STREAM_ARGS`: more `barwise stream` options for every run of the benchmark, split on spaces
/// (e.g. `STREAM_ARGS="--metrics 127.0.0.1:19465"` to measure with the metrics listener on, a
/// scraper hitting it from outside).
enum StreamExtraArguments {
    static let fromEnvironment: [String] =
        (ProcessInfo.processInfo.environment["STREAM_ARGS"] ?? "").split(separator: " ").map(String.init)
}
