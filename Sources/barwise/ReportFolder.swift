import ArgumentParser
import Foundation
import MarketData

/// Output folders of runs and sweeps: `--out DIR` as given, or a new
/// `reports/<name>-<UTC timestamp>` (suffixed `-2`, `-3`… when taken).
enum ReportFolder {
    static func make(name: String, out: String?, at date: Date) throws -> URL {
        let fm = FileManager.default
        if let out {
            do { try fm.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                CommandFailure.printError("cannot create the report folder \(out): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            return URL(fileURLWithPath: out)
        }
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        let stamp = CivilTime.iso8601(t).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let base = "reports/\(name)-\(stamp)"
        var path = base
        var n = 2
        while fm.fileExists(atPath: path) { path = "\(base)-\(n)"; n += 1 }
        do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            CommandFailure.printError("cannot create the report folder \(path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        return URL(fileURLWithPath: path)
    }
}
