// swift-tools-version: 6.1
// Benchmarks live in their own package so that `swift build` and `swift test` of Barwise never
// compile them. Run in release: `cd Benchmarks && swift run -c release IngestBenchmark`.
import PackageDescription

let package = Package(
    name: "BarwiseBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Barwise", path: "..")],
    targets: [
        .executableTarget(name: "IngestBenchmark", dependencies: [.product(name: "MarketData", package: "Barwise")]),
    ]
)
