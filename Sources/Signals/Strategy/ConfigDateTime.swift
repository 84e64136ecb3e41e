/// A TOML date, time or date-time (RFC 3339 with TOML's relaxations), as written in the file.
///
/// The four TOML kinds are told apart by which parts are present:
/// offset date-time (date, time, offset), local date-time (date, time), local date (date only)
/// and local time (time only). Fractional seconds are kept to the nanosecond; further digits
/// are truncated, as the TOML specification allows.
public struct ConfigDateTime: Sendable, Equatable {
    /// A calendar date; `day` is valid for the month (leap years included).
    public struct Date: Sendable, Equatable {
        public var year: Int
        public var month: Int
        public var day: Int
    }

    /// A time of day; `second` may be 60 (a leap second).
    public struct Time: Sendable, Equatable {
        public var hour: Int
        public var minute: Int
        public var second: Int
        public var nanosecond: Int
    }

    public var date: Date?
    public var time: Time?
    /// Minutes east of UTC (`Z` is 0); nil for local values.
    public var offsetMinutes: Int?

    public init(date: Date?, time: Time?, offsetMinutes: Int?) {
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// The TOML type name, for error messages ("a date-time").
    public var typeName: String {
        switch (date != nil, time != nil) {
        case (true, true): "date-time"
        case (true, false): "date"
        default: "time"
        }
    }

    /// RFC 3339 text: `1979-05-27T07:32:00.5-07:00`, `07:32:00`, `1979-05-27`.
    public var text: String {
        var parts = ""
        if let date {
            parts += Self.pad(date.year, 4) + "-" + Self.pad(date.month, 2) + "-" + Self.pad(date.day, 2)
        }
        if let time {
            if date != nil { parts += "T" }
            parts += Self.pad(time.hour, 2) + ":" + Self.pad(time.minute, 2) + ":" + Self.pad(time.second, 2)
            if time.nanosecond > 0 {
                var fraction = Self.pad(time.nanosecond, 9)
                while fraction.last == "0" { fraction.removeLast() }
                parts += "." + fraction
            }
        }
        if let offsetMinutes {
            if offsetMinutes == 0 {
                parts += "Z"
            } else {
                let m = Swift.abs(offsetMinutes)
                parts += (offsetMinutes < 0 ? "-" : "+") + Self.pad(m / 60, 2) + ":" + Self.pad(m % 60, 2)
            }
        }
        return parts
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
