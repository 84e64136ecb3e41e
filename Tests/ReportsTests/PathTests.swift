import Foundation
import Testing
@testable import Reports

@Test func lineMovesThenDrawsWithOneDecimal() {
    #expect(SVGPath.line(xs: [0, 10.04, 20.06], ys: [5, 2.25, -1]) == "M0.0,5.0L10.0,2.3L20.1,-1.0")
}

@Test func lineBreaksAtNaN() {
    #expect(SVGPath.line(xs: [0, 1, 2, 3], ys: [1, .nan, 2, 3]) == "M0.0,1.0M2.0,2.0L3.0,3.0")
}

@Test func areaClosesOnTheBaseline() {
    #expect(SVGPath.area(xs: [0, 1, 2], ys: [10, 20, 15], baseline: 10) == "M0.0,10.0L0.0,10.0L1.0,20.0L2.0,15.0L2.0,10.0Z")
}

@Test func coordinateRoundsHalfAwayFromZero() {
    #expect(SVGPath.coordinate(-0.05) == "-0.1")
    #expect(SVGPath.coordinate(123.449) == "123.4")
    #expect(SVGPath.coordinate(0) == "0.0")
}

@Test func downsampleKeepsShortSeriesWhole() {
    let xs = (0..<100).map(Double.init)
    #expect(Downsample.minMax(xs: xs, ys: xs) == Array(0..<100))
}

@Test func downsampleKeepsExtremesOfEveryPixelColumn() {
    // 1,000,000 points over 800 pixels, a single spike and a single dip.
    let n = 1_000_000
    let xs = (0..<n).map { Double($0) / Double(n) * 800 }
    var ys = (0..<n).map { sin(Double($0) / 5_000) }
    ys[123_457] = 50
    ys[876_543] = -50
    let keep = Downsample.minMax(xs: xs, ys: ys)
    #expect(keep.count <= 4 * 801)
    #expect(keep.contains(123_457))
    #expect(keep.contains(876_543))
    #expect(keep.first == 0 && keep.last == n - 1)
    #expect(zip(keep, keep.dropFirst()).allSatisfy { $0 < $1 })
    // Every column's min and max survive.
    let column = Int(xs[500_000])
    let inColumn = (0..<n).filter { Int(xs[$0]) == column }
    let maxIndex = inColumn.max { ys[$0] < ys[$1] }!, minIndex = inColumn.min { ys[$0] < ys[$1] }!
    #expect(keep.contains(maxIndex) && keep.contains(minIndex))
}

@Test func escapeReplacesMarkupCharacters() {
    #expect(Escape.html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    #expect(Escape.html("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;")
    #expect(Escape.html("plain") == "plain")
}

@Test func fastDecimalIsExactOrDeclines() {
    let samples = ["0", "-0.0", "100.34", "56263.51934000004", "-0.022526435999999928", "1e-5", "2.5E3", "+7",
                   "0.000808750857033913", "9215.415640000001", "123456789012345678", "1.7976931348623157e308", "abc", "1.2.3", "", "-", "1e"]
    for s in samples {
        let bytes = Array(s.utf8)
        let fast = bytes.withUnsafeBufferPointer { FastDecimal.parse($0, 0, $0.count) }
        guard let fast else {
            // Only shapes outside the fast path may decline: invalid text, more than 15
            // significant digits (left to strtod, which rounds correctly) or exponents past 22.
            let digits = s.drop { $0 == "-" || $0 == "0" || $0 == "." }.filter(\.isNumber).count
            #expect(Double(s) == nil || digits > 15 || s.contains("e308"), "\(s)")
            continue
        }
        // What it parses is the correctly rounded double, bit for bit (the report's figures must
        // equal summary.json's).
        #expect(fast.bitPattern == Double(s)!.bitPattern, "\(s): \(fast) vs \(Double(s)!)")
    }
}

/// Mantissas up to 2^53 take the fast path whatever their digit count (16-digit ones included),
/// and every value it returns is strtod's, bit for bit: checked on the shortest round-trip text
/// of 200,000 pseudo-random doubles of the shapes equity.csv holds, and at the 2^53 edge.
@Test func fastDecimalTakesMantissasUpTo2To53Exactly() {
    func parse(_ s: String) -> Double? {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { FastDecimal.parse($0, 0, $0.count) }
    }
    #expect(parse("9007199254740992")?.bitPattern == Double("9007199254740992")!.bitPattern)
    #expect(parse("9007199254740993") == nil)
    #expect(parse("0.9007199254740991")?.bitPattern == Double("0.9007199254740991")!.bitPattern)
    #expect(parse("1234.567890123456")?.bitPattern == Double("1234.567890123456")!.bitPattern)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var sixteen = 0
    for k in 0..<200_000 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let unit = Double(state >> 11) / Double(1 << 53)
        let v = k % 2 == 0 ? 10_000 * (1 + 9 * unit) : (unit - 0.5) * 0.04
        let text = "\(v)"
        guard let fast = parse(text) else { continue }
        #expect(fast.bitPattern == v.bitPattern, "\(text)")
        if text.filter(\.isNumber).drop(while: { $0 == "0" }).count == 16 { sixteen += 1 }
    }
    #expect(sixteen > 10_000)
}
