/// Why a report could not be built, each case naming the file (and line and field) to fix.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The run folder does not exist or is not a folder.
    case missingFolder(String)
    /// A file the report needs is absent from the run folder.
    case missingFile(String)
    /// A CSV field could not be read: `file:line: field 'name' ...`.
    case malformedCSV(file: String, line: Int, field: String, detail: String)
    /// A CSV header lacks a required column.
    case missingColumn(file: String, column: String)
    /// A JSON file is not valid JSON or lacks a required key.
    case malformedJSON(file: String, detail: String)
    /// A file could not be read or written.
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case .missingFolder(let p): return "\(p): no such run folder (pass the folder `barwise run` wrote, e.g. reports/sma_cross-20240101T000000Z)"
        case .missingFile(let p): return "\(p): missing; a run folder needs equity.csv, trades.csv and summary.json"
        case let .malformedCSV(file, line, field, detail): return "\(file):\(line): field '\(field)' \(detail)"
        case let .missingColumn(file, column): return "\(file):1: missing column '\(column)' in the header"
        case let .malformedJSON(file, detail): return "\(file): \(detail)"
        case let .io(path, detail): return "\(path): \(detail)"
        }
    }
}
