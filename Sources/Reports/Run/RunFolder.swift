import Foundation

/// Everything a report draws, read from a run folder (`reports/<strategy>-<UTC timestamp>/`):
/// `equity.csv`, `trades.csv` (plus summary.json's `open_positions`) and `summary.json` (required), `manifest.json` and `prices.csv`
/// (optional: without prices there is no buy-and-hold line and no price chart).
public struct RunFolder: Sendable {
    public var path: String
    public var summary: RunSummary
    public var manifest: RunManifest?
    public var equity: EquityCurve
    public var trades: [TradeRecord]
    public var prices: PriceTable?

    public init(path: String, summary: RunSummary, manifest: RunManifest? = nil, equity: EquityCurve, trades: [TradeRecord], prices: PriceTable? = nil) {
        self.path = path
        self.summary = summary
        self.manifest = manifest
        self.equity = equity
        self.trades = trades
        self.prices = prices
    }

    /// Reads the folder; errors name the file (and line and field) to fix.
    public static func read(_ path: String) throws(ReportError) -> RunFolder {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw .missingFolder(path) }
        guard isDir.boolValue else { throw .io(path: path, detail: "is a file, not a run folder (pass the folder `barwise run` wrote)") }
        func file(_ name: String) -> (path: String, name: String) {
            ((path as NSString).appendingPathComponent(name), (path as NSString).appendingPathComponent(name))
        }
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name).path) }
        let s = file("summary.json"), e = file("equity.csv"), t = file("trades.csv")
        let summary = try RunSummary.read(path: s.path, name: s.name)
        let p = file("prices.csv")
        let hasPrices = exists("prices.csv")
        // The two large files are read on two threads (each fills only its own slot).
        let slots = ReadSlots()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                slots.equity = Result { () throws(ReportError) in try EquityCurve.read(path: e.path, name: e.name) }
            } else if hasPrices {
                slots.prices = Result { () throws(ReportError) in try PriceTable.read(path: p.path, name: p.name) }
            }
        }
        let equity = try slots.equity!.get()
        // Closed trades, then the open ones (summary.json) unless trades.csv already lists them.
        var trades = try TradeRecord.read(path: t.path, name: t.name)
        if !trades.contains(where: \.isOpen) { trades += summary.openPositions }
        let manifest = exists("manifest.json") ? try RunManifest.read(path: file("manifest.json").path, name: file("manifest.json").name) : nil
        let prices = try slots.prices?.get()
        return RunFolder(path: path, summary: summary, manifest: manifest, equity: equity, trades: trades, prices: prices)
    }
}

/// Results of the two concurrent reads; each slot is written by exactly one thread and read
/// after `concurrentPerform` returns.
private final class ReadSlots: @unchecked Sendable {
    var equity: Result<EquityCurve, ReportError>?
    var prices: Result<PriceTable, ReportError>?
}
