#!/usr/bin/env bash
# Builds one libFuzzer target and fuzzes it for a bounded time.
#
#   Fuzz/run.sh TARGET SECONDS [LIBFUZZER-FLAG...]      TARGET: strategy | csv | providers | stream
#
# Extra flags go to libFuzzer, e.g. `-fork=1 -ignore_crashes=1` to keep going past a known crash.
# The Signals and MarketData sources are compiled with -sanitize=fuzzer into .build-fuzz/
# (static libraries, one per module, as in Package.swift), then Fuzz/targets/TARGET.swift is
# linked against them. libFuzzer starts from the committed seeds in Fuzz/corpus/TARGET/ (read
# only) and keeps what it finds in .build-fuzz/corpus/TARGET/. Exits non-zero on a crash, a hang
# (10 s per input) or memory beyond 2 GB, leaving the input in Fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: Fuzz/run.sh strategy|csv|providers|stream SECONDS}"
seconds="${2:?usage: Fuzz/run.sh strategy|csv|providers|stream SECONDS}"
case "$target" in
    strategy) modules=(MarketData Signals) ;;
    csv | providers | stream) modules=(MarketData) ;;
    *) echo "Fuzz/run.sh: unknown target '$target' (strategy, csv, providers, stream)" >&2; exit 2 ;;
esac

out=.build-fuzz
mkdir -p "$out/corpus/$target" Fuzz/crashes
# BUILD_LOCK=/path/to/lockfile serialises the compiles with other builds on a shared machine.
lock=()
if [ -n "${BUILD_LOCK:-}" ]; then lock=(flock "$BUILD_LOCK"); fi
flags=(-sanitize=fuzzer -O -parse-as-library -I "$out" -I Sources/CSQLite)

# A module is rebuilt when one of its sources, this script or the module before it (which it
# imports) is newer than its library.
previous=""
for module in "${modules[@]}"; do
    lib="$out/lib$module.a"
    if [ ! -f "$lib" ] || [ -n "$(find "Sources/$module" -name '*.swift' -newer "$lib" | head -1)" ] \
        || [ "$0" -nt "$lib" ] || { [ -n "$previous" ] && [ "$previous" -nt "$lib" ]; }; then
        echo "Fuzz/run.sh: compiling $module"
        mapfile -t sources < <(find "Sources/$module" -name '*.swift' | sort)
        "${lock[@]}" swiftc "${flags[@]}" -enable-testing -wmo -module-name "$module" -emit-module \
            -emit-module-path "$out/$module.swiftmodule" -emit-library -static -o "$lib" "${sources[@]}"
    fi
    previous="$lib"
done

binary="$out/fuzz-$target"
libs=()
for module in "${modules[@]}"; do libs+=("$out/lib$module.a"); done
"${lock[@]}" swiftc "${flags[@]}" -module-name "Fuzz_$target" "Fuzz/targets/$target.swift" "${libs[@]}" -lsqlite3 -o "$binary"

# libFuzzer reports crashes itself; Swift's backtracer would only slow each crash down.
export SWIFT_BACKTRACE=enable=no
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="Fuzz/crashes/$target-" \
    "${@:3}" "$out/corpus/$target" "Fuzz/corpus/$target"
