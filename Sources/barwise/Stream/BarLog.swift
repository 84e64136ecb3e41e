import Engine
import Foundation
import MarketData

/// The bars a stream has stepped, in `--state DIR/bars.log`: one fixed 56-byte record a bar
/// (symbol number, time, open, high, low, close, volume; little-endian), appended as each
/// timestamp is stepped and made durable at each checkpoint. A restart replays the first
/// `count` records (the checkpoint's) through the same step to rebuild the simulation exactly:
/// the same bars in the same order give the same state, so no serialiser can drift from the
/// engine's code.
final class BarLog {
    static let recordBytes = 56
    private let path: String
    private let output: BufferedOutput
    /// Records appended so far (including those of earlier processes).
    private(set) var count: Int

    /// Opens (or creates) `path`, keeping its first `keeping` records and cutting the rest.
    init(path: String, keeping: Int) throws(StreamOutputError) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        let length = off_t(keeping * Self.recordBytes)
        guard lseek(fd, 0, SEEK_END) >= length else {
            close(fd)
            throw .cannotWrite(path, reason: "it holds fewer bars than the checkpoint says (\(keeping)): the state folder was changed")
        }
        guard ftruncate(fd, length) == 0, lseek(fd, length, SEEK_SET) == length else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .cannotWrite(path, reason: reason)
        }
        output = BufferedOutput(fd: fd, closesFile: true)
        count = keeping
    }

    /// Appends every bar of `batch`.
    func append(_ batch: BarBatch) {
        for j in 0..<batch.count {
            let bar = batch.bar(j)
            var record: (Int64, Int64, Double, Double, Double, Double, Double) =
                (Int64(batch.symbol(j)).littleEndian, bar.timestamp.littleEndian, bar.open, bar.high, bar.low, bar.close, bar.volume)
            withUnsafeBytes(of: &record) { output.write(bytes: UnsafeRawBufferPointer(rebasing: $0[..<Self.recordBytes])) }
            count += 1
        }
    }

    /// Flushes and fsyncs the records.
    func sync() throws(StreamOutputError) { try output.sync() }

    /// The first `count` records as batches (consecutive records with one time form a batch),
    /// each symbol's bars numbered from 0. Calls `body` per batch.
    static func replay(path: String, count: Int, symbols: Int, _ body: (BarBatch) throws -> Void) throws {
        guard count > 0 else { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        guard data.count >= count * recordBytes else {
            throw StreamOutputError.cannotWrite(path, reason: "it holds fewer bars than the checkpoint says (\(count))")
        }
        var next = [Int](repeating: 0, count: symbols)
        var batch = BarBatch(capacity: symbols)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for k in 0..<count {
                let base = k * recordBytes
                let s = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: Int64.self)))
                let t = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: Int64.self))
                func d(_ i: Int) -> Double { raw.loadUnaligned(fromByteOffset: base + 16 + 8 * i, as: Double.self) }
                guard s >= 0 && s < symbols else { throw StreamOutputError.cannotWrite(path, reason: "record \(k + 1) names symbol number \(s)") }
                if batch.count > 0 && t != batch.timestamp {
                    try body(batch)
                    batch.reset(timestamp: t)
                } else if batch.count == 0 {
                    batch.reset(timestamp: t)
                }
                batch.append(symbol: s, index: next[s], bar: Bar(timestamp: t, open: d(0), high: d(1), low: d(2), close: d(3), volume: d(4)))
                next[s] += 1
            }
        }
        if batch.count > 0 { try body(batch) }
    }
}
