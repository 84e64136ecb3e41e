import ArgumentParser
import MarketData

/// `barwise data show SYM`: the first and last bars of a symbol.
struct DataShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the head and tail of a symbol's bars.",
        discussion: """
            Examples:
              barwise data show GOOG
              barwise data show EURUSD --rows 3 --json
            """
    )

    @Argument(help: "The symbol.")
    var symbol: String

    @Option(help: "The interval, when the symbol has several.")
    var interval: String?

    @Option(parsing: .unconditional, help: "Bars shown at each end (at least 1).")
    var rows = 5

    @Flag(help: "Print the bars as JSON.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        _ = try StrategyBars.interval(interval)
        if rows < 1 { throw ValidationError("--rows must be at least 1, got \(rows)") }
    }

    func run() throws {
        let series: BarSeries
        do {
            series = try storeOptions.open().load(symbol: symbol, interval: interval.flatMap(Interval.init))
        } catch { throw CommandFailure.exit(error) }
        let head = Array(0..<min(rows, series.count))
        let tail = Array(max(head.count, series.count - rows)..<series.count)
        if json {
            func bars(_ idx: [Int]) -> [[String: Any]] {
                idx.map { i in
                    ["timestamp": DateText.iso(series.timestamps[i]), "open": JSONOutput.number(series.open[i]),
                     "high": JSONOutput.number(series.high[i]), "low": JSONOutput.number(series.low[i]),
                     "close": JSONOutput.number(series.close[i]), "volume": JSONOutput.number(series.volume[i]),
                     "adj_close": JSONOutput.number(series.adjClose[i])]
                }
            }
            try JSONOutput.print(["symbol": series.symbol, "interval": series.interval.description, "bars": series.count,
                                  "head": bars(head), "tail": bars(tail)] as [String: Any])
            return
        }
        print("\(series.symbol) \(series.interval): \(series.count) bars")
        var table = TextTable(["timestamp", "open", "high", "low", "close", "volume", "adj_close"], rightAligned: [1, 2, 3, 4, 5, 6])
        func add(_ i: Int) {
            func f(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }
            table.append([DateText.day(series.timestamps[i]), f(series.open[i]), f(series.high[i]), f(series.low[i]),
                          f(series.close[i]), f(series.volume[i]), f(series.adjClose[i])])
        }
        head.forEach(add)
        if !tail.isEmpty && tail[0] > head.count { table.append(["…", "", "", "", "", "", ""]) }
        tail.forEach(add)
        print(table.render())
    }
}
