// swift-tools-version: 6.1
// Benchmarks live in their own package so that `swift build` / `swift test` of Barwise never compile
// them. Build and run in release only:  cd Benchmarks && swift run -c release IngestBenchmark
import PackageDescription

let package = Package(
    name: "BarwiseBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Barwise", path: ".."),
    ],
    targets: [
        // What the benchmarks share: the random-walk bars and the clock arithmetic.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "MarketData", package: "Barwise"),
                .product(name: "Research", package: "Barwise"),
            ]
        ),
        // Ingest of a generated 1M-row CSV (vs the sqlite3 shell's .import) and store loads.
        .executableTarget(
            name: "IngestBenchmark",
            dependencies: ["BenchmarkSupport", .product(name: "MarketData", package: "Barwise")]
        ),
        // Stream input: NDJSON lines parsed per second, ticks aggregated into 1m bars per second.
        .executableTarget(
            name: "StreamInputBenchmark",
            dependencies: ["BenchmarkSupport", .product(name: "MarketData", package: "Barwise")]
        ),
        // Streaming indicator throughput (updates/s) over synthetic random-walk bars.
        .executableTarget(
            name: "IndicatorBenchmark",
            dependencies: ["BenchmarkSupport", .product(name: "Signals", package: "Barwise")]
        ),
        // `data resample`'s aggregation: 10M one-minute bars to 5m, 1h, 1d, 1wk (source bars/s).
        .executableTarget(
            name: "ResampleBenchmark",
            dependencies: ["BenchmarkSupport", .product(name: "MarketData", package: "Barwise")]
        ),
        // Whole-engine simulation throughput (bars/s): BarFeed → Simulation over a random walk.
        .executableTarget(
            name: "EngineBenchmark",
            dependencies: ["BenchmarkSupport", 
                .product(name: "Engine", package: "Barwise"),
                .product(name: "Signals", package: "Barwise"),
                .product(name: "MarketData", package: "Barwise"),
            ]
        ),
        // Compiled SignalProgram throughput (bars/s) of the shipped strategies.
        .executableTarget(
            name: "ProgramBenchmark",
            dependencies: ["BenchmarkSupport", .product(name: "Signals", package: "Barwise")]
        ),
        // Parameter sweeps: the SMA-cross grid on GOOG, and on 500 synthetic symbols (bar-steps/s).
        .executableTarget(
            name: "SweepBenchmark",
            dependencies: ["BenchmarkSupport", 
                .product(name: "Research", package: "Barwise"),
                .product(name: "Engine", package: "Barwise"),
                .product(name: "Signals", package: "Barwise"),
                .product(name: "MarketData", package: "Barwise"),
            ]
        ),
        // Sample covariance of 2,520×500 returns (vs numpy's np.cov in cov_numpy.py on the same
        // matrix), long-only min-variance over 500 assets, metrics of a 10-year daily run.
        .executableTarget(
            name: "RiskBenchmark",
            dependencies: ["BenchmarkSupport", 
                .product(name: "Risk", package: "Barwise"),
                .product(name: "Analytics", package: "Barwise"),
            ]
        ),
        // Full report (read run folder, compute, render index.html, write CSVs): 10-year daily
        // and 1,000,000-bar intraday synthetic runs.
        .executableTarget(
            name: "ReportBenchmark",
            dependencies: ["BenchmarkSupport", 
                .product(name: "Reports", package: "Barwise"),
                .product(name: "MarketData", package: "Barwise"),
            ]
        ),
        // `barwise stream` end to end: the release binary on generated NDJSON bars and ticks
        // (bars/s, ticks/s, step latency), and the stream's stages timed in process.
        .executableTarget(
            name: "StreamBenchmark",
            dependencies: ["BenchmarkSupport",
                .product(name: "Engine", package: "Barwise"),
                .product(name: "Signals", package: "Barwise"),
                .product(name: "MarketData", package: "Barwise"),
                .product(name: "Reports", package: "Barwise"),
            ]
        ),
    ]
)
