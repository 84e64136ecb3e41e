/// The last known price of each symbol (NaN before its first bar), written on every bar.
///
/// Storage is a plain buffer reached through a class, so a write is one store: no uniqueness
/// check or bounds check per bar, which `[Double]` pays on every element write. Copy-on-write
/// happens once per `Simulation.step`/`replay` call instead (`makeUnique`), where the simulation
/// also makes its columns unique: a copied simulation never writes into its original's prices.
public struct PriceMarks: Sendable {
    final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Double>
        let count: Int

        init(count: Int, copying source: UnsafeMutablePointer<Double>? = nil) {
            self.count = count
            base = .allocate(capacity: Swift.max(count, 1))
            if let source { base.initialize(from: source, count: count) } else { base.initialize(repeating: .nan, count: count) }
        }

        deinit { base.deallocate() }
    }

    private var storage: Storage

    init(count: Int) { storage = Storage(count: count) }

    /// The number of symbols.
    public var count: Int { storage.count }

    /// Symbol number `s`'s last price.
    /// - Precondition: `0 <= s < count` (checked in debug builds).
    public subscript(s: Int) -> Double {
        @inline(__always) get {
            assert(s >= 0 && s < storage.count)
            return storage.base[s]
        }
        @inline(__always) nonmutating set {
            assert(s >= 0 && s < storage.count)
            storage.base[s] = newValue
        }
    }

    /// Gives this value its own storage when another copy shares it. O(count) then, O(1) else.
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(count: storage.count, copying: storage.base) }
    }
}
