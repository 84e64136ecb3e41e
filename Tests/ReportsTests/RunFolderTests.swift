import Foundation
import MarketData
import Testing
@testable import Reports

@Test func fixtureFolderReadsEveryFile() throws {
    let run = try RunFolder.read(Fixture.smaCross)
    #expect(run.summary.strategy == "sma_cross")
    #expect(run.summary.params.map(\.name) == ["fast", "slow"])
    #expect(run.summary.symbols == ["GOOG"])
    #expect(run.equity.count == 2148)
    // trades.csv's 93 closed trades, then summary.json's open position.
    #expect(run.trades.count == 94)
    let open = try #require(run.trades.last)
    #expect(run.trades.filter(\.isOpen).count == 1 && open.isOpen && run.summary.metrics["open_trades"] == 1)
    #expect(open.entryBar == 2087 && open.entryPrice == 702.24 && open.size == 69 && open.isLong)
    #expect(run.prices?.series.map(\.symbol) == ["GOOG"])
    #expect(run.manifest?.entries.first?.key == "command")
}

@Test func missingFolderIsNamed() {
    #expect(throws: ReportError.missingFolder("/nonexistent/run")) { try RunFolder.read("/nonexistent/run") }
}

@Test func missingEquityFileIsNamed() throws {
    let dir = try Fixture.copy()
    try FileManager.default.removeItem(atPath: dir + "/equity.csv")
    #expect(throws: ReportError.missingFile(dir + "/equity.csv")) { try RunFolder.read(dir) }
}

@Test func malformedNumberNamesFileLineAndField() throws {
    let dir = try Fixture.copy()
    var lines = try Fixture.read(dir, "equity.csv").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[4] = "2004-08-25T00:00:00Z,ten thousand,10000.0,0.0,0.0"
    try Fixture.replace(dir, "equity.csv", with: lines.joined(separator: "\n"))
    do {
        _ = try RunFolder.read(dir)
        Issue.record("expected an error")
    } catch {
        #expect(error.description == "\(dir)/equity.csv:5: field 'equity' is 'ten thousand', not a number")
    }
}

@Test func malformedTradeSideAndTimestampAreNamed() throws {
    let dir = try Fixture.copy()
    try Fixture.replace(dir, "trades.csv", with: "symbol,side,size,entry_time,entry_bar,entry_price,exit_time,exit_bar,exit_price,commission,pnl,return\nGOOG,up,1,2004-11-17,63,169.02,2004-12-06,75,179.13,0.1,1,0.01\n")
    #expect(throws: ReportError.malformedCSV(file: dir + "/trades.csv", line: 2, field: "side", detail: "is 'up'; expected long or short")) { try RunFolder.read(dir) }
    try Fixture.replace(dir, "trades.csv", with: "symbol,side,size,entry_time,entry_bar,entry_price,exit_time,exit_bar,exit_price,commission,pnl,return\nGOOG,long,1,17/13/2004x,63,169.02,2004-12-06,75,179.13,0.1,1,0.01\n")
    do {
        _ = try RunFolder.read(dir)
        Issue.record("expected an error")
    } catch {
        #expect(error.description.hasPrefix("\(dir)/trades.csv:2: field 'entry_time' is '17/13/2004x', not a timestamp"))
    }
}

@Test func missingColumnAndBadJsonAreNamed() throws {
    let dir = try Fixture.copy()
    try Fixture.replace(dir, "equity.csv", with: "time,equity\n2004-08-19,1\n")
    #expect(throws: ReportError.missingColumn(file: dir + "/equity.csv", column: "timestamp")) { try RunFolder.read(dir) }
    try Fixture.replace(dir, "summary.json", with: "{\"strategy\": ")
    do {
        _ = try RunFolder.read(dir)
        Issue.record("expected an error")
    } catch {
        #expect(error.description.hasPrefix("\(dir)/summary.json: is not valid JSON"))
    }
}

@Test func timestampsOutOfOrderAreRejected() throws {
    let dir = try Fixture.copy()
    try Fixture.replace(dir, "equity.csv", with: "timestamp,equity\n2004-08-20,1\n2004-08-19,2\n")
    #expect(throws: ReportError.malformedCSV(file: dir + "/equity.csv", line: 3, field: "timestamp", detail: "does not increase (rows must be in time order, one per bar)")) { try RunFolder.read(dir) }
}

@Test func quotedCsvFieldsKeepTheirCommas() throws {
    let dir = try Fixture.copy()
    try Fixture.replace(dir, "trades.csv", with: "symbol,side,size,entry_time,entry_bar,entry_price,exit_time,exit_bar,exit_price,commission,pnl,return\r\n\"BRK,B\",long,1,2004-11-17,63,169.02,2004-12-06,75,179.13,0.1,10.11,0.0598\r\n\r\n")
    let run = try RunFolder.read(dir)
    #expect(run.trades.count == 2)  // and summary.json's open position
    #expect(run.trades[0].symbol == "BRK,B")
    #expect(run.trades[0].exitPrice == 179.13)
    #expect(run.trades[0].returnFraction == 0.0598)
}

@Test func shortRowNamesTheMissingField() throws {
    let dir = try Fixture.copy()
    try Fixture.replace(dir, "equity.csv", with: "timestamp,equity\n2004-08-19,10000\n2004-08-20\n")
    #expect(throws: ReportError.malformedCSV(file: dir + "/equity.csv", line: 3, field: "equity", detail: "is missing (the row has 1 fields, the header 2)")) { try RunFolder.read(dir) }
}

@Test func intradayTimestampsAcrossMidnightParseExactly() throws {
    let dir = try Fixture.copy()
    try Fixture.replace(dir, "equity.csv", with: "timestamp,equity\n2021-01-04T23:59:00Z,1\n2021-01-05T00:00:00Z,2\n2021-01-05T00:01:30Z,3e0\n2021-01-06,\"5\"\n")
    let curve = try RunFolder.read(dir).equity
    let d = CivilTime.epochSeconds(year: 2021, month: 1, day: 5)
    #expect(curve.timestamps == [d - 60, d, d + 90, d + 86_400])
    // Dates repeat across rows (parsed once), then a date-only row and a quoted number.
    #expect(curve.equity == [1, 2, 3, 5])
}

@Test func badTimeOfDayOnACachedDateNamesTheLine() throws {
    let dir = try Fixture.copy()
    try Fixture.replace(dir, "equity.csv", with: "timestamp,equity\n2021-01-05T00:00:00Z,1\n2021-01-05T25:00:00Z,2\n")
    do {
        _ = try RunFolder.read(dir)
        Issue.record("expected an error")
    } catch {
        #expect(error.description.hasPrefix("\(dir)/equity.csv:3: field 'timestamp' is '2021-01-05T25:00:00Z', not a timestamp"))
    }
}

@Test func provenanceShowsOneLinePerDataRecordAndNoEmptyLines() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString).json").path
    let json = """
    {"command": ["barwise", "run", "x.toml"], "from": null, "overrides": [],
     "data_range": [{"symbol": "A", "bars": 2}, {"symbol": "B", "bars": 3}], "store": "s.sqlite"}
    """
    try json.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let entries = try RunManifest.read(path: path, name: "manifest.json").entries
    #expect(entries.map(\.key) == ["command", "data_range", "data_range", "store"])
    #expect(entries[1].value == "bars=2, symbol=A" && entries[2].value == "bars=3, symbol=B")
}
