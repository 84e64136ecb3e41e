/// The byte parsers' way into a file's bytes: `withUnsafeBufferPointer` for a body that throws
/// `IngestError`, keeping the error's type (the standard library's closure would widen it to
/// `any Error`).
enum ByteBuffer {
    static func with<T>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(IngestError) -> T) throws(IngestError) -> T {
        let result: Result<T, IngestError> = bytes.withUnsafeBufferPointer { buf in
            do throws(IngestError) {
                return .success(try body(buf))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
