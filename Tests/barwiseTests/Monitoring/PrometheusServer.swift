import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A real Prometheus started by a test on 127.0.0.1 (a free port), with its data in a fresh
/// folder; asked through its HTTP API and stopped by its own pid (`stop`, in a `defer`).
final class PrometheusServer {
    let port: UInt16
    let folder: URL
    private let process: Process

    /// One answer of `/api/v1/query`: `status` is "success" or "error" (then `error` says why).
    struct Answer {
        var httpStatus: Int
        var status: String
        var error: String?
        /// The instant vector's samples: `metric` labels and `value` [time, "text"].
        var result: [[String: Any]]
        var body: String

        /// The value of the first sample, if any.
        var firstValue: Double? { ((result.first?["value"] as? [Any])?.last as? String).flatMap(Double.init) }

        /// The values of the samples by one label's value.
        func values(by label: String) -> [String: Double] {
            Dictionary(result.compactMap { sample in
                guard let key = (sample["metric"] as? [String: String])?[label],
                      let value = ((sample["value"] as? [Any])?.last as? String).flatMap(Double.init) else { return nil }
                return (key, value)
            }) { a, _ in a }
        }
    }

    /// Starts `binary --config.file=config` and returns once `/-/ready` answers 200.
    init(binary: URL, config: URL, extraArguments: [String] = []) throws {
        folder = try BarwiseProcess.scratchDirectory()
        port = try ServiceBinary.freeLoopbackPort()
        let logURL = folder.appendingPathComponent("prometheus.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }
        process = Process()
        process.executableURL = binary
        process.arguments = [
            "--config.file=\(config.path)",
            "--storage.tsdb.path=\(folder.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
        ] + extraArguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let reply = try? LoopbackHTTP.request(port: port, path: "/-/ready", timeoutSeconds: 2), reply.status == 200 { return }
            if !process.isRunning { break }
            usleep(100_000)
        }
        ServiceBinary.stop(process)
        throw ServiceFailure.notReady("prometheus on 127.0.0.1:\(port)", log: self.log)
    }

    /// Stops the server (its pid only) and removes its folder.
    func stop() {
        ServiceBinary.stop(process)
        try? FileManager.default.removeItem(at: folder)
    }

    /// What the server wrote on stdout and stderr so far.
    var log: String {
        (try? String(contentsOf: folder.appendingPathComponent("prometheus.log"), encoding: .utf8)) ?? ""
    }

    /// `GET /api/v1/query?query=expr` (evaluated now).
    func query(_ expr: String) throws -> Answer {
        let reply = try LoopbackHTTP.request(port: port, path: "/api/v1/query?query=" + Self.encode(expr))
        let object = (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8))) as? [String: Any]
        guard let object, let status = object["status"] as? String else { throw ServiceFailure.badReply(reply.body) }
        let data = object["data"] as? [String: Any]
        return Answer(httpStatus: reply.status, status: status, error: object["error"] as? String,
                      result: data?["result"] as? [[String: Any]] ?? [], body: reply.body)
    }

    /// The `data` of a JSON API answer to `GET path` (e.g. /api/v1/rules), which must succeed.
    func api(_ path: String) throws -> [String: Any] {
        let reply = try LoopbackHTTP.request(port: port, path: path)
        let object = (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8))) as? [String: Any]
        guard reply.status == 200, let object, object["status"] as? String == "success", let data = object["data"] as? [String: Any] else {
            throw ServiceFailure.badReply("GET \(path): \(reply.status) \(reply.body)")
        }
        return data
    }

    /// The label values `GET /api/v1/label/NAME/values?match[]=SELECTOR` lists.
    func labelValues(_ label: String, matching selector: String) throws -> [String] {
        let reply = try LoopbackHTTP.request(port: port, path: "/api/v1/label/\(label)/values?match%5B%5D=" + Self.encode(selector))
        let object = (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8))) as? [String: Any]
        guard reply.status == 200, let values = object?["data"] as? [String] else { throw ServiceFailure.badReply(reply.body) }
        return values
    }

    /// Every loaded rule as the server parsed it: group, name, type, query, duration, labels, annotations.
    func rules() throws -> [[String: Any]] {
        let groups = try api("/api/v1/rules")["groups"] as? [[String: Any]] ?? []
        return groups.flatMap { group in
            (group["rules"] as? [[String: Any]] ?? []).map { rule in rule.merging(["group": group["name"] ?? ""]) { a, _ in a } }
        }
    }

    /// Polls `expr` until `accept` holds for its answer or `seconds` pass; returns the last answer.
    func waitFor(_ expr: String, seconds: Double, accept: (Answer) -> Bool) throws -> Answer {
        let deadline = Date().addingTimeInterval(seconds)
        var answer = try query(expr)
        while !accept(answer) && Date() < deadline {
            usleep(200_000)
            answer = try query(expr)
        }
        return answer
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func encode(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
