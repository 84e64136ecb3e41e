/// The report's stylesheet, inlined into index.html (no external fonts or files): system font
/// stack, chart colors, sortable table, and print rules (no toggles, charts kept whole).
enum ReportStyle {
    static let css = """
    :root { --fg: #1d2330; --muted: #5f6b7a; --line: #d9dee5; --equity: #1f5fbf; --bench: #8a8f98; --gain: #1a9641; --loss: #d73027; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); margin: 0; background: #fff; }
    main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 60px; }
    h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 14px; margin: 0 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
    .sub { color: var(--muted); margin: 0 0 14px; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
    dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    .metrics { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    td, th { padding: 3px 6px; border-bottom: 1px solid #eef0f3; text-align: left; }
    td.num, th.num { text-align: right; } .metrics td:last-child { text-align: right; font-weight: 600; }
    th { font-weight: 600; color: var(--muted); }
    #trades th { cursor: pointer; user-select: none; white-space: nowrap; } #trades th:after { content: " \\2195"; color: #c0c6cf; }
    #trades td { white-space: nowrap; } .gain { color: var(--gain); } .loss { color: var(--loss); }
    tr.omitted td { text-align: center; color: var(--muted); font-style: italic; }
    figure { margin: 0 0 10px; } figcaption { color: var(--muted); font-size: 12px; }
    svg.chart { max-width: 100%; height: auto; display: block; font-size: 11px; }
    svg .axis line { stroke: #e6e9ee; } svg .axis text, svg .head, svg .axis-label { fill: var(--muted); }
    svg .line { fill: none; stroke-width: 1.4; stroke-linejoin: round; }
    svg .equity { stroke: var(--equity); } svg .benchmark { stroke: var(--bench); } svg .price { stroke: #37474f; stroke-width: 1; }
    svg .sharpe { stroke: #6a3d9a; } svg .volatility { stroke: #e08214; } svg .normal { stroke: #222; stroke-dasharray: 4 3; }
    svg .area.drawdown { fill: rgba(215, 48, 39, .35); stroke: var(--loss); stroke-width: .8; }
    svg .zero { stroke: #9aa3ad; } svg .var { stroke: var(--loss); stroke-width: 1.5; } svg .var-label { fill: var(--loss); }
    svg rect.bin { fill: #7ea6d8; } svg rect.gain, svg circle.gain { fill: var(--gain); } svg rect.loss, svg circle.loss { fill: var(--loss); }
    svg .entry.long { fill: var(--gain); } svg .entry.short { fill: var(--loss); } svg circle.exit { stroke: #fff; stroke-width: .8; }
    svg .mark { fill: var(--loss); } svg .hover rect { fill: transparent; } svg .hover rect:hover { fill: rgba(0, 0, 0, .05); }
    svg .heatmap text { font-size: 11px; } svg .value { font-size: 10px; fill: var(--muted); }
    .scale-log { display: none; } figure.log .scale-log { display: inline; } figure.log .scale-linear { display: none; }
    label.toggle { float: right; font-size: 12px; color: var(--muted); }
    .note { color: var(--muted); font-size: 12px; }
    @media (max-width: 800px) { .metrics { grid-template-columns: repeat(2, 1fr); } }
    @media print {
      main { max-width: none; padding: 0; } label.toggle, .hover { display: none; }
      figure, .metrics > div, tr { break-inside: avoid; } h2 { break-after: avoid; }
      #trades th:after { content: ""; }
    }
    """
}
