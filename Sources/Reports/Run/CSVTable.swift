import Foundation

/// A CSV file read into memory with its header, for the run folder's files (plain RFC 4180
/// subset: comma separated, optional double quotes around fields without embedded newlines).
///
/// Fields are parsed on demand by column, so errors name `file:line: field 'column'`.
struct CSVTable {
    let file: String
    let header: [String]
    /// Byte offsets of every field, flat (32-bit: files up to 2 GB): row `r`'s fields are
    /// `starts[rowStart[r] ..< rowStart[r + 1]]`; a field ends one byte (the comma) before the next
    /// one starts, the row's last field at `lineEnd[r]`. Rows exclude the header; blank lines are
    /// skipped. Flat arrays, not one array per row: a million-row file is a few allocations.
    let starts: [Int32]
    let lineEnd: [Int32]
    let rowStart: [Int]
    /// The 1-based line number in the file of each row.
    let lines: [Int]
    let bytes: [UInt8]

    /// Reads `path`; `name` is how errors refer to it (e.g. `run/equity.csv`).
    init(path: String, name: String) throws(ReportError) {
        guard var b = Self.readBytes(path) else {
            throw FileManager.default.fileExists(atPath: path) ? .io(path: name, detail: UnreadableFile.reason(path)) : .missingFile(name)
        }
        self.file = name
        guard b.count < Int(Int32.max) else { throw .io(path: name, detail: "is over 2 GB; a run folder's CSV files must be smaller") }
        b.append(0)  // strtod stops at a NUL past the last field
        self.bytes = b
        var header: [String]? = nil
        var starts: [Int32] = [], lineEnds: [Int32] = [], rowStart: [Int] = [0], lines: [Int] = []
        starts.reserveCapacity(b.count / 12)
        b.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            var lineNumber = 0
            var start = 0
            let end = p.count - 1
            while start < end {
                lineNumber += 1
                // memchr finds the newline and the commas (vectorized in libc).
                let nl = memchr(base + start, 0x0A, end - start)
                let stop = nl.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
                var lineEnd = stop
                if lineEnd > start, p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd > start {
                    let first = starts.count
                    starts.append(Int32(start))
                    if memchr(base + start, 0x22, lineEnd - start) == nil {
                        var i = start
                        while i < lineEnd, let comma = memchr(base + i, 0x2C, lineEnd - i) {
                            i = base.distance(to: comma.assumingMemoryBound(to: UInt8.self)) + 1
                            starts.append(Int32(i))
                        }
                    } else {
                        var quoted = false
                        for i in start..<lineEnd {
                            let c = p[i]
                            if c == 0x22 { quoted.toggle() } else if c == 0x2C, !quoted { starts.append(Int32(i + 1)) }
                        }
                    }
                    if header == nil {
                        let ends = starts[(first + 1)...].map { Int($0) - 1 } + [lineEnd]
                        header = zip(starts, ends).map { Self.text(b, Int($0)..<$1) }
                        starts.removeAll(keepingCapacity: true)
                    } else {
                        rowStart.append(starts.count)
                        lineEnds.append(Int32(lineEnd))
                        lines.append(lineNumber)
                    }
                }
                start = stop + 1
            }
        }
        guard let header else { throw .malformedCSV(file: name, line: 1, field: "header", detail: "is missing: the file is empty") }
        self.header = header
        self.starts = starts
        self.lineEnd = lineEnds
        self.rowStart = rowStart
        self.lines = lines
    }

    /// The file's bytes in one read (nil when it cannot be opened).
    static func readBytes(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var st = stat()
        guard fstat(fileno(f), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        var ok = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = size > 0 ? fread(buffer.baseAddress!, 1, size, f) : 0
            ok = count == size
        }
        return ok ? bytes : nil
    }

    var count: Int { lines.count }

    /// The index of a required column.
    func column(_ name: String) throws(ReportError) -> Int {
        guard let i = header.firstIndex(of: name) else { throw .missingColumn(file: file, column: name) }
        return i
    }

    /// The index of an optional column.
    func optionalColumn(_ name: String) -> Int? { header.firstIndex(of: name) }

    private func range(_ row: Int, _ col: Int) throws(ReportError) -> Range<Int> {
        let first = rowStart[row], fields = rowStart[row + 1] - first
        guard col < fields else {
            throw .malformedCSV(file: file, line: lines[row], field: header[col], detail: "is missing (the row has \(fields) fields, the header \(header.count))")
        }
        let lower = Int(starts[first + col])
        return lower..<(col + 1 < fields ? Int(starts[first + col + 1]) - 1 : Int(lineEnd[row]))
    }

    /// True when the field equals the same column's field of row `other` byte for byte.
    func sameField(_ row: Int, _ other: Int, _ col: Int) -> Bool {
        guard let a = try? range(row, col), let b = try? range(other, col), a.count == b.count else { return false }
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound { if bytes[i] != bytes[j] { return false }; i += 1; j += 1 }
        return true
    }

    /// The field's text, quotes removed.
    func string(_ row: Int, _ col: Int) throws(ReportError) -> String { Self.text(bytes, try range(row, col)) }

    /// True when the field is empty.
    func isEmpty(_ row: Int, _ col: Int) -> Bool { (try? range(row, col))?.isEmpty ?? true }

    /// The field as a number; empty or `nan` reads as NaN when `allowEmpty`.
    func double(_ row: Int, _ col: Int, allowEmpty: Bool = false) throws(ReportError) -> Double {
        var r = try range(row, col)
        if r.count >= 2, bytes[r.lowerBound] == 0x22, bytes[r.upperBound - 1] == 0x22 { r = (r.lowerBound + 1)..<(r.upperBound - 1) }
        if r.isEmpty {
            if allowEmpty { return .nan }
            throw .malformedCSV(file: file, line: lines[row], field: header[col], detail: "is empty; expected a number")
        }
        let value: Double? = bytes.withUnsafeBufferPointer { p -> Double? in
            if let fast = FastDecimal.parse(p, r.lowerBound, r.upperBound) { return fast }
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
