// Full report time: writes synthetic run folders (random-walk equity, trades, prices in the
// engine's layout), then times RunReport.write(folder:) — read the CSV/JSON, compute every series,
// render index.html, write it with metrics.csv and monthly_returns.csv — median of several runs
// (ContinuousClock, release build). Targets (issue 6): a 10-year daily run < 100 ms; a
// 1,000,000-bar intraday run < 1 s with index.html < 3 MB.
//
// Usage: ReportBenchmark [repetitions] [case-name...]   (default 7, every case)
import BenchmarkSupport
import Foundation
import MarketData
import Reports


/// A run folder of `bars` bars `step` seconds apart with a trade every `tradeEvery` bars.
func makeRun(bars: Int, step: Int64, tradeEvery: Int, name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barwise-report-bench-\(name)").path
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var rng = UniformSource(seed: 42)
    let start = CivilTime.epochSeconds(year: 2010, month: 1, day: 4)
    var price = 100.0, equity = 10_000.0, peak = equity
    var eq = "timestamp,equity,cash,exposure,drawdown\n", px = "timestamp,symbol,close\n"
    eq.reserveCapacity(bars * 70)
    px.reserveCapacity(bars * 40)
    var closes: [Double] = [], times: [Int64] = []
    // Per-bar volatility and drift of a plausible strategy (about 20 % a year either way).
    let vol = step >= 86_400 ? 0.02 : 0.0008
    let drift = step >= 86_400 ? 0.0004 : 0.000_000_4
    for i in 0..<bars {
        let t = start + Int64(i) * step
        let r = (rng.next() - 0.5) * vol
        price *= 1 + r
        equity *= 1 + r * 0.9 + drift
        peak = max(peak, equity)
        let iso = CivilTime.iso8601(t)
        eq += "\(iso),\(equity),\(equity * 0.1),0.9,\(equity / peak - 1)\n"
        px += "\(iso),SYN,\(price)\n"
        closes.append(price); times.append(t)
    }
    var tr = "symbol,side,size,entry_time,entry_bar,entry_price,exit_time,exit_bar,exit_price,commission,pnl,return\n"
    var entry = 0
    var count = 0
    while entry + tradeEvery / 2 < bars {
        let exit = entry + tradeEvery / 2
        let ret = closes[exit] / closes[entry] - 1
        tr += "SYN,long,10,\(CivilTime.iso8601(times[entry])),\(entry),\(closes[entry]),\(CivilTime.iso8601(times[exit])),\(exit),\(closes[exit]),0.5,\(10 * (closes[exit] - closes[entry])),\(ret)\n"
        entry += tradeEvery
        count += 1
    }
    let summary = """
    {"strategy": "synthetic", "params": {"fast": 10, "slow": 20}, "symbols": ["SYN"], "start": "\(CivilTime.iso8601(times[0]))",
     "end": "\(CivilTime.iso8601(times[bars - 1]))", "bars": \(bars), "initial_cash": 10000, "final_equity": \(equity),
     "total_return": \(equity / 10_000 - 1), "cagr": 0.1, "annual_return": 0.1, "annual_volatility": 0.2, "sharpe": 0.5,
     "sortino": 0.7, "calmar": 0.3, "max_drawdown": -0.3, "trades": \(count), "open_trades": 0, "win_rate": 0.5, "exposure": 0.9}
    """
    for (file, text) in [("equity.csv", eq), ("prices.csv", px), ("trades.csv", tr), ("summary.json", summary)] {
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent(file))
    }
    return dir
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

let repetitions = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 7 : 7
let cases: [(name: String, bars: Int, step: Int64, tradeEvery: Int, limit: Double)] = [
    ("daily-10y", 2_520, 86_400, 20, 0.100),
    ("intraday-1M", 1_000_000, 60, 200, 1.0),
]
let only = Set(CommandLine.arguments.dropFirst(2))
for c in cases where only.isEmpty || only.contains(c.name) {
    let dir = try makeRun(bars: c.bars, step: c.step, tradeEvery: c.tradeEvery, name: c.name)
    var times: [Double] = []
    var output: RunReport.Output? = nil
    for _ in 0..<repetitions {
        let clock = ContinuousClock()
        let elapsed = try clock.measure { output = try RunReport.write(folder: dir) }
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    // One run split by phase, to see where the time goes.
    let clock = ContinuousClock()
    var run: RunFolder? = nil, report: RunReport? = nil, html = ""
    let tRead = clock.measure { run = try? RunFolder.read(dir) }
    let tCompute = clock.measure { report = RunReport(run: run!) }
    let tRender = clock.measure { html = (try? report!.html()) ?? "" }
    print("  phases: read \(tRead), compute \(tCompute), render \(tRender) (\(html.utf8.count) bytes)")
    let size = (try FileManager.default.attributesOfItem(atPath: output!.index)[.size] as? Int) ?? 0
    let m = median(times)
    print("\(c.name): \(c.bars) bars, median \(String(format: "%.1f", m * 1000)) ms (min \(String(format: "%.1f", times.min()! * 1000)), max \(String(format: "%.1f", times.max()! * 1000))), index.html \(String(format: "%.2f", Double(size) / 1_048_576)) MB, target < \(Int(c.limit * 1000)) ms: \(m < c.limit ? "met" : "NOT met")")
}
