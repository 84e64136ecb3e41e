/// A deterministic slice of a sweep for one machine: `--shard I/N` takes every N-th planned
/// combination starting at the I-th (I from 1 to N), so shards are balanced and disjoint and
/// together cover the sweep exactly once.
///
/// `--shard auto` reads the slice from the scheduler: a Slurm array
/// (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_MIN`, `SLURM_ARRAY_TASK_COUNT`) or a Kubernetes
/// Indexed Job (`JOB_COMPLETION_INDEX`, 0-based, with the shard count from `--shard auto/N` or
/// `BARWISE_SHARDS`, since Kubernetes does not export the completion count).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(SweepError) {
        guard count >= 1, (1...count).contains(index) else {
            throw .malformedShard("\(index)/\(count)", reason: "I must be between 1 and N")
        }
        self.index = index
        self.count = count
    }

    public init(parsing text: String, environment: [String: String]) throws(SweepError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts[0] == "auto" {
            let count: Int?
            if parts.count == 2 { count = Int(parts[1]) } else { count = nil }
            if parts.count == 2, count == nil { throw .malformedShard(text, reason: "N in auto/N must be a whole number") }
            try self.init(auto: text, count: count, environment: environment)
            return
        }
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw .malformedShard(text, reason: "expected I/N with whole numbers, e.g. 2/8, or auto")
        }
        guard n >= 1, i >= 1, i <= n else { throw .malformedShard(text, reason: "I must be between 1 and N (here N = \(n))") }
        try self.init(index: i, count: n)
    }

    private init(auto text: String, count: Int?, environment env: [String: String]) throws(SweepError) {
        if let id = env["SLURM_ARRAY_TASK_ID"].flatMap(Int.init) {
            let min = env["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            guard let n = count ?? env["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) else {
                throw .malformedShard(text, reason: "SLURM_ARRAY_TASK_COUNT is not set; use auto/N")
            }
            try self.init(index: id - min + 1, count: n)
        } else if let k = env["JOB_COMPLETION_INDEX"].flatMap(Int.init) {
            guard let n = count ?? env["BARWISE_SHARDS"].flatMap(Int.init) else {
                throw .malformedShard(text, reason: "Kubernetes does not export the completion count: use --shard auto/N or set BARWISE_SHARDS")
            }
            try self.init(index: k + 1, count: n)
        } else {
            throw .malformedShard(text, reason: "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set")
        }
    }

    /// Whether the planned combination at `position` belongs to this shard.
    public func owns(position: Int) -> Bool { position % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
