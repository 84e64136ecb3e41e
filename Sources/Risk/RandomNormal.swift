import Foundation

/// A seeded, platform-independent source of standard normal draws: xoshiro256** seeded by
/// SplitMix64, Box–Muller transform (both values of each pair used). Same seed, same draws.
public struct RandomNormal: Sendable {
    var s: (UInt64, UInt64, UInt64, UInt64)
    var spare: Double?

    /// Seeds the four state words from SplitMix64(seed).
    public init(seed: UInt64) {
        var z = seed
        func splitMix() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits (xoshiro256**).
    mutating func nextBits() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = (s.3 << 45) | (s.3 >> 19)
        return result
    }

    /// Uniform in (0, 1), 53 bits.
    mutating func nextUniform() -> Double { (Double(nextBits() >> 11) + 0.5) * 0x1p-53 }

    /// A standard normal draw.
    public mutating func next() -> Double {
        if let v = spare { spare = nil; return v }
        let u1 = nextUniform(), u2 = nextUniform()
        let r = (-2 * log(u1)).squareRoot()
        spare = r * sin(2 * .pi * u2)
        return r * cos(2 * .pi * u2)
    }
}
