/// User input quoted back in messages: capped so that a megabyte-long cell or argument cannot
/// flood a terminal or a store field, with line breaks shown as spaces so a message stays on
/// one line.
public enum EchoText {
    /// The longest echo, in characters.
    public static let limit = 200

    /// `text` with line breaks and other control characters as spaces, cut to `limit`
    /// characters (then ending in `…`).
    public static func capped(_ text: String, limit: Int = EchoText.limit) -> String {
        var out = ""
        var n = 0
        for ch in text {
            if n == limit {
                out += "…"
                break
            }
            out.append(ch.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? " " : ch)
            n += 1
        }
        return out
    }
}
