#!/usr/bin/env python3
"""Builds Tests/Fixtures/run/sma_cross-GOOG/ (a Barwise run folder) from the backtesting.py
reference run of its README SmaCross example on GOOG. Standard library only; rerun with
    python3 Tests/Fixtures/run/make_sma_cross_goog.py /work/shared/reference/backtesting_py
See sma_cross-GOOG/PROVENANCE.md for what comes from where."""
import csv, json, os, sys

ref = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/backtesting_py"
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
out = os.path.join(here, "sma_cross-GOOG")
os.makedirs(out, exist_ok=True)

def iso(day):  # 2004-08-19 -> 2004-08-19T00:00:00Z
    return day[:10] + "T00:00:00Z"

def num(x):
    return repr(float(x)) if x not in ("", None) else ""

prices = list(csv.DictReader(open(os.path.join(root, "Tests/Fixtures/data/GOOG_daily_2004-2013.csv"))))
dates = [r[""] for r in prices]
closes = [float(r["Close"]) for r in prices]
equity = list(csv.DictReader(open(os.path.join(ref, "smacross_readme_equity.csv"))))
assert [r["Date"] for r in equity] == dates
closed = list(csv.DictReader(open(os.path.join(ref, "smacross_readme_trades.csv"))))
# The finalized run closes the last trade at the last close; its entry is the open trade's entry.
finalized = list(csv.DictReader(open(os.path.join(ref, "smacross_readme_finalized_trades.csv"))))
open_trade = finalized[-1]
assert len(finalized) == len(closed) + 1
stats = json.load(open(os.path.join(ref, "smacross_readme.json")))
s = stats["stats"]

# Position per bar: a trade holds `size` units from entry_bar (filled at that bar's open) until
# exit_bar (filled at that bar's open), so at the close of bar i it is held when entry<=i<exit.
position = [0] * len(dates)
for t in closed:
    for i in range(int(t["EntryBar"]), int(t["ExitBar"])):
        position[i] = int(t["Size"])
for i in range(int(open_trade["EntryBar"]), len(dates)):
    position[i] = int(open_trade["Size"])

with open(os.path.join(out, "equity.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["timestamp", "equity", "cash", "exposure", "drawdown"])
    for i, r in enumerate(equity):
        eq = float(r["Equity"])
        held = position[i] * closes[i]
        w.writerow([iso(r["Date"]), num(eq), num(eq - held), num(abs(held) / eq), num(-float(r["DrawdownPct"]) + 0.0)])

with open(os.path.join(out, "trades.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["symbol", "side", "size", "entry_time", "entry_bar", "entry_price", "exit_time", "exit_bar",
                "exit_price", "commission", "pnl", "return"])
    for t in closed:
        size = int(t["Size"])
        w.writerow(["GOOG", "long" if size > 0 else "short", abs(size), iso(t["EntryTime"]), t["EntryBar"],
                    num(t["EntryPrice"]), iso(t["ExitTime"]), t["ExitBar"], num(t["ExitPrice"]),
                    num(t["Commission"]), num(t["PnL"]), num(t["ReturnPct"])])
    size = int(open_trade["Size"])  # still open: exit fields, pnl and return empty
    w.writerow(["GOOG", "long" if size > 0 else "short", abs(size), iso(open_trade["EntryTime"]),
                open_trade["EntryBar"], num(open_trade["EntryPrice"]), "", "", "",
                num(abs(size) * float(open_trade["EntryPrice"]) * 0.002), "", ""])

with open(os.path.join(out, "orders.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["timestamp", "bar", "symbol", "side", "size", "price", "commission"])
    events = []
    for t in closed + [open_trade]:
        size = int(t["Size"])
        events.append((int(t["EntryBar"]), iso(t["EntryTime"]), "buy" if size > 0 else "sell", abs(size), t["EntryPrice"]))
        if t is not open_trade:
            events.append((int(t["ExitBar"]), iso(t["ExitTime"]), "sell" if size > 0 else "buy", abs(size), t["ExitPrice"]))
    for bar, ts, side, size, price in sorted(events, key=lambda e: e[0]):
        w.writerow([ts, bar, "GOOG", side, size, num(price), num(size * float(price) * 0.002)])

with open(os.path.join(out, "prices.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["timestamp", "symbol", "close"])
    for d, c in zip(dates, closes):
        w.writerow([iso(d), "GOOG", num(c)])

pct = lambda k: s[k] / 100.0
summary = {
    "strategy": "sma_cross", "params": {"fast": 10, "slow": 20}, "symbols": ["GOOG"],
    "start": iso(s["Start"]), "end": iso(s["End"]), "bars": stats["bars"],
    "initial_cash": 10000.0, "final_equity": s["Equity Final [$]"], "equity_peak": s["Equity Peak [$]"],
    "total_return": pct("Return [%]"), "buy_and_hold_return": pct("Buy & Hold Return [%]"),
    "cagr": pct("CAGR [%]"), "annual_return": pct("Return (Ann.) [%]"),
    "annual_volatility": pct("Volatility (Ann.) [%]"), "sharpe": s["Sharpe Ratio"],
    "sortino": s["Sortino Ratio"], "calmar": s["Calmar Ratio"], "alpha": pct("Alpha [%]"), "beta": s["Beta"],
    "max_drawdown": pct("Max. Drawdown [%]"), "avg_drawdown": pct("Avg. Drawdown [%]"),
    "max_drawdown_duration_days": s["Max. Drawdown Duration"]["days"],
    "avg_drawdown_duration_days": s["Avg. Drawdown Duration"]["days"],
    "trades": s["# Trades"], "open_trades": 1, "win_rate": pct("Win Rate [%]"),
    "best_trade": pct("Best Trade [%]"), "worst_trade": pct("Worst Trade [%]"), "avg_trade": pct("Avg. Trade [%]"),
    "profit_factor": s["Profit Factor"], "expectancy": pct("Expectancy [%]"), "sqn": s["SQN"],
    "kelly": s["Kelly Criterion"], "exposure": pct("Exposure Time [%]"), "commissions": s["Commissions [$]"],
}
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2, sort_keys=True)

manifest = {
    "command": "barwise run strategies/sma_cross.toml --symbols GOOG",
    "strategy": "sma_cross", "strategy_file": "strategies/sma_cross.toml",
    "params": {"fast": 10, "slow": 20}, "symbols": ["GOOG"], "interval": "1d",
    "start": iso(s["Start"]), "end": iso(s["End"]),
    "data": [{"symbol": "GOOG", "interval": "1d", "bars": stats["bars"], "first": iso(dates[0]), "last": iso(dates[-1]),
              "source": "Tests/Fixtures/data/GOOG_daily_2004-2013.csv (backtesting.test.GOOG)"}],
    "barwise_version": "fixture (converted from backtesting.py " + stats["versions"].get("backtesting", "?") + ")",
}
json.dump(manifest, open(os.path.join(out, "manifest.json"), "w"), indent=2, sort_keys=True)
print("wrote", out)
