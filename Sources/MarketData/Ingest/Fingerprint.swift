/// Public access to the SHA-256 the store uses for ingest fingerprints, for other modules
/// (e.g. a run manifest records the strategy file's hash).
public enum Fingerprint {
    /// SHA-256 of `bytes` as lower-case hex.
    public static func sha256(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }
}
