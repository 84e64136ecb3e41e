import MarketData

/// UTF-8 text built in a byte array, for rows and events written by the million: literals,
/// integers, timestamps and numbers are appended without building a `String` each.
struct TextBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    /// The text as a `String`.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always)
    mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(int v: Int) {
        if v < 0 {
            bytes.append(45)
            append(magnitude: v.magnitude)
        } else {
            append(magnitude: UInt(v))
        }
    }

    private mutating func append(magnitude v: UInt) {
        guard v >= 10 else {
            bytes.append(UInt8(truncatingIfNeeded: 48 + v))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, no allocation
        withUnsafeMutableBytes(of: &digits) { raw in
            var n = v, k = 24
            while n > 0 {
                k -= 1
                raw[k] = UInt8(truncatingIfNeeded: 48 + n % 10)
                n /= 10
            }
            bytes.append(contentsOf: raw[k..<24])
        }
    }

    /// ISO 8601 UTC text of epoch seconds (`CivilTime.iso8601`).
    mutating func append(iso t: Int64) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 20))
        let written = bytes.withUnsafeMutableBufferPointer { CivilTime.writeISO8601(t, to: $0.baseAddress! + start) }
        if !written {
            bytes.removeLast(20)
            append(CivilTime.iso8601(t))
        }
    }

    /// `RunReport.num`'s text: integral values below 1e15 without a fraction, others in their
    /// shortest round-trip form; `ifNotFinite` for NaN and infinities (empty in CSV, `null` in JSON).
    @inline(__always)
    mutating func append(number v: Double, ifNotFinite: StaticString = "") {
        if !v.isFinite {
            append(ifNotFinite)
        } else if v == v.rounded(), Swift.abs(v) < 1e15 {
            append(int: Int(v))
        } else {
            append(v.description)
        }
    }
}
