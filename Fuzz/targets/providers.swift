// libFuzzer target: provider payloads (Alpha Vantage, CoinGecko, Binance; JSON and CSV bodies,
// error bodies, format sniffing), on bytes only. The first input byte picks the provider
// (byte % 4: Alpha Vantage, CoinGecko, Binance, or the sniffing that `--format auto` uses to
// recognise a provider's body); the rest is the body. CSV files in general are the csv target's.
// Built and run by Fuzz/run.sh.
import MarketData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProviders(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0, let data else { return 0 }
    let formats: [IngestFormat] = [.alphavantage, .coingecko, .binance, .auto]
    let format = formats[Int(data[0]) % formats.count]
    let body = [UInt8](UnsafeBufferPointer(start: data + 1, count: count - 1))
    let options = ParseOptions(fileName: "fuzz.json", symbol: "FUZZ", skipBadRows: data[0] >= 128)
    if format == .auto {
        _ = ProviderPayloadParser.sniff(body)
        _ = ProviderPayloadParser.describeNonData(body)
    } else {
        _ = try? ProviderPayloadParser.parse(body, format: format, options: options)
    }
    return 0
}
