// libFuzzer target: a strategy file's bytes through the TOML reader, the strategy decoder and
// the expression compiler, then the compiled program over a few bars. Errors are expected;
// a trap, a hang or runaway memory is a finding. Built and run by Fuzz/run.sh.
import MarketData
import Signals

private let bars: BarSeries = {
    var series = BarSeries(symbol: "FUZZ", interval: .daily)
    let closes: [Double] = [10, 11, 10.5, 12, 11.5, 13, 12.5, 12, 14, 13.5, 15, 14]
    for (i, c) in closes.enumerated() {
        series.append(Bar(timestamp: Int64(i) * 86_400, open: c - 0.5, high: c + 1, low: c - 1, close: c, volume: 1_000 + Double(i)))
    }
    return series
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStrategy(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: count))
    guard let spec = try? StrategySpec.parse(toml: bytes, path: "fuzz.toml"),
          let program = try? spec.compile() else { return 0 }
    _ = program.run(series: bars)
    return 0
}
