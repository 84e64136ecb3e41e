"""Reference runs of backtesting.py 0.6.6 on synthetic bars, for Barwise's engine tests.

Usage (any Python with backtesting==0.6.6, pandas and numpy):
    python generate.py            # writes the files below next to this script

Data: deterministic synthetic daily bars (numpy PCG64 with fixed seeds), not market data and
not taken from anywhere else. Each bar: open = previous close · exp(gap), close = open ·
exp(move), high/low beyond both by a random margin, prices rounded to 4 decimals.

Runs (commission 0.2 %, cash 10,000, default size = all available):
- cancel_replace: while flat and SMA(5) > SMA(20), cancel any pending order and place a buy
  limit at 99 % of the close, every bar; while long, close at the next open when
  SMA(5) < SMA(20). Barwise: `long_entry = "fast > slow"`, `entry_limit = "close * 0.99"`,
  `good_for = 1`, `long_exit = "fast < slow"`.
- ruin: while flat, sell (short) at the next open; the series climbs until the short's loss
  reaches the equity, where backtesting.py closes everything at that close and stops.
"""
import json
import os

import numpy as np
import pandas as pd
from backtesting import Backtest, Strategy

HERE = os.path.dirname(os.path.abspath(__file__))


def walk(seed, count, drift, volatility, start="2015-01-02"):
    rng = np.random.Generator(np.random.PCG64(seed))
    close = 100.0
    rows = []
    for _ in range(count):
        open_ = close * np.exp(rng.normal(0, volatility / 4))
        close = open_ * np.exp(drift + rng.normal(0, volatility))
        high = max(open_, close) * np.exp(abs(rng.normal(0, volatility / 2)))
        low = min(open_, close) * np.exp(-abs(rng.normal(0, volatility / 2)))
        volume = float(rng.integers(1_000, 100_000))
        rows.append([round(open_, 4), round(high, 4), round(low, 4), round(close, 4), volume])
    index = pd.bdate_range(start, periods=count)
    return pd.DataFrame(rows, index=index, columns=["Open", "High", "Low", "Close", "Volume"])


def sma(values, n):
    return pd.Series(values).rolling(n).mean()


class CancelReplace(Strategy):
    fast = 5
    slow = 20

    def init(self):
        self.f = self.I(sma, self.data.Close, self.fast)
        self.s = self.I(sma, self.data.Close, self.slow)
        self.placed = []

    def next(self):
        if self.position:
            if self.f[-1] < self.s[-1]:
                self.position.close()
            return
        for order in list(self.orders):
            order.cancel()
        if self.f[-1] > self.s[-1]:
            self.buy(limit=self.data.Close[-1] * 0.99)
            self.placed.append(len(self.data) - 1)


class Ruin(Strategy):
    def init(self):
        self.placed = []

    def next(self):
        if not self.position:
            self.sell()
            self.placed.append(len(self.data) - 1)


def run(name, data, strategy):
    data.to_csv(os.path.join(HERE, f"{name}_bars.csv"), index_label="", float_format="%.4f")
    bt = Backtest(data, strategy, cash=10_000, commission=0.002)
    stats = bt.run()
    trades = stats["_trades"][["Size", "EntryBar", "ExitBar", "EntryPrice", "ExitPrice", "PnL", "Commission"]]
    trades.to_csv(os.path.join(HERE, f"{name}_trades.csv"), index=False, float_format="%.17g")
    stats["_equity_curve"][["Equity"]].to_csv(os.path.join(HERE, f"{name}_equity.csv"), index=False, float_format="%.17g")
    summary = {
        "backtesting": "0.6.6",
        "trades": int(stats["# Trades"]),
        "final_equity": float(stats["Equity Final [$]"]),
        "orders_placed_on_bars": [int(b) for b in stats["_strategy"].placed],
        "first_zero_equity_bar": next((i for i, e in enumerate(stats["_equity_curve"]["Equity"]) if e <= 0), None),
    }
    with open(os.path.join(HERE, f"{name}.json"), "w") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")
    print(name, summary["trades"], "trades, final equity", summary["final_equity"],
          len(summary["orders_placed_on_bars"]), "orders")


if __name__ == "__main__":
    run("cancel_replace", walk(seed=20240620, count=600, drift=0.0, volatility=0.012), CancelReplace)
    run("ruin", walk(seed=7, count=120, drift=0.012, volatility=0.01), Ruin)
