/// Escapes text for HTML and SVG (element content and quoted attributes): `& < > " '`.
/// Every user-supplied string placed in hand-built SVG or HTML goes through this.
public enum Escape {
    public static func html(_ s: String) -> String {
        guard s.contains(where: { "&<>\"'".contains($0) }) else { return s }
        var out = ""
        out.reserveCapacity(s.count + 16)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
