import Analytics

/// Buy-and-hold equity for comparison with a run: the initial equity in equal parts, each part
/// held as cash until its symbol's warm-up bar (`warmUp`, summary.json's `warmup_bars`, counted
/// in the symbol's own bars; the first bar with a close when it has none there), then invested
/// at that close and held, valued at each equity timestamp with the symbol's last close at or
/// before it: `BH(t) = E0 * mean_s(close_s(t) / close_s(warmup))`. Commission-free. Its last
/// value over the first is 1 + `Analytics.BuyAndHoldReturn`, the figure summary.json holds
/// (SEMANTICS.md section 1.5). A symbol never invested stays cash.
public enum BuyAndHold {
    public static func equity(prices: PriceTable, timestamps: [Int64], initial: Double, warmUp: Int = 0) -> [Double]? {
        let usable = prices.series.filter { s in s.closes.contains { $0.isFinite && $0 > 0 } }
        guard !usable.isEmpty, !timestamps.isEmpty else { return nil }
        var total = [Double](repeating: 0, count: timestamps.count)
        for s in usable {
            let from = min(max(warmUp, 0), s.closes.count)
            guard let firstIndex = (from..<s.closes.count).first(where: { s.closes[$0].isFinite && s.closes[$0] > 0 }) else {
                for i in total.indices { total[i] += 1 }
                continue
            }
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
