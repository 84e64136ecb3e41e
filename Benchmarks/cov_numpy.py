"""Times numpy's np.cov on the returns matrix RiskBenchmark wrote (same data, same machine) and
checks Barwise's covariance against it.

Usage: python3 cov_numpy.py [T] [N] [repetitions] [dir]   (defaults: 2520 500 20 /tmp/barwise-riskbench)
Run `.build/release/RiskBenchmark` first. numpy: `pip install numpy` if missing.
"""
import sys
import time

import numpy as np

T = int(sys.argv[1]) if len(sys.argv) > 1 else 2520
N = int(sys.argv[2]) if len(sys.argv) > 2 else 500
REPS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
DIR = sys.argv[4] if len(sys.argv) > 4 else "/tmp/barwise-riskbench"

X = np.fromfile(f"{DIR}/returns_{T}x{N}_colmajor_f64.bin", dtype="<f8").reshape((N, T)).T  # column-major
X = np.ascontiguousarray(X)
samples = []
for _ in range(REPS):
    t0 = time.perf_counter()
    C = np.cov(X, rowvar=False, ddof=1)
    samples.append(time.perf_counter() - t0)
samples.sort()
ours = np.fromfile(f"{DIR}/cov_barwise_f64.bin", dtype="<f8").reshape((N, N))
rel = np.max(np.abs(ours - C) / np.abs(C))
print(f"numpy {np.__version__} np.cov {T}x{N}: median {samples[len(samples) // 2] * 1e3:.3f} ms, "
      f"best {samples[0] * 1e3:.3f} ms; max relative difference vs Barwise {rel:.2e}")
try:
    cfg = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    print(f"numpy BLAS: {cfg.get('name')} {cfg.get('version')}")
except Exception:
    pass
