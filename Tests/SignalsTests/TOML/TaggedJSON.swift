import Foundation
@testable import Signals

/// toml-test's tagged JSON (`{"type": "integer", "value": "1"}` for scalars, objects for tables,
/// arrays for arrays) compared with a parsed `ConfigValue`. Floats compare numerically (nan with
/// nan), date-times by their parts after an independent RFC 3339 reading of the expected text.
enum TaggedJSON {
    /// nil when `value` is what `json` describes, else where and how they differ.
    static func mismatch(_ value: ConfigValue, _ json: Any, path: String = "") -> String? {
        if let object = json as? [String: Any] {
            if object.count == 2, let type = object["type"] as? String, let text = object["value"] as? String {
                return scalarMismatch(value, type: type, text: text, path: path)
            }
            guard case .table(let table) = value else { return "\(path): expected a table, found \(value)" }
            guard table.keys.count == object.count, Set(table.keys) == Set(object.keys) else {
                return "\(path): keys \(table.keys.sorted()) but expected \(object.keys.sorted())"
            }
            for entry in table.entries {
                if let m = mismatch(entry.value, object[entry.key] as Any, path: path + "." + entry.key) { return m }
            }
            return nil
        }
        if let array = json as? [Any] {
            guard case .array(let items) = value else { return "\(path): expected an array, found \(value)" }
            guard items.count == array.count else { return "\(path): \(items.count) items but expected \(array.count)" }
            for (i, (item, expected)) in zip(items, array).enumerated() {
                if let m = mismatch(item, expected, path: path + "[\(i)]") { return m }
            }
            return nil
        }
        return "\(path): unexpected JSON \(json)"
    }

    private static func scalarMismatch(_ value: ConfigValue, type: String, text: String, path: String) -> String? {
        let ok: Bool
        switch (type, value) {
        case ("string", .string(let s)): ok = s == text
        case ("integer", .integer(let i)): ok = Int(text) == i
        case ("bool", .bool(let b)): ok = (text == "true" && b) || (text == "false" && !b)
        case ("float", .double(let d)):
            if text.lowercased().hasSuffix("nan") {
                ok = d.isNaN
            } else if let expected = Double(text.replacingOccurrences(of: "+", with: "")) {
                ok = d == expected
            } else {
                return "\(path): cannot read the expected float '\(text)'"
            }
        case ("datetime", .dateTime(let t)), ("datetime-local", .dateTime(let t)),
             ("date-local", .dateTime(let t)), ("time-local", .dateTime(let t)):
            guard let expected = dateTime(text) else { return "\(path): cannot read the expected date '\(text)'" }
            let kindMatches = switch type {
            case "datetime": t.date != nil && t.time != nil && t.offsetMinutes != nil
            case "datetime-local": t.date != nil && t.time != nil && t.offsetMinutes == nil
            case "date-local": t.date != nil && t.time == nil
            default: t.date == nil && t.time != nil
            }
            ok = kindMatches && t == expected
        default:
            ok = false
        }
        return ok ? nil : "\(path): \(value) but expected \(type) '\(text)'"
    }

    /// RFC 3339 text as toml-test writes it: `1979-05-27T07:32:00.999-07:00`, `07:32:00`,
    /// `1979-05-27`; fractions kept to the nanosecond.
    static func dateTime(_ text: String) -> ConfigDateTime? {
        var rest = Substring(text)
        var date: ConfigDateTime.Date?
        var time: ConfigDateTime.Time?
        var offset: Int?
        if rest.count >= 10, rest[rest.index(rest.startIndex, offsetBy: 4)] == "-" {
            let f = rest.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard f.count == 3 else { return nil }
            date = .init(year: f[0], month: f[1], day: f[2])
            rest = rest.dropFirst(10)
            guard !rest.isEmpty else { return ConfigDateTime(date: date, time: nil, offsetMinutes: nil) }
            guard rest.first == "T" else { return nil }
            rest = rest.dropFirst()
        }
        if let z = rest.firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            let o = rest[z...]
            if o == "Z" {
                offset = 0
            } else {
                let parts = o.dropFirst().split(separator: ":").compactMap { Int($0) }
                guard parts.count == 2 else { return nil }
                offset = (o.first == "-" ? -1 : 1) * (parts[0] * 60 + parts[1])
            }
            rest = rest[..<z]
        }
        let pieces = rest.split(separator: ".", maxSplits: 1)
        let hms = pieces[0].split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3 else { return nil }
        var nanos = 0
        if pieces.count == 2 {
            let digits = String(pieces[1].prefix(9))
            guard let n = Int(digits) else { return nil }
            nanos = n * Int(pow(10, Double(9 - digits.count)))
        }
        time = .init(hour: hms[0], minute: hms[1], second: hms[2], nanosecond: nanos)
        return ConfigDateTime(date: date, time: time, offsetMinutes: offset)
    }
}
