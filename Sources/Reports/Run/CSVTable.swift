import Foundation

/// A CSV file read into memory with its header, for the run folder's files (plain RFC 4180
/// subset: comma separated, optional double quotes around fields without embedded newlines).
///
/// Fields are parsed on demand by column, so errors name `file:line: field 'column'`.
struct CSVTable {
    let file: String
    let header: [String]
    /// Byte ranges of each field, row by row (rows exclude the header; blank lines are skipped).
    private(set) var rows: [[Range<Int>]] = []
    /// The 1-based line number in the file of each row.
    private(set) var lines: [Int] = []
    private let bytes: [UInt8]

    /// Reads `path`; `name` is how errors refer to it (e.g. `run/equity.csv`).
    init(path: String, name: String) throws(ReportError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileManager.default.fileExists(atPath: path) ? .io(path: name, detail: "cannot be read") : .missingFile(name)
        }
        self.file = name
        var b = [UInt8](data)
        b.append(0)  // strtod stops at a NUL past the last field
        self.bytes = b
        var header: [String]? = nil
        var lineNumber = 0
        var start = 0
        let end = b.count - 1
        var fields: [Range<Int>] = []
        while start < end {
            lineNumber += 1
            var stop = start
            while stop < end, b[stop] != 0x0A { stop += 1 }
            var lineEnd = stop
            if lineEnd > start, b[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd > start {
                fields.removeAll(keepingCapacity: true)
                var f = start
                var i = start
                var quoted = false
                while i < lineEnd {
                    let c = b[i]
                    if c == 0x22 { quoted.toggle() } else if c == 0x2C, !quoted {
                        fields.append(f..<i)
                        f = i + 1
                    }
                    i += 1
                }
                fields.append(f..<lineEnd)
                if header == nil {
                    header = fields.map { Self.text(b, $0) }
                } else {
                    rows.append(fields)
                    lines.append(lineNumber)
                }
            }
            start = stop + 1
        }
        guard let header else { throw .malformedCSV(file: name, line: 1, field: "header", detail: "is missing: the file is empty") }
        self.header = header
    }

    var count: Int { rows.count }

    /// The index of a required column.
    func column(_ name: String) throws(ReportError) -> Int {
        guard let i = header.firstIndex(of: name) else { throw .missingColumn(file: file, column: name) }
        return i
    }

    /// The index of an optional column.
    func optionalColumn(_ name: String) -> Int? { header.firstIndex(of: name) }

    private func range(_ row: Int, _ col: Int) throws(ReportError) -> Range<Int> {
        let r = rows[row]
        guard col < r.count else {
            throw .malformedCSV(file: file, line: lines[row], field: header[col], detail: "is missing (the row has \(r.count) fields, the header \(header.count))")
        }
        return r[col]
    }

    /// The field's text, quotes removed.
    func string(_ row: Int, _ col: Int) throws(ReportError) -> String { Self.text(bytes, try range(row, col)) }

    /// True when the field is empty.
    func isEmpty(_ row: Int, _ col: Int) -> Bool { col >= rows[row].count || rows[row][col].isEmpty }

    /// The field as a number; empty or `nan` reads as NaN when `allowEmpty`.
    func double(_ row: Int, _ col: Int, allowEmpty: Bool = false) throws(ReportError) -> Double {
        let r = try range(row, col)
        if r.isEmpty {
            if allowEmpty { return .nan }
            throw .malformedCSV(file: file, line: lines[row], field: header[col], detail: "is empty; expected a number")
        }
        let value: Double? = bytes.withUnsafeBufferPointer { p -> Double? in
            let base = UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self)
            var endPtr: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(base + r.lowerBound, &endPtr)
            guard let endPtr, base.distance(to: endPtr) == r.upperBound else { return nil }
            return v
        }
        guard let value, (!value.isNaN || allowEmpty) else {
            throw .malformedCSV(file: file, line: lines[row], field: header[col], detail: "is '\(Self.text(bytes, r))', not a number")
        }
        return value
    }

    /// The field as a whole number.
    func int(_ row: Int, _ col: Int) throws(ReportError) -> Int {
        let text = try string(row, col)
        guard let v = Int(text) else {
            throw .malformedCSV(file: file, line: lines[row], field: header[col], detail: "is '\(text)', not a whole number")
        }
        return v
    }

    /// The field as UTC epoch seconds (`2004-08-19T00:00:00Z`, `2004-08-19` or any shape the ingest accepts).
    func timestamp(_ row: Int, _ col: Int) throws(ReportError) -> Int64 {
        let r = try range(row, col)
        if let t = ISOTimestamp.parse(bytes, r) { return t }
        let text = Self.text(bytes, r)
        guard let t = ISOTimestamp.parse(text) else {
            throw .malformedCSV(file: file, line: lines[row], field: header[col], detail: "is '\(text)', not a timestamp (use ISO 8601 UTC, e.g. 2004-08-19T00:00:00Z)")
        }
        return t
    }

    private static func text(_ b: [UInt8], _ r: Range<Int>) -> String {
        var s = r
        if s.count >= 2, b[s.lowerBound] == 0x22, b[s.upperBound - 1] == 0x22 { s = (s.lowerBound + 1)..<(s.upperBound - 1) }
        return String(decoding: b[s], as: UTF8.self)
    }
}
