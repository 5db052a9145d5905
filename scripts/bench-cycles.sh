#!/usr/bin/env bash
# Estimated cycles, load-independent: runs each phase under cachegrind's cache and branch
# simulation and weighs its counts as a rough cost model (instructions + 10 per L1 miss +
# 100 per last-level miss + 15 per mispredicted branch). Instruction counts alone miss what
# makes pointer-heavy code slower than libyaml's tight loops; this shows part of it, still
# without timing anything. The phase that only builds the corpus is subtracted.
# Usage: scripts/bench-cycles.sh [files] [resources-per-file]   (default 40 60)
set -euo pipefail
# Swift seeds its hash functions per process, which moves the count of every dictionary and set
# lookup by a few hundred thousand instructions from run to run: a fixed seed makes the counts
# repeatable to a few dozen instructions.
export SWIFT_DETERMINISTIC_HASHING=1
cd "$(dirname "$0")/.."
files=${1:-40}
per=${2:-60}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
# The release configuration `make install` builds: ThinLTO (see the README's Install section).
swift build -c release --experimental-lto-mode=thin --product palisade-bench >/dev/null
bench=.build/release/palisade-bench
estimate() {
    local log
    log=$(mktemp)
    valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes --cachegrind-out-file=/dev/null \
        "$bench" --phase "$1" "$files" "$per" >/dev/null 2>"$log"
    awk '/I *refs:/ {gsub(",", "", $4); ir = $4}
         /I1 *misses:/ {gsub(",", "", $4); i1 = $4}
         /D1 *misses:/ {gsub(",", "", $4); d1 = $4}
         /LL misses:/ {gsub(",", "", $4); ll = $4}
         /Mispredicts:/ {gsub(",", "", $3); mp = $3}
         END {printf "%.0f %.0f\n", ir, ir + 10 * (i1 + d1) + 100 * ll + 15 * mp}' "$log"
    rm -f "$log"
}
read -r base_ir base_est < <(estimate none)
read -r floor_ir floor_est < <(estimate floor)
read -r tree_ir tree_est < <(estimate tree)
read -r check_ir check_est < <(estimate check)
awk -v bi="$base_ir" -v be="$base_est" -v fi="$floor_ir" -v fe="$floor_est" -v ti="$tree_ir" -v te="$tree_est" \
    -v ci="$check_ir" -v ce="$check_est" -v n="$((files * per))" 'BEGIN {
    fi -= bi; fe -= be; ti -= bi; te -= be; ci -= bi; ce -= be
    printf "resources: %d\n", n
    printf "%-30s %15s %7s %17s %7s\n", "phase", "instructions", "", "estimated cycles", ""
    printf "%-30s %15.0f %6.2fx %17.0f %6.2fx\n", "libyaml events only (floor)", fi, 1, fe, 1
    printf "%-30s %15.0f %6.2fx %17.0f %6.2fx\n", "node tree (YAMLParser)", ti, ti / fi, te, te / fe
    printf "%-30s %15.0f %6.2fx %17.0f %6.2fx\n", "check, all rules + policies", ci, ci / fi, ce, ce / fe
}'
