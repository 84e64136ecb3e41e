#!/bin/sh
# Proves that stepping a compiled SignalProgram allocates nothing per bar: runs ProgramBenchmark (all
# shipped strategies, one repetition) under valgrind for two bar counts and compares the heap
# allocation counts. The binary is stripped first: valgrind 3.19 cannot read Swift 6.3's DWARF.
# Needs valgrind and a release build (swift build -c release --product ProgramBenchmark).
set -eu
cd "$(dirname "$0")"
stripped=$(mktemp)
trap 'rm -f "$stripped"' EXIT
strip -o "$stripped" .build/release/ProgramBenchmark
count() { valgrind --tool=memcheck "$stripped" "$1" 1 "$PWD/../strategies" 2>&1 | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p'; }
a=$(count 100000)
b=$(count 200000)
echo "heap allocations: $a for 100000 bars, $b for 200000 bars"
[ "$a" = "$b" ] && echo "OK: no allocation per bar" || { echo "FAIL: allocations grow with the bar count"; exit 1; }
