/// Offset date-times, local date-times, local dates and local times (TOML 1.0: seconds are
/// required), with every field range-checked (February 29 only in leap years).
extension TOMLScanner {
    /// True when the cursor starts a date (`YYYY-`) or a time (`HH:`).
    var atDateOrTime: Bool {
        let digits = (0..<4).map { peek($0).map(Self.isDigit) ?? false }
        return (digits[0] && digits[1] && digits[2] && digits[3] && peek(4) == UInt8(ascii: "-"))
            || (digits[0] && digits[1] && peek(2) == UInt8(ascii: ":"))
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// A date, time or date-time; the cursor is on its first digit (`atDateOrTime` is true).
    mutating func dateTime() throws(TOMLSyntaxError) -> ConfigDateTime {
        let start = pos
        guard peek(2) != UInt8(ascii: ":") else {
            return ConfigDateTime(date: nil, time: try time(), offsetMinutes: nil)
        }
        let year = try digits(4, "a date must look like YYYY-MM-DD", start: start)
        try expect("-", "a date must look like YYYY-MM-DD", start: start)
        let month = try digits(2, "a date must look like YYYY-MM-DD (two-digit month)", start: start)
        try expect("-", "a date must look like YYYY-MM-DD", start: start)
        let day = try digits(2, "a date must look like YYYY-MM-DD (two-digit day)", start: start)
        guard (1...12).contains(month) else { throw error("month \(month) does not exist (01 to 12)", at: start) }
        let days = Self.daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            throw error("day \(day) does not exist in month \(month) of \(year) (it has \(days) days)", at: start)
        }
        let date = ConfigDateTime.Date(year: year, month: month, day: day)
        switch current {
        case UInt8(ascii: "T"), UInt8(ascii: "t"):
            pos += 1
        case UInt8(ascii: " ") where peek(1).map(Self.isDigit) == true && peek(2).map(Self.isDigit) == true && peek(3) == UInt8(ascii: ":"):
            pos += 1
        default:
            return ConfigDateTime(date: date, time: nil, offsetMinutes: nil)
        }
        let time = try time()
        var offset: Int?
        switch current {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            pos += 1
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let offsetStart = pos
            let sign = current == UInt8(ascii: "-") ? -1 : 1
            pos += 1
            let message = "a time offset must look like +HH:MM or -HH:MM"
            let hours = try digits(2, message, start: offsetStart)
            try expect(":", message, start: offsetStart)
            let minutes = try digits(2, message, start: offsetStart)
            guard hours < 24, minutes < 60 else { throw error("time offset out of range (hours 00-23, minutes 00-59)", at: offsetStart) }
            offset = sign * (hours * 60 + minutes)
        default:
            offset = nil
        }
        return ConfigDateTime(date: date, time: time, offsetMinutes: offset)
    }

    /// `HH:MM:SS` with optional fractional seconds.
    private mutating func time() throws(TOMLSyntaxError) -> ConfigDateTime.Time {
        let start = pos
        let message = "a time must look like HH:MM:SS (seconds are required)"
        let hour = try digits(2, message, start: start)
        try expect(":", message, start: start)
        let minute = try digits(2, message, start: start)
        try expect(":", message, start: start)
        let second = try digits(2, message, start: start)
        guard hour < 24, minute < 60, second <= 60 else {
            throw error("time out of range (hours 00-23, minutes 00-59, seconds 00-60)", at: start)
        }
        var nanosecond = 0
        if current == UInt8(ascii: ".") {
            pos += 1
            var count = 0
            while let b = current, Self.isDigit(b) {
                if count < 9 { nanosecond = nanosecond * 10 + Int(b - 0x30) }
                count += 1
                pos += 1
            }
            guard count > 0 else { throw error("a decimal point in a time must be followed by digits") }
            for _ in Swift.min(count, 9)..<9 { nanosecond *= 10 }
        }
        return ConfigDateTime.Time(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    private mutating func digits(_ count: Int, _ message: String, start: Int) throws(TOMLSyntaxError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let b = current, Self.isDigit(b) else { throw error(message, at: start) }
            value = value * 10 + Int(b - 0x30)
            pos += 1
        }
        return value
    }

    private mutating func expect(_ c: Unicode.Scalar, _ message: String, start: Int) throws(TOMLSyntaxError) {
        guard current == UInt8(c.value) else { throw error(message, at: start) }
        pos += 1
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
