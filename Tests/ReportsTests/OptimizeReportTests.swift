import Foundation
import Testing
@testable import Reports

func sampleOptimizeResult(symbols: [String] = ["AAPL", "MSFT", "GOOG"]) -> OptimizeResult {
    let n = symbols.count
    let weights = symbols.enumerated().map { OptimizeResult.Weight(symbol: $1, weight: [0.5, 0.3, 0.2, -0.1][$0 % 4]) }
    let frontier = (0..<20).map { i in OptimizeResult.RiskReturn(volatility: 0.12 + 0.01 * Double(i), expectedReturn: 0.05 + 0.1 * (Double(i) / 19).squareRoot()) }
    let assets = symbols.enumerated().map { OptimizeResult.RiskReturn(label: $1, volatility: 0.2 + 0.05 * Double($0), expectedReturn: 0.08 + 0.02 * Double($0)) }
    let corr = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : (i + j) % 2 == 0 ? 0.4 : -0.2 } }
    return OptimizeResult(objective: "max-sharpe", weights: weights, expectedReturn: 0.12, volatility: 0.18, sharpe: 0.667,
                          frontier: frontier, assets: assets, correlationSymbols: symbols, correlation: corr)
}

@Test func optimizeReportHasEveryChartAndFigure() throws {
    let html = try OptimizeReport.html(sampleOptimizeResult())
    for id in ["weights-chart", "frontier-chart", "correlation-heatmap", "weights", "optimize-metrics"] {
        #expect(html.contains("id=\"\(id)\""), "missing \(id)")
    }
    #expect(html.contains("<td>Expected return (annualized)</td><td class=\"num\">12.00%</td>"))
    #expect(html.components(separatedBy: "class=\"weight ").count - 1 == 3)
    #expect(html.components(separatedBy: "class=\"asset\"").count - 1 == 3)
    #expect(!html.contains("<script"))
    #expect(!html.contains("https:"))
}

@Test func weightsChartOrdersByMagnitudeAndColorsShorts() {
    let svg = WeightsChart(weights: [.init(symbol: "A", weight: 0.1), .init(symbol: "B", weight: -0.6), .init(symbol: "C", weight: 0.3)]).svg()
    let a = svg.range(of: ">A<")!.lowerBound, b = svg.range(of: ">B<")!.lowerBound, c = svg.range(of: ">C<")!.lowerBound
    #expect(b < c && c < a)
    #expect(svg.contains("class=\"weight loss\""))
}

@Test func correlationHeatmapHasOneCellPerPair() {
    let r = sampleOptimizeResult(symbols: ["A", "B", "C", "D"])
    let svg = CorrelationHeatmap(symbols: r.correlationSymbols, matrix: r.correlation).svg()
    #expect(svg.components(separatedBy: "<rect ").count - 1 == 16)
    #expect(svg.contains("<title>A / A: 1.000</title>"))
    #expect(CorrelationHeatmap.color(1) == "rgb(33,102,172)" && CorrelationHeatmap.color(0) == "rgb(255,255,255)")
}

@Test func optimizeReportEscapesSymbolsAndObjective() throws {
    var r = sampleOptimizeResult(symbols: ["<b>X</b>", "Y&Z"])
    r.objective = "<script>alert(1)</script>"
    let html = try OptimizeReport.html(r)
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<b>X"))
    #expect(html.contains("&lt;b&gt;X&lt;/b&gt;"))
    #expect(html.contains("Y&amp;Z"))
}

@Test func optimizeReportRejectsANonSquareCorrelationMatrix() {
    var r = sampleOptimizeResult()
    r.correlation = [[1, 0], [0, 1]]
    #expect(throws: ReportError.self) { try OptimizeReport.html(r) }
}

@Test func optimizeReportWritesIndexIntoANewFolder() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barwise-optimize-\(UUID().uuidString)/out").path
    let path = try OptimizeReport.write(sampleOptimizeResult(), folder: dir)
    #expect(FileManager.default.fileExists(atPath: path))
}
