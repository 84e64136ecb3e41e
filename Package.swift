// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Barwise",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "barwise", targets: ["barwise"]),
        .library(name: "MarketData", targets: ["MarketData"]),
        .library(name: "Signals", targets: ["Signals"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Analytics", targets: ["Analytics"]),
        .library(name: "Risk", targets: ["Risk"]),
        .library(name: "Research", targets: ["Research"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // Prometheus text exposition (counters, gauges, histograms) for streams, sweeps and ingests.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already a dependency of swift-prometheus; named here for the stream's lock-free last-bar clock.
        .package(url: "https://github.com/apple/swift-atomics", from: "1.2.0"),
        // The `stream --metrics` HTTP listener: sockets and HTTP/1.1 only, no SwiftNIO, so it builds
        // in seconds on two cores.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        .target(name: "MarketData", dependencies: ["CSQLite"]),
        .target(name: "Signals", dependencies: ["MarketData"]),
        // Orders, broker, portfolio, BarFeed and the simulation loop (DESIGN.md section 1); Risk
        // computes the target weights of allocation strategies.
        // Analytics gives the run summary its annualisation rule and drawdown (one place for each).
        .target(name: "Engine", dependencies: ["MarketData", "Signals", "Risk", "Analytics"]),
        // Performance metrics over plain arrays (equity, returns, trades), so the engine can call it.
        .target(name: "Analytics", dependencies: ["MarketData"]),
        // Covariance, VaR/CVaR and portfolio optimisation on OpenBLAS/LAPACKE. Uses Analytics' shared
        // statistics (numpy percentile, normal distribution) rather than duplicating them.
        .target(name: "Risk", dependencies: ["CLinearAlgebra", "MarketData", "Analytics"]),
        .target(name: "Research", dependencies: ["Engine", "Analytics", "Signals", "MarketData"]),
        // Self-contained HTML reports (inline SVG charts) and CSV/JSON tables from a run folder.
        // Every figure it draws comes from Analytics (drawdown, daily returns, calendar returns,
        // quantiles, N), so the report and summary.json agree to the last digit.
        .target(
            name: "Reports",
            dependencies: [
                "MarketData",
                "Analytics",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Prometheus metrics: the stream's /metrics and /healthz listener, Pushgateway pushes for
        // sweeps and ingests (DESIGN.md section 9).
        .target(
            name: "Monitoring",
            dependencies: [
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "barwise",
            dependencies: [
                "MarketData",
                "Signals",
                "Engine",
                "Research",
                "Analytics",
                "Risk",
                "Reports",
                "Monitoring",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A local HTTP server replaying recorded provider payloads, for tests only.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "MarketDataTests",
            dependencies: ["MarketData", "TestSupport"]
        ),
        .testTarget(name: "LinearAlgebraSmokeTests", dependencies: ["CLinearAlgebra"]),
        .testTarget(name: "AnalyticsTests", dependencies: ["Analytics"]),
        .testTarget(name: "RiskTests", dependencies: ["Risk", "Analytics", "MarketData"]),
        .testTarget(name: "SignalsTests", dependencies: ["Signals", "MarketData"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Signals", "MarketData", "Risk", "Analytics"]),
        .testTarget(name: "ResearchTests", dependencies: ["Research", "Engine", "Signals", "MarketData"]),
        .testTarget(name: "MonitoringTests", dependencies: ["Monitoring", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "MarketData", "Analytics"]),
        // Runs the built `barwise` executable as a process (exit codes, messages, crashes).
        .testTarget(name: "barwiseTests", dependencies: ["barwise", "TestSupport"]),
    ]
)
