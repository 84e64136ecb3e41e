// Temporary seam until the provider parsers land (branch `providers`); removed at that merge.
enum ProviderPayloadParser {
    static func describeNonData(_ bytes: [UInt8]) -> String? { nil }
    static func sniff(_ bytes: [UInt8]) -> IngestFormat? { nil }
    static func parse(_ bytes: [UInt8], format: IngestFormat, options: ParseOptions) throws(IngestError) -> ParsedFile {
        throw .unrecognized(file: options.fileName, detail: "\(format.rawValue) payloads are not supported yet")
    }
}
