/// Buy-and-hold equity for comparison with a run: the initial equity invested in equal parts in
/// each symbol at its first close and held, valued at each equity timestamp with the symbol's
/// last close at or before it: `BH(t) = E0 * mean_s(close_s(t) / close_s(first))`.
/// Commission-free; a symbol without a close yet counts at its first close (cash).
public enum BuyAndHold {
    public static func equity(prices: PriceTable, timestamps: [Int64], initial: Double) -> [Double]? {
        let usable = prices.series.filter { s in s.closes.contains { $0.isFinite && $0 > 0 } }
        guard !usable.isEmpty, !timestamps.isEmpty else { return nil }
        var total = [Double](repeating: 0, count: timestamps.count)
        for s in usable {
            let firstIndex = s.closes.firstIndex { $0.isFinite && $0 > 0 }!
            let base = s.closes[firstIndex]
            var j = firstIndex
            var last = base
            for (i, t) in timestamps.enumerated() {
                while j < s.timestamps.count, s.timestamps[j] <= t {
                    if s.closes[j].isFinite && s.closes[j] > 0 { last = s.closes[j] }
                    j += 1
                }
                total[i] += last / base
            }
        }
        let scale = initial / Double(usable.count)
        return total.map { $0 * scale }
    }
}
