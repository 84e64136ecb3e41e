import Foundation

/// Writes report files atomically (a temporary file renamed over the target).
enum ReportFiles {
    static func write(_ text: String, to path: String) throws(ReportError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .io(path: path, detail: "cannot be written (\(error.localizedDescription))")
        }
    }
}

/// CSV field text: numbers in shortest round-trip form, strings quoted when needed.
enum CSVText {
    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
