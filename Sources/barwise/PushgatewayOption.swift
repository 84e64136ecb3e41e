import ArgumentParser
import Foundation
import Monitoring

/// `--pushgateway URL` of `barwise sweep` and `barwise ingest`: the URL checked before any work
/// (not http(s) is a usage error, exit 2) and the one warning a failed push prints.
enum PushgatewayOption {
    /// The help of the option, shared by both commands.
    static func help(_ when: String) -> ArgumentHelp {
        ArgumentHelp("Push metrics to this Prometheus Pushgateway (e.g. http://127.0.0.1:9091) \(when).", valueName: "URL")
    }

    /// The client for `text`, nil without the option.
    /// - Throws: `ValidationError` naming the option when `text` is not an http(s) URL.
    static func client(_ text: String?) throws -> Pushgateway? {
        guard let text else { return nil }
        do throws(PushgatewayError) {
            return try Pushgateway(url: text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The one stderr line of a failed push: what failed and that the command's results are
    /// unaffected. `work` names them ("the sweep goes on and writes its results as usual").
    static func warn(_ error: PushgatewayError, _ work: String) {
        CommandFailure.notice("warning: \(InputEcho.oneLine(error.description)); \(work)")
    }
}
