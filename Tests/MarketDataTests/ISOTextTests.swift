import Foundation
import MarketData
import Testing

/// `CivilTime.iso8601`'s digit-by-digit path gives Foundation's ISO 8601 text for any time in
/// the years 1–9999, and the padded form outside them.
@Suite struct ISOTextTests {
    @Test func digitPathAgreesWithFoundationAcrossTheYearsOneTo9999() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let first = CivilTime.epochSeconds(year: 1, month: 1, day: 1), last = CivilTime.epochSeconds(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)
        var state: UInt64 = 42
        for k in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let t = k < 4 ? [first, last, 0, -1][k] : first + Int64(state >> 1) % (last - first)
            // Foundation's Gregorian calendar is Julian before 1582-10-15: compare from 1583 on.
            if t >= CivilTime.epochSeconds(year: 1583, month: 1, day: 1) {
                #expect(CivilTime.iso8601(t) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(t))), "t = \(t)")
            }
            #expect(CivilTime.parseTimestamp(CivilTime.iso8601(t)) == t, "round trip of \(t)")
        }
        #expect(CivilTime.iso8601(-1) == "1969-12-31T23:59:59Z")
        #expect(CivilTime.iso8601(CivilTime.epochSeconds(year: 12_000, month: 2, day: 29)) == "12000-02-29T00:00:00Z")
    }
}
