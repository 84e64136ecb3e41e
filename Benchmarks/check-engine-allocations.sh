#!/bin/sh
# Proves that the simulation loop allocates nothing per bar: runs EngineBenchmark (sma_cross over a
# random walk, one repetition) under valgrind for two bar counts and compares the heap allocation
# counts. The only growth allowed is the amortised doubling of the trade and order lists (one
# allocation each time they double, i.e. per trade, logarithmically), never one per bar.
# Needs valgrind and a release build; the binary is stripped first because valgrind 3.19 cannot read
# Swift 6's DWARF 5 debug info.
set -eu
cd "$(dirname "$0")"
strip -o /tmp/EngineBenchmark.stripped .build/release/EngineBenchmark
strategy="$(pwd)/../strategies/sma_cross.toml"
count() { valgrind --tool=memcheck /tmp/EngineBenchmark.stripped "$1" 1 "$strategy" 2>&1 | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,; }
a=$(count 100000)
b=$(count 200000)
echo "heap allocations: $a for 100000 bars, $b for 200000 bars (difference $((b - a)))"
[ $((b - a)) -le 8 ] && echo "OK: no allocation per bar (the difference is list doublings)" || { echo "FAIL: allocations grow with the bar count"; exit 1; }
