import Foundation

/// A sweep folder (`barwise sweep` output) read back for its report: `summary.json` (strategy,
/// ranking metric, trials, deflated Sharpe, PBO, grid) and `results.csv` (ranked rows: every param,
/// `symbol`, `start`, `end`, `bars`, then every metric; empty fields are NaN), with
/// `manifest.json`'s command giving the order of the `--grid` axes.
public enum SweepFolder {
    /// Whether `path` is a sweep folder rather than a run folder: its manifest says
    /// `"kind": "sweep"`, it has results.csv and no equity.csv, or it is a walk-forward folder.
    public static func isSweep(_ path: String) -> Bool {
        if isWalkForward(path) { return true }
        let manifest = (path as NSString).appendingPathComponent("manifest.json")
        if let object = try? JSONFile.object(path: manifest, name: manifest), object["kind"]?.string == "sweep" { return true }
        let fm = FileManager.default
        return fm.fileExists(atPath: (path as NSString).appendingPathComponent("results.csv"))
            && !fm.fileExists(atPath: (path as NSString).appendingPathComponent("equity.csv"))
    }

    /// Whether `path` holds a walk-forward sweep (walk_forward.csv), which has no HTML report.
    public static func isWalkForward(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("walk_forward.csv"))
    }

    /// The table `SweepReport` draws, as the sweep wrote it.
    public static func read(_ path: String) throws(ReportError) -> SweepTable {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { throw .missingFolder(path) }
        func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
        let summary = try JSONFile.object(path: file("summary.json"), name: file("summary.json"))
        guard let strategy = summary["strategy"]?.string else { throw .malformedJSON(file: file("summary.json"), detail: "key 'strategy' is missing or not a string") }
        guard let rank = summary["rank"]?.string else { throw .malformedJSON(file: file("summary.json"), detail: "key 'rank' is missing or not a string") }
        var grid: [String] = []
        if case .object(let g)? = summary["grid"] { grid = Array(g.keys) }
        let csv = try CSVTable(path: file("results.csv"), name: file("results.csv"))
        let symbolColumn = try csv.column("symbol"), barsColumn = try csv.column("bars")
        let params = Array(csv.header[..<symbolColumn])
        let swept = gridOrder(folder: path, grid: grid, fileOrder: params)
        let sweptColumns = try swept.map { name throws(ReportError) in try csv.column(name) }
        let metricColumns = Array((barsColumn + 1)..<csv.header.count)
        var rows: [SweepTable.Row] = []
        rows.reserveCapacity(csv.lines.count)
        for r in csv.lines.indices {
            var metrics: [String: Double] = [:]
            for c in metricColumns { metrics[csv.header[c]] = try csv.double(r, c, allowEmpty: true) }
            rows.append(SweepTable.Row(params: try sweptColumns.map { c throws(ReportError) in try csv.double(r, c, allowEmpty: true) },
                                       symbol: try csv.string(r, symbolColumn), metrics: metrics))
        }
        let trials = summary["trials"]?.number.map { Int($0) } ?? rows.count
        var pbo: [String: Double] = [:]
        if case .object(let p)? = summary["pbo"] { for (symbol, v) in p { pbo[symbol] = v.number ?? .nan } }
        return SweepTable(strategy: strategy, paramNames: swept, rows: rows, rank: rank, trials: trials,
                          deflatedSharpe: summary["deflated_sharpe"]?.number ?? .nan, pbo: pbo)
    }

    /// The swept params in the order of the sweep's `--grid` options (manifest.json's command),
    /// else in results.csv's (the strategy file's) order.
    static func gridOrder(folder: String, grid: [String], fileOrder: [String]) -> [String] {
        let inFileOrder = fileOrder.filter(grid.contains)
        let manifest = (folder as NSString).appendingPathComponent("manifest.json")
        guard let object = try? JSONFile.object(path: manifest, name: manifest), case .array(let command)? = object["command"] else {
            return inFileOrder
        }
        var names: [String] = []
        let args = command.compactMap(\.string)
        for (i, arg) in args.enumerated() {
            var value: Substring?
            if arg == "--grid", i + 1 < args.count { value = Substring(args[i + 1]) }
            else if arg.hasPrefix("--grid=") { value = arg.dropFirst("--grid=".count) }
            if let value, let name = value.split(separator: "=").first.map(String.init), grid.contains(name), !names.contains(name) {
                names.append(name)
            }
        }
        return names.count == inFileOrder.count ? names : inFileOrder
    }
}
