import ArgumentParser
import MarketData

/// `barwise data resample SYM --to INTERVAL`: coarser bars built from a symbol's stored finer
/// bars (`BarResampler`), written back to the store through the ingest path (one audited
/// transaction, the same overlap rules and quality checks as `barwise ingest`).
struct DataResampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resample",
        abstract: "Build coarser bars from a symbol's finer bars and store them.",
        discussion: """
            Each bin of the target interval gets one bar stamped at its start: the first open, \
            the highest high, the lowest low, the last close and adjusted close, the summed \
            volume (missing when every volume of the bin is). Bins without source bars are \
            skipped. Intraday and 1d bins are aligned to the clock (UTC, from the epoch); \
            --anchor HH:MM shifts their edges, so --anchor 09:30 gives 09:30-10:30 hourly bars. \
            Weekly bins are ISO weeks starting Monday, monthly bins calendar months. The target \
            must be coarser than the source and, when its length is fixed, a whole number of \
            source bars.

            The bars are written as SYM (or --as NEWSYM) at the target interval in one \
            transaction with an ingest record naming the source (symbol, interval, bars read). \
            Stored bars they overlap are treated as by barwise ingest: identical ones are left \
            alone, more than \(Ingester.maxReplacedBars) changed ones refuse the write unless \
            --replace or --append.

            Examples:
              barwise data resample INDEX --to 1h --anchor 09:05
              barwise data resample BTCUSDT --from-interval 1m --to 1d --as BTCUSDT_D
              barwise data resample GOOG --to 1wk
            """
    )

    @Argument(help: "The symbol whose bars are resampled.")
    var symbol: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The target interval, e.g. 15m, 1h, 1d, 1wk, 1mo.", valueName: "interval"))
    var target: String

    @Option(help: ArgumentHelp("The source interval (default: the symbol's finest).", valueName: "interval"))
    var fromInterval: String?

    @Option(help: ArgumentHelp("Shift the bin edges to this time of day (UTC), e.g. 09:30.", valueName: "HH:MM"))
    var anchor: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Store the bars under this symbol (default: SYM).", valueName: "symbol"))
    var newSymbol: String?

    @Flag(help: "Overwrite stored bars that the resampled ones change, however many.")
    var replace = false

    @Flag(help: "Keep stored bars as they are and add only new timestamps.")
    var append = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if replace && append { throw ValidationError("give --replace or --append, not both") }
        _ = try targetInterval()
        if let fromInterval, Interval(fromInterval) == nil {
            throw ValidationError("--from-interval \(InputEcho.quoted(fromInterval)) is not an interval (use e.g. 1m, 5m, 1h, 1d)")
        }
        if let anchor { _ = try anchorSeconds(anchor) }
        if let newSymbol {
            do { try SymbolName.validate(newSymbol) } catch {
                throw ValidationError("--as \(InputEcho.quoted(newSymbol)): \(error.reason) (\(SymbolNameError.rule))")
            }
        }
    }

    func run() throws {
        do {
            let store = try storeOptions.open()
            let to = try targetInterval()
            let from = try fromInterval.flatMap(Interval.init) ?? finest(store.intervals(of: symbol), symbol: symbol)
            let resampler = try BarResampler(from: from, to: to, anchorSeconds: try anchor.map(anchorSeconds) ?? 0)
            let (read, report) = try Ingester(store: store).resample(
                symbol: symbol, with: resampler, as: newSymbol, overlap: replace ? .replace : append ? .append : .guarded)
            print(Self.summary(report, symbol: symbol, from: from, read: read, target: newSymbol ?? symbol, to: to))
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandFailure.exit(error)
        }
    }

    /// One line: what was read, what was written, where.
    static func summary(_ report: IngestReport, symbol: String, from: Interval, read: Int, target: String, to: Interval) -> String {
        let bars = report.parts.first?.bars ?? 0
        let head = "\(symbol) \(from) → \(target) \(to): \(read) source bars read, \(bars) bars"
        guard report.status != .unchanged, let part = report.parts.first else {
            return head + ", none written (the store already holds them)"
        }
        let kept = part.overlapping - part.replaced
        var line = head + ", \(part.written) written (\(part.added) new, \(part.replaced) replaced, \(kept) already stored)"
        line += " [ingest \(report.ingestID ?? 0)]"
        if !report.findings.isEmpty { line += "; \(report.findings.count) quality findings, see barwise data check" }
        return line
    }

    private func targetInterval() throws -> Interval {
        guard let interval = Interval(target) else {
            throw ValidationError("--to \(InputEcho.quoted(target)) is not an interval (use e.g. 15m, 1h, 1d, 1wk, 1mo)")
        }
        return interval
    }

    private func anchorSeconds(_ text: String) throws -> Int64 {
        do { return try BarResampler.anchorSeconds(text) } catch { throw ValidationError(error.description) }
    }

    /// The finest interval a symbol has bars at.
    private func finest(_ intervals: [Interval], symbol: String) throws -> Interval {
        guard let first = intervals.first else { throw StoreError.noBars(symbol: symbol, interval: .daily) }
        return first
    }
}
