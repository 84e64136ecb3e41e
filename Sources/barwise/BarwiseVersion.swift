import Foundation

/// The version of this build, printed by `barwise --version` and recorded in every manifest.
///
/// SwiftPM cannot generate a source file at build time without a plugin, so the commit is read
/// when first needed: `git rev-parse HEAD` in the source checkout the binary was compiled from
/// (its path is fixed at compile time by `#filePath`), plus `-dirty` when tracked files have
/// changes. A binary moved away from its checkout, or a machine without git, reports "unknown".
enum BarwiseVersion {
    /// The release version.
    static let release = "0.1.0-dev"

    /// The full commit hash (with `-dirty`), or "unknown".
    static let commit: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard let head = git(["rev-parse", "--verify", "HEAD"], in: root), head.count == 40 else { return "unknown" }
        let changes = git(["status", "--porcelain", "--untracked-files=no"], in: root)
        return changes.map { $0.isEmpty ? head : head + "-dirty" } ?? head
    }()

    /// `0.1.0-dev+1a2b3c4d5e6f` (SemVer build metadata: the first 12 hex digits of the commit).
    static let current: String = {
        commit == "unknown" ? "\(release)+unknown" : "\(release)+\(commit.prefix(12))\(commit.hasSuffix("-dirty") ? ".dirty" : "")"
    }()

    /// The `--version` text.
    static var text: String { "barwise \(release) (commit \(commit))" }

    /// The trimmed standard output of `git args` in `directory`, or nil when git fails.
    private static func git(_ args: [String], in directory: URL) -> String? {
        guard FileManager.default.fileExists(atPath: directory.path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path] + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
