import ArgumentParser
import Foundation
import MarketData

/// The output folder of `run`, `sweep`, `sweep --walk-forward` and `sweep merge`.
///
/// The folder's name is taken first (`reserve`): `--out DIR`, or a new
/// `reports/<name>-<UTC timestamp>`, suffixed `-2`, `-3`… when taken. Names are taken with an
/// exclusive `mkdir`, so two processes started in the same second never share a folder. The
/// files are then written into a hidden sibling, `.<folder name>.tmp-<pid>`, which `commit()`
/// renames into place once complete: a reader never sees a half-written folder. A command
/// stopped by Ctrl-C or SIGTERM before `commit()` calls `abandon()`, which leaves nothing (the
/// folder it created is removed, an existing `--out` is left as it was). A process killed
/// outright (SIGKILL) leaves at most an empty folder and a hidden temporary one; a later command
/// given the same folder (`--out DIR`, `sweep --resume DIR`) takes the empty folder as new and
/// removes the temporary folders of processes that no longer run.
///
/// An existing `--out DIR` that is not empty is refused, whatever it holds; `--force` replaces
/// it whole, but only when its `manifest.json` says it is a Barwise folder of the same kind
/// (a run for `run`, a sweep for `sweep` and `sweep merge`, a walk-forward for
/// `sweep --walk-forward`): any other folder is never deleted. The only way to add to a folder
/// is `sweep --resume DIR`, which rewrites DIR whole with the interrupted rows and the new ones.
struct ReportFolder {
    /// What a folder holds, as its manifest's `kind` says.
    enum Kind: String {
        case run
        case sweep
        case walkForward = "walk_forward"
    }

    /// Where the folder ends up.
    let final: URL
    /// Where its files are written until `commit()`.
    let staging: URL
    /// Whether `final` holds files that `commit()` replaces (`--force`, `--resume`, a sweep's journal).
    private(set) var replaces: Bool
    /// Whether `reserve` created `final` (it did not exist before this process).
    private(set) var created = false

    var path: String { final.path }

    /// Takes the folder's name (see the type's doc) and creates the staging folder.
    /// - Throws: `ReportFolderError` (exit 2 for a refused `--out`, 1 for the file system).
    static func reserve(kind: Kind, name: String, out: String?, force: Bool, at date: Date) throws(ReportFolderError) -> ReportFolder {
        let fm = FileManager.default
        if let out {
            let url = URL(fileURLWithPath: out)
            try makeParent(of: url)
            // A killed process's temporary folders beside DIR are not needed by anyone.
            removeStaleSiblings(of: url)
            if mkdir(url.path, 0o777) == 0 { return try ReportFolder(final: url, replaces: false, created: true) }
            guard errno == EEXIST else { throw .cannotCreate(out, reason: String(cString: strerror(errno))) }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue else { throw .notAFolder(out) }
            let contents: [String]
            do { contents = try fm.contentsOfDirectory(atPath: out) } catch {
                throw .cannotCreate(out, reason: "cannot list it: \(error.localizedDescription)")
            }
            if contents.isEmpty { return try ReportFolder(final: url, replaces: false) }
            let found = Self.kind(of: out)
            guard force else { throw .notEmpty(out, holds: found, wanted: kind) }
            guard found == kind else { throw .forceRefused(out, holds: found, wanted: kind) }
            return try ReportFolder(final: url, replaces: true)
        }
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        let stamp = CivilTime.iso8601(t).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let base = "reports/\(name)-\(stamp)"
        try makeParent(of: URL(fileURLWithPath: base))
        removeKilledRuns(in: "reports")
        var n = 1
        while true {
            let path = n == 1 ? base : "\(base)-\(n)"
            if mkdir(path, 0o777) == 0 { return try ReportFolder(final: URL(fileURLWithPath: path), replaces: false, created: true) }
            guard errno == EEXIST else { throw .cannotCreate(path, reason: String(cString: strerror(errno))) }
            n += 1
        }
    }

    /// `sweep --resume DIR`: DIR (already checked to hold the same sweep), rewritten whole on commit.
    static func resuming(_ path: String) throws(ReportFolderError) -> ReportFolder {
        let url = URL(fileURLWithPath: path)
        removeStaleSiblings(of: url)
        return try ReportFolder(final: url, replaces: true)
    }

    /// The `.<name>.tmp-<pid>` and `.old-<pid>` folders of processes that no longer run (a
    /// killed sweep's): nothing in them is needed, the journal is in the folder itself.
    private static func removeStaleSiblings(of url: URL) {
        let parent = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard rest.hasPrefix("tmp-") || rest.hasPrefix("old-"), let pid = Int32(rest.dropFirst(4)) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { try? FileManager.default.removeItem(at: parent.appendingPathComponent(name)) }
        }
    }

    /// A killed (SIGKILL) run without `--out` leaves its reserved `reports/NAME` empty and its
    /// `.NAME.tmp-PID` staging folder: both go when the process PID no longer runs (an earlier
    /// run's folder that holds files is never touched).
    private static func removeKilledRuns(in parent: String) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(".") {
            guard let tag = name.range(of: ".tmp-", options: .backwards), let pid = Int32(name[tag.upperBound...]) else { continue }
            guard pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let reserved = (parent as NSString).appendingPathComponent(String(name[name.index(after: name.startIndex)..<tag.lowerBound]))
            try? fm.removeItem(atPath: (parent as NSString).appendingPathComponent(name))
            if (try? fm.contentsOfDirectory(atPath: reserved))?.isEmpty == true { rmdir(reserved) }
        }
    }

    private init(final: URL, replaces: Bool, created: Bool = false) throws(ReportFolderError) {
        self.final = final
        self.replaces = replaces
        self.created = created
        staging = Self.sibling(of: final, tag: "tmp")
        try? FileManager.default.removeItem(at: staging)
        guard mkdir(staging.path, 0o777) == 0 else { throw .cannotCreate(staging.path, reason: String(cString: strerror(errno))) }
    }

    /// Empties `final` now rather than at `commit()`, for a sweep that keeps its journal there:
    /// with `--force` the old folder goes before the first row is written.
    mutating func clearForJournal() throws(ReportFolderError) {
        if replaces {
            let old = Self.sibling(of: final, tag: "old")
            try? FileManager.default.removeItem(at: old)
            guard rename(final.path, old.path) == 0, mkdir(final.path, 0o777) == 0 else {
                throw .cannotCreate(final.path, reason: String(cString: strerror(errno)))
            }
            try? FileManager.default.removeItem(at: old)
        }
        // The journal makes `final` non-empty: commit replaces it.
        replaces = true
    }

    /// Moves the staging folder into place (replacing what `final` held when `replaces`).
    func commit() throws(ReportFolderError) {
        guard replaces else {
            // `final` is the empty folder `reserve` made: rename replaces an empty folder.
            guard rename(staging.path, final.path) == 0 else { throw .cannotCreate(final.path, reason: String(cString: strerror(errno))) }
            return
        }
        let old = Self.sibling(of: final, tag: "old")
        try? FileManager.default.removeItem(at: old)
        guard rename(final.path, old.path) == 0 else { throw .cannotCreate(final.path, reason: String(cString: strerror(errno))) }
        guard rename(staging.path, final.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old.path, final.path)
            throw .cannotCreate(final.path, reason: reason)
        }
        try? FileManager.default.removeItem(at: old)
    }

    /// Removes the staging folder (after a failure), leaving `final` as it was.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Gives the folder up before `commit()` (a command stopped by a signal): removes the staging
    /// folder, and `final` too when `reserve` created it and nothing was put in it since (`rmdir`
    /// removes only an empty folder). An `--out` that existed is left as it was.
    func abandon() {
        discard()
        if created && !replaces { _ = rmdir(final.path) }
    }

    /// What a folder's manifest.json says it is; folders written before `kind` existed are
    /// recognised by their command (`barwise run …`). Nil for anything else.
    static func kind(of folder: String) -> Kind? {
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: path),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        if let kind = manifest["kind"] as? String { return Kind(rawValue: kind) }
        if let command = manifest["command"] as? [String], command.count > 1, command[0] == "barwise", command[1] == "run" { return .run }
        return nil
    }

    /// `.<name>.<tag>-<pid>` beside `url`.
    private static func sibling(of url: URL, tag: String) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(tag)-\(getpid())")
    }

    private static func makeParent(of url: URL) throws(ReportFolderError) {
        let parent = url.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw .cannotCreate(parent.path, reason: error.localizedDescription)
        }
    }
}

/// Why an output folder cannot be used.
enum ReportFolderError: Error, CustomStringConvertible {
    case notEmpty(String, holds: ReportFolder.Kind?, wanted: ReportFolder.Kind)
    case forceRefused(String, holds: ReportFolder.Kind?, wanted: ReportFolder.Kind)
    case notAFolder(String)
    case cannotCreate(String, reason: String)

    var description: String {
        switch self {
        case let .notEmpty(path, holds, wanted):
            let what = holds.map { "a barwise \(Self.name($0)) folder" } ?? "files that are not a barwise folder"
            let hint: String
            if holds == wanted {
                hint = wanted == .sweep ? "--force replaces it whole; --resume \(path) continues an interrupted sweep" : "--force replaces it whole"
            } else {
                hint = "choose another --out"
            }
            return "--out \(path) is not empty (it holds \(what)); \(hint)"
        case let .forceRefused(path, holds, wanted):
            let what = holds.map { "a barwise \(Self.name($0)) folder" } ?? "files that are not a barwise folder"
            return "--force replaces only a barwise \(Self.name(wanted)) folder, and --out \(path) holds \(what); remove it yourself or choose another --out"
        case let .notAFolder(path):
            return "--out \(path) exists and is not a folder"
        case let .cannotCreate(path, reason):
            return "cannot create the report folder \(path): \(reason)"
        }
    }

    /// 2 for a refused `--out` (the user chooses another), 74 for a failing file system.
    var exitCode: ExitCode {
        switch self {
        case .notEmpty, .forceRefused, .notAFolder: CommandFailure.badInput
        case .cannotCreate: CommandFailure.ioFailure
        }
    }

    private static func name(_ kind: ReportFolder.Kind) -> String {
        switch kind {
        case .run: "run"
        case .sweep: "sweep"
        case .walkForward: "walk-forward"
        }
    }

    /// Prints the error and returns the exit code to throw.
    func report() -> ExitCode {
        CommandFailure.printError(description)
        return exitCode
    }
}
