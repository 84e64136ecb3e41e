import Foundation
import Testing
@testable import Reports

/// Renders the fixture report in headless Chromium (when installed: `.ci/run` installs it) and
/// checks what a reader sees: a non-blank screenshot and a DOM with every chart and metric.
enum Chromium {
    static var binary: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs chromium headless with `args` plus the page URL; stdout as text.
    static func run(_ binary: String, _ args: [String], page: String, fragment: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("barwise-chromium-\(UUID().uuidString)").path
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--window-size=1280,4000"] + args + [URL(fileURLWithPath: page).absoluteString + fragment]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: timer)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return String(decoding: data, as: UTF8.self)
    }

    /// Width and height from a PNG's IHDR chunk (nil when the bytes are not a PNG).
    static func pngSize(_ d: Data) -> (width: Int, height: Int)? {
        let b = [UInt8](d.prefix(24))
        guard b.count == 24, b[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], b[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        func u32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (u32(16), u32(20))
    }
}

@Test(.enabled(if: Chromium.binary != nil, "chromium is not installed (.ci/run installs it)"))
func fixtureReportRendersInHeadlessChromium() throws {
    let chromium = try #require(Chromium.binary)
    let dir = try Fixture.copy()
    let index = try RunReport.write(folder: dir).index

    // The DOM after scripts ran: every chart by id, the metrics table with its values.
    let dom = try Chromium.run(chromium, ["--dump-dom"], page: index)
    for id in chartIDs { #expect(dom.contains("id=\"\(id)\""), "DOM lacks #\(id)") }
    #expect(dom.contains("<td>Total return</td><td>462.64%</td>"))
    // Barwise's empyrical Sharpe of the regenerated run folder (backtesting.py reports 0.601).
    #expect(dom.contains("<td>Sharpe ratio</td><td>0.827</td>"))
    #expect(dom.contains("<td>Max drawdown</td><td>-33.93%</td>"))
    #expect(dom.contains("<td>Win rate</td><td>52.69%</td>"))
    #expect(dom.contains("<figure id=\"equity-figure\">"))

    // The inline script ran: `#log` switches the equity chart to its log-scale drawing.
    let logDom = try Chromium.run(chromium, ["--dump-dom"], page: index, fragment: "#log")
    #expect(logDom.contains("<figure id=\"equity-figure\" class=\"log\">"))

    // The screenshot is the requested size and far from blank: a blank page of the same size
    // compresses to a few kilobytes, the report to hundreds.
    let shot = dir + "/screenshot.png"
    _ = try Chromium.run(chromium, ["--screenshot=\(shot)"], page: index)
    let png = try Data(contentsOf: URL(fileURLWithPath: shot))
    let size = try #require(Chromium.pngSize(png))
    #expect(size.width == 1280 && size.height == 4000)
    let blankPage = dir + "/blank.html"
    try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: URL(fileURLWithPath: blankPage))
    let blankShot = dir + "/blank.png"
    _ = try Chromium.run(chromium, ["--screenshot=\(blankShot)"], page: blankPage)
    let blank = try Data(contentsOf: URL(fileURLWithPath: blankShot))
    #expect(png.count > 20 * blank.count, "screenshot \(png.count) bytes vs blank \(blank.count)")

    if let keep = ProcessInfo.processInfo.environment["BARWISE_REPORT_SCREENSHOT"] {
        try? FileManager.default.removeItem(atPath: keep)
        try FileManager.default.copyItem(atPath: shot, toPath: keep)
    }
}
