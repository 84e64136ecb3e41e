import Foundation
import Testing

@Test func reportCommandRebuildsTheFixtureFolder() throws {
    let dir = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
    try FileManager.default.copyItem(at: BarwiseProcess.fixtures.appendingPathComponent("run/sma_cross-GOOG"), to: dir)
    let out = try BarwiseProcess.run(["report", dir.path])
    #expect(out.status == 0, "\(out.stderr)")
    for name in ["index.html", "metrics.csv", "monthly_returns.csv"] {
        #expect(out.stdout.contains("wrote \(dir.appendingPathComponent(name).path)"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
    }
    let json = try BarwiseProcess.run(["report", dir.path, "--json"])
    #expect(json.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let metrics = object?["metrics"] as? [String: Any]
    #expect((metrics?["sharpe"] as? Double).map { abs($0 - 0.8268005582135952) < 1e-12 } == true)
}

@Test func reportCommandMissingFolderExitsTwoWithOneLine() throws {
    let out = try BarwiseProcess.run(["report", "no/such/run"])
    #expect(out.status == 2)
    #expect(out.stderr.hasPrefix("barwise: error: no/such/run: no such run folder"))
    #expect(out.stderr.split(separator: "\n").count == 1)
}

@Test func reportCommandMalformedCsvNamesFileLineAndField() throws {
    let dir = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
    try FileManager.default.copyItem(at: BarwiseProcess.fixtures.appendingPathComponent("run/sma_cross-GOOG"), to: dir)
    let trades = dir.appendingPathComponent("trades.csv")
    var lines = try String(contentsOf: trades, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[3] = lines[3].replacingOccurrences(of: ",182,", with: ",1 82,")
    try (lines.joined(separator: "\n") + "\n").write(to: trades, atomically: true, encoding: .utf8)
    let out = try BarwiseProcess.run(["report", dir.path])
    #expect(out.status == 2)
    #expect(out.stderr == "barwise: error: \(dir.path)/trades.csv:4: field 'entry_price' is '1 82', not a number\n")
}

@Test func reportCommandMissingSummaryIsNamed() throws {
    let dir = try BarwiseProcess.scratchDirectory().appendingPathComponent("run")
    try FileManager.default.copyItem(at: BarwiseProcess.fixtures.appendingPathComponent("run/sma_cross-GOOG"), to: dir)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("summary.json"))
    let out = try BarwiseProcess.run(["report", dir.path])
    #expect(out.status == 2)
    #expect(out.stderr.contains("summary.json: missing"))
}

@Test func reportHelpHasExamples() throws {
    let out = try BarwiseProcess.run(["report", "--help"])
    #expect(out.status == 0)
    #expect(out.stdout.contains("Examples:"))
    #expect(out.stdout.contains("barwise report reports/sma_cross-"))
}
