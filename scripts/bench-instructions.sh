#!/usr/bin/env bash
# Load-independent benchmark: counts user-space instructions with `perf stat` (or callgrind
# when perf is missing) instead of time, so the ratio of `check` to libyaml's own parse (the
# floor) is repeatable on a busy machine. Each phase runs once in its own process; the count
# of a run that only builds the corpus is subtracted.
# Usage: scripts/bench-instructions.sh [files] [resources-per-file]   (default 40 60)
set -euo pipefail
# Swift seeds its hash functions per process, which moves the count of every dictionary and set
# lookup by a few hundred thousand instructions from run to run: a fixed seed makes the counts
# repeatable to a few dozen instructions.
export SWIFT_DETERMINISTIC_HASHING=1
cd "$(dirname "$0")/.."
files=${1:-40}
per=${2:-60}
# The release configuration `make install` builds: ThinLTO (see the README's Install section).
swift build -c release --experimental-lto-mode=thin --product palisade-bench >/dev/null
bench=.build/release/palisade-bench
count() {
    # Virtual machines often expose no hardware counters: perf then prints "<not supported>".
    if command -v perf >/dev/null && perf stat -x, -e instructions:u true 2>&1 | grep -q '^[0-9]'; then
        perf stat -x, -e instructions:u "$bench" --phase "$1" "$files" "$per" 2>&1 >/dev/null | awk -F, '/instructions/ {print $1}'
    else
        out=$(mktemp)
        valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" --phase "$1" "$files" "$per" >/dev/null 2>&1
        callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
        rm -f "$out"
    fi
}
base=$(count none)
floor=$(( $(count floor) - base ))
tree=$(( $(count tree) - base ))
check=$(( $(count check) - base ))
awk -v f="$floor" -v t="$tree" -v c="$check" -v n="$((files * per))" 'BEGIN {
    printf "resources: %d\n", n
    printf "libyaml events only (floor):  %14.0f instructions  1.00x\n", f
    printf "node tree (YAMLParser):       %14.0f instructions  %.2fx\n", t, t / f
    printf "check, all rules + policies:  %14.0f instructions  %.2fx\n", c, c / f
}'
