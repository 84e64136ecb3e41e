#!/bin/sh
# Proves that the streaming indicators allocate nothing per bar: runs IndicatorBenchmark (all
# indicators, one repetition) under valgrind for two bar counts and compares the heap allocation counts.
# Needs valgrind and a release build (swift build -c release).
set -eu
cd "$(dirname "$0")"
bin=.build/release/IndicatorBenchmark
count() { valgrind --tool=memcheck "$bin" "$1" 1 2>&1 | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p'; }
a=$(count 100000)
b=$(count 200000)
echo "heap allocations: $a for 100000 bars, $b for 200000 bars"
[ "$a" = "$b" ] && echo "OK: no allocation per bar" || { echo "FAIL: allocations grow with the bar count"; exit 1; }
