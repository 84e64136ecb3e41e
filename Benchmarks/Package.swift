// swift-tools-version: 6.1
// Benchmarks live in their own package so that `swift build` / `swift test` of Barwise never compile
// them. Build in release only:  cd Benchmarks && swift build -c release
import PackageDescription

let package = Package(
    name: "BarwiseBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Barwise", path: ".."),
    ],
    targets: [
        // Streaming indicator throughput (updates/s) over synthetic random-walk bars.
        .executableTarget(
            name: "IndicatorBenchmark",
            dependencies: [.product(name: "Signals", package: "Barwise")]
        ),
        // Compiled SignalProgram throughput (bars/s) of the shipped strategies.
        .executableTarget(
            name: "ProgramBenchmark",
            dependencies: [.product(name: "Signals", package: "Barwise")]
        ),
    ]
)
