// libFuzzer target: the stream's input (NDJSON lines, tick aggregation) and tick files, on bytes
// only. The first input byte picks the entry point (byte % 3): 0 parses every line of the rest
// and feeds the ticks to a one-minute TickAggregator (out-of-order ticks included), 1 does the
// same at one day, 2 reads the rest as a tick CSV file. Built and run by Fuzz/run.sh.
@testable import MarketData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStream(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0, let data else { return 0 }
    let mode = Int(data[0]) % 3
    let body = UnsafeRawBufferPointer(start: data + 1, count: count - 1)
    switch mode {
    case 0, 1:
        let parser = NDJSONLineParser()
        guard var aggregator = try? TickAggregator(interval: Interval(count: 1, unit: mode == 0 ? .minute : .day)) else { return 0 }
        var start = 0
        for i in 0...body.count where i == body.count || body[i] == 0x0A {
            let line = UnsafeRawBufferPointer(rebasing: body[start..<i])
            start = i + 1
            if case let .tick(_, time, price, size)? = try? parser.parse(line) {
                _ = try? aggregator.add(timeMillis: time, price: price, size: size)
            }
        }
        _ = aggregator.flush()
    default:
        let options = ParseOptions(fileName: "fuzz.csv", symbol: "FUZZ", skipBadRows: true, interval: Interval(count: 1, unit: .minute))
        _ = try? InputParser.parse([UInt8](body), format: .ticks, options: options)
    }
    return 0
}
