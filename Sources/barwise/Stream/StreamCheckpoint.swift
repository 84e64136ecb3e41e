import Foundation

/// `--state DIR/state.json`: how far a stream had got at its last checkpoint, and what run it
/// belongs to. Written atomically (a temporary file, fsync, rename, fsync of the folder), after
/// the run folder's files and `bars.log` have been flushed and fsynced, so what it describes is
/// always on disk.
///
/// A restart replays `bars` records of `bars.log` through the same step (rebuilding indicators,
/// orders, positions and cash exactly), cuts the run folder's files back to `files`, continues the
/// event numbering after `seq`, and skips input bars at or before `lastTimes` (at-least-once
/// delivery: a producer may resend from any earlier offset).
struct StreamCheckpoint: Codable, Equatable {
    /// What must not change between the process that wrote the state and the one resuming it.
    struct Identity: Codable, Equatable {
        var strategySha256: String
        var params: [String: Double]
        var symbols: [String]
        var interval: String
        var cash: Double
        var closeAtEnd: Bool
        var barwiseVersion: String
        var barwiseCommit: String
    }

    var format = 1
    var identity: Identity
    /// The run folder (absolute path).
    var out: String
    var bars: Int
    var files: StreamRunFiles.Sizes
    var seq: Int
    /// Each symbol's last stepped bar time (`Int64.min`: none yet).
    var lastTimes: [Int64]
    var steps: Int

    static func path(in state: String) -> String { (state as NSString).appendingPathComponent("state.json") }

    /// The checkpoint in `state`, or nil when there is none yet.
    static func read(state: String) throws(StreamStateError) -> StreamCheckpoint? {
        let path = path(in: state)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let checkpoint = try decoder.decode(StreamCheckpoint.self, from: data)
            guard checkpoint.format == 1 else { throw StreamStateError.unreadable(path, reason: "format \(checkpoint.format) is not 1") }
            return checkpoint
        } catch let error as StreamStateError {
            throw error
        } catch {
            throw .unreadable(path, reason: "\(error)")
        }
    }

    /// Writes the checkpoint atomically into `state`.
    func write(state: String) throws(StreamStateError) {
        let path = Self.path(in: state)
        let temporary = path + ".tmp"
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw .unwritable(path, reason: "\(error)") }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unwritable(temporary, reason: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            throw .unwritable(path, reason: String(cString: strerror(errno)))
        }
        let dir = open(state, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    /// Refuses a state written for another run, naming what differs.
    func check(against current: Identity, state: String) throws(StreamStateError) {
        let a = identity, b = current
        var differences: [String] = []
        if a.strategySha256 != b.strategySha256 { differences.append("another strategy file (sha256 \(a.strategySha256.prefix(12))…)") }
        if a.params != b.params { differences.append("other params (\(a.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")))") }
        if a.symbols != b.symbols { differences.append("other symbols (\(a.symbols.joined(separator: ",")))") }
        if a.interval != b.interval { differences.append("another interval (\(a.interval))") }
        if a.cash != b.cash { differences.append("another cash (\(a.cash))") }
        if a.closeAtEnd != b.closeAtEnd { differences.append(a.closeAtEnd ? "--close-at-end" : "no --close-at-end") }
        if a.barwiseVersion != b.barwiseVersion || a.barwiseCommit != b.barwiseCommit {
            differences.append("another barwise (\(a.barwiseVersion), commit \(a.barwiseCommit))")
        }
        if !differences.isEmpty { throw .otherRun(state, differences: differences) }
    }
}

/// `--state DIR` cannot be used.
enum StreamStateError: Error, CustomStringConvertible {
    case unreadable(String, reason: String)
    case unwritable(String, reason: String)
    case otherRun(String, differences: [String])
    case otherFolder(String, recorded: String, given: String)

    var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read the stream state \(path): \(reason)"
        case let .unwritable(path, reason): "cannot write the stream state \(path): \(reason)"
        case let .otherRun(state, differences):
            "--state \(state) belongs to another run: it was written with \(differences.joined(separator: "; ")). Use a new --state folder for this run, or rerun the command that wrote it"
        case let .otherFolder(state, recorded, given):
            "--state \(state) writes the run folder \(recorded), not \(given): drop --out or give the same folder"
        }
    }
}
