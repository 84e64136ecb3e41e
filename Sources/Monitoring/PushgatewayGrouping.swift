import Foundation

/// The grouping key of a Pushgateway push: the `job` and further label pairs that name the group
/// a push replaces metrics in (`job="barwise_sweep", instance="2-of-4", sweep="sma_cross"`).
///
/// `path` is the URL path the Pushgateway reads the key from:
/// `/metrics/job/<job>{/<label>/<value>}`. A value made only of URL-safe characters
/// (`A-Z a-z 0-9 - . _ ~`) goes as it is; any other value (one holding `/`, a space, non-ASCII
/// letters, or the empty string) goes in the Pushgateway's base64 form `<label>@base64/<value in
/// RFC 4648 URL-safe base64>`, which it decodes back to the exact bytes (the empty value as `=`).
public struct PushgatewayGrouping: Sendable, Equatable {
    public let job: String
    /// Label pairs after the job, in the order they go in the path.
    public let labels: [(name: String, value: String)]

    public init(job: String, labels: [(String, String)] = []) {
        self.job = job
        self.labels = labels.map { (name: $0.0, value: $0.1) }
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.job == b.job && a.labels.map(\.name) == b.labels.map(\.name) && a.labels.map(\.value) == b.labels.map(\.value)
    }

    /// `/metrics/job/<job>{/<label>/<value>}`, values encoded as described on the type.
    public var path: String {
        var path = "/metrics" + Self.segment("job", job)
        for label in labels { path += Self.segment(label.name, label.value) }
        return path
    }

    /// The labels as a reader sees them, for messages: `job="barwise_sweep", instance="all"`.
    public var description: String {
        ([("job", job)] + labels.map { ($0.name, $0.value) }).map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ", ")
    }

    /// `/<name>/<value>`, or `/<name>@base64/<encoded value>` for a value that is not plain.
    static func segment(_ name: String, _ value: String) -> String {
        if !value.isEmpty && value.unicodeScalars.allSatisfy(isPlain) { return "/\(name)/\(value)" }
        return "/\(name)@base64/\(base64URL(value))"
    }

    /// RFC 4648 section 5 (URL- and filename-safe alphabet), padded; `=` for the empty string, as the
    /// Pushgateway's documentation spells the empty value.
    static func base64URL(_ value: String) -> String {
        if value.isEmpty { return "=" }
        return Data(value.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }

    private static func isPlain(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "-", ".", "_", "~": true
        default: false
        }
    }
}
