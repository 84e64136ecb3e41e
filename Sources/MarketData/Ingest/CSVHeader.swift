/// The meaning of each column of a CSV header, found by name.
///
/// Names are compared after lower-casing and dropping everything but letters and digits, so
/// `Adj Close`, `adj_close` and `Adj. Close*` are all the adjusted close. An unnamed first
/// column (pandas' index) is the date.
struct CSVHeader {
    enum Role: Equatable {
        case date, time, open, high, low, close, adjClose, volume, ignored
        case value(String)  // a panel column: the symbol it holds
    }

    let names: [String]
    let roles: [Role]

    init(names: [String]) {
        self.names = names
        var roles: [Role] = []
        var seenDate = false
        for (i, raw) in names.enumerated() {
            let key = Self.normalized(raw)
            var role = Self.role(forKey: key, isFirst: i == 0)
            if role == .date {
                if seenDate { role = .ignored } else { seenDate = true }
            }
            if case .value = role { role = .value(raw.trimmingCharacters(in: .whitespaces)) }
            roles.append(role)
        }
        // `Time` alone (no `Date`) is the timestamp column; next to a `Date` it is the time of day.
        if !roles.contains(.date), let t = roles.firstIndex(of: .time) { roles[t] = .date }
        self.roles = roles
    }

    func index(of role: Role) -> Int? { roles.firstIndex(of: role) }

    /// Whether the header names price columns (an OHLCV file) rather than symbols (a panel).
    var hasPriceColumns: Bool { index(of: .close) != nil || index(of: .adjClose) != nil }

    /// Columns holding one symbol each (panel files).
    var valueColumns: [(index: Int, symbol: String)] {
        roles.enumerated().compactMap { i, r in
            if case let .value(s) = r { return (i, s) }
            return nil
        }
    }

    var text: String { names.joined(separator: ",") }

    static func normalized(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }.map(Character.init))
    }

    private static func role(forKey key: String, isFirst: Bool) -> Role {
        switch key {
        case "" where isFirst: return .date
        case "date", "datetime", "timestamp", "day", "opentime", "data": return .date
        case "time": return .time
        case "open", "o", "openprice": return .open
        case "high", "h", "highprice": return .high
        case "low", "l", "lowprice": return .low
        case "close", "c", "closeprice", "last", "price": return .close
        case "adjclose", "adjustedclose", "adjclosing": return .adjClose
        case "volume", "v", "vol": return .volume
        case "openinterest", "oi", "dividends", "stocksplits", "dividendamount", "splitcoefficient",
             "trades", "count", "vwap", "": return .ignored
        default: return .value(key)
        }
    }
}

import Foundation
