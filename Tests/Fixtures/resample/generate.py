"""Reference bars for `barwise data resample`, computed by pandas.

Reads the shared 5-minute file (Tests/Fixtures/data/INDEX_5min_2006-01.csv, separate Date and
Time columns; its stamps are taken as they are, in UTC, as `barwise ingest` stores them; the
index is kept time-zone naive, since pandas 3 ignores `origin` and `offset` for "1D" on an aware
index), and a
gappy copy derived from it (every 7th bar and the whole of 2006-01-10 removed, so that some bins
have no bars, and volumes made up, since the original's are all 0: (37 × row) mod 1000 + 0.25,
quarters so that sums are exact in any order), and writes for each case `<case>.csv` in the columns `barwise data export` writes:

    timestamp,open,high,low,close,volume,adj_close

Bins: pandas `resample(rule, label="left", closed="left", origin="epoch", offset=anchor)`, each
bin's bar stamped at its start; open first, high max, low min, close last, volume sum,
adj_close = the last close (the file has no adjusted close, so ingest stores close there). Bins
without bars are dropped. Weeks: "W-MON" with label and closed "left" gives bins from Monday 00:00
to the next Monday (checked below); months: "MS".

Run from the package root:  python3 Tests/Fixtures/resample/generate.py
"""

import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "data", "INDEX_5min_2006-01.csv")

# case name -> (input, pandas rule, anchor as an offset from midnight or None)
CASES = {
    "15m": ("full", "15min", None),
    "1h": ("full", "1h", None),
    # The file's first bar of each day is stamped 09:05: hourly bins 09:05-10:05, ...
    "1h_anchor_0905": ("full", "1h", "9h5min"),
    "1d": ("full", "1D", None),
    "1d_anchor_0905": ("full", "1D", "9h5min"),
    "1wk": ("full", "W-MON", None),
    "1mo": ("full", "MS", None),
    "gappy_1h": ("gappy", "1h", None),
    "gappy_1d": ("gappy", "1D", None),
}


def load():
    raw = pd.read_csv(SOURCE, dtype={"Date": str, "Time": str})
    index = pd.to_datetime(raw["Date"] + "T" + raw["Time"], format="%Y-%m-%dT%H:%M:%S")
    frame = raw[["Open", "High", "Low", "Close", "Volume"]].astype(float)
    frame.index = index
    return raw, frame


def gappy(raw):
    """Every 7th bar and all of 2006-01-10 removed, in the source file's own layout."""
    keep = (raw.index % 7 != 6) & (raw["Date"] != "2006-01-10")
    out = raw.copy()
    out["Volume"] = (raw.index * 37) % 1000 + 0.25
    return out[keep]


def holes_frame(holes):
    frame = holes[["Open", "High", "Low", "Close", "Volume"]].astype(float)
    frame.index = pd.to_datetime(holes["Date"] + "T" + holes["Time"], format="%Y-%m-%dT%H:%M:%S")
    return frame


def resample(frame, rule, anchor):
    kwargs = {"label": "left", "closed": "left"}
    if not rule.startswith("W-") and rule != "MS":
        kwargs["origin"] = "epoch"
        if anchor:
            kwargs["offset"] = anchor
    bins = frame.resample(rule, **kwargs).agg(
        {"Open": "first", "High": "max", "Low": "min", "Close": "last", "Volume": "sum"})
    bins = bins[frame.resample(rule, **kwargs)["Open"].count() > 0]
    bins["AdjClose"] = bins["Close"]
    if rule.startswith("W-"):
        assert all(t.day_name() == "Monday" and t.hour == 0 for t in bins.index), "W-MON bins must start on Monday"
    return bins


def write(bins, path):
    with open(path, "w") as out:
        out.write("timestamp,open,high,low,close,volume,adj_close\n")
        for t, row in bins.iterrows():
            values = [repr(float(row[c])) for c in ["Open", "High", "Low", "Close", "Volume", "AdjClose"]]
            out.write(t.strftime("%Y-%m-%dT%H:%M:%SZ") + "," + ",".join(values) + "\n")


def main():
    raw, full = load()
    holes = gappy(raw)
    holes.to_csv(os.path.join(HERE, "INDEX_5min_gappy.csv"), index=False)
    frames = {"full": full, "gappy": holes_frame(holes)}
    for name, (which, rule, anchor) in CASES.items():
        bins = resample(frames[which], rule, anchor)
        write(bins, os.path.join(HERE, name + ".csv"))
        print(f"{name}: {len(frames[which])} bars -> {len(bins)}")
    print("pandas", pd.__version__)


if __name__ == "__main__":
    main()
