// libFuzzer target: CSV ingest (OHLCV, Yahoo, Stooq, panel, format detection) and the
// timestamp notations, on bytes only (no store is touched). The first input byte picks the
// entry point (byte % 12); the rest is the file or the timestamp text. Built and run by Fuzz/run.sh.
@testable import MarketData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0, let data else { return 0 }
    let mode = Int(data[0]) % 12
    let body = [UInt8](UnsafeBufferPointer(start: data + 1, count: count - 1))
    let formats: [IngestFormat] = [.auto, .ohlcv, .yahoo, .stooq, .panel]
    switch mode {
    case 0..<10:
        // Each format with and without --skip-bad-rows.
        let options = ParseOptions(fileName: "fuzz.csv", symbol: "FUZZ", skipBadRows: mode >= 5)
        _ = try? InputParser.parse(body, format: formats[mode % 5], options: options)
    case 10:
        _ = TimestampParser.parse(String(decoding: body, as: UTF8.self))
    default:
        _ = body.withUnsafeBufferPointer { TimestampParser.parseTimeOfDay($0, 0, $0.count) }
    }
    return 0
}
