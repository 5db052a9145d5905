#!/usr/bin/env bash
# Builds one libFuzzer target from Fuzz/ and runs it for a time budget.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#
# TARGET: fuzz-yaml | fuzz-decode | fuzz-abac | fuzz-cel-parse | fuzz-cel-eval
# Stops at the first crash, timeout (> 10 s on one input) or out-of-memory (> 2 GB);
# the reproducer is written to fuzz-artifacts/TARGET/. New corpus entries go to
# fuzz-artifacts/TARGET/corpus (the checked-in seeds in Fuzz/corpus/ are read, never written).
# Leak detection is off: LeakSanitizer reports the lazily initialised schema tables of Models
# (allocated once per process) as leaks at exit; unbounded growth is caught by -rss_limit_mb.
# Environment: SWIFT (swift binary),
# FUZZ_NO_BUILD=1 to reuse the last build.
# Minimise a crash:  .build-fuzz/release/TARGET -minimize_crash=1 -runs=100000 \
#                      -exact_artifact_path=min.bin fuzz-artifacts/TARGET/crash-…
set -euo pipefail

target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]}
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
swift=${SWIFT:-swift}
case $target in
    fuzz-yaml|fuzz-decode) seeds=yaml; dict=yaml.dict ;;
    fuzz-abac) seeds=abac; dict=abac.dict ;;
    fuzz-cel-parse|fuzz-cel-eval) seeds=cel; dict=cel.dict ;;
    *) echo "unknown target: $target" >&2; exit 2 ;;
esac

scratch="$root/.build-fuzz"
if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
    "$swift" build -c release --package-path "$root/Fuzz" --scratch-path "$scratch" --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -g >&2
fi
binary="$scratch/release/$target"

out="$root/fuzz-artifacts/$target"
mkdir -p "$out/corpus"
log="$out/run-$(date +%Y%m%d-%H%M%S).log"
echo "fuzzing $target for ${seconds}s; log $log" >&2
set +e
# Swift's own crash backtracer would race AddressSanitizer's report; let ASan/libFuzzer report.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$binary" "$out/corpus" "$root/Fuzz/corpus/$seeds" \
    -dict="$root/Fuzz/dictionaries/$dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -detect_leaks=0 -artifact_prefix="$out/" -print_final_stats=1 "$@" 2>&1 | tee "$log" >&2
status=${PIPESTATUS[0]}
set -e
execs=$(grep -E '^stat::number_of_executed_units' "$log" | tail -n 1 | awk '{print $2+0}')
echo "$target: executions=$execs exit=$status"
if [[ $status -ne 0 ]]; then
    echo "$target: stopped on a finding; reproducer(s):" >&2
    ls -1 "$out"/crash-* "$out"/timeout-* "$out"/oom-* "$out"/leak-* 2>/dev/null >&2 || true
fi
exit "$status"
