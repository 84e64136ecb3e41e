import Foundation

/// `--state DIR/folder`: the run folder a stream took, written as soon as it is taken, before the
/// first checkpoint. A process killed in between leaves a folder with the stream's files and no
/// `state.json`; the same command then takes that folder again instead of refusing it as not
/// empty, provided it holds nothing but those files.
enum StreamFolderClaim {
    /// The files a stream writes before its first checkpoint.
    static let streamFiles: Set<String> = ["equity.csv", "trades.csv", "orders.csv"]

    static func path(in state: String) -> String { (state as NSString).appendingPathComponent("folder") }

    static func write(state: String, folder: URL) {
        try? Data((folder.path + "\n").utf8).write(to: URL(fileURLWithPath: path(in: state)), options: .atomic)
    }

    /// The claimed folder, emptied, when a first attempt died before its first checkpoint and
    /// `out` (if given) names the same folder; nil otherwise.
    static func unfinished(state: String, out: String?) -> URL? {
        guard let text = try? String(contentsOfFile: path(in: state), encoding: .utf8) else { return nil }
        let claimed = URL(fileURLWithPath: text.trimmingCharacters(in: .whitespacesAndNewlines)).standardizedFileURL
        if let out, URL(fileURLWithPath: out).standardizedFileURL.path != claimed.path { return nil }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: claimed.path),
              Set(names).isSubset(of: streamFiles) else { return nil }
        for name in names { try? FileManager.default.removeItem(at: claimed.appendingPathComponent(name)) }
        return claimed
    }
}
