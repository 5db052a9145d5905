#!/usr/bin/env bash
# Load-independent benchmark: counts instructions with callgrind (valgrind) instead of time,
# so the ratio to libyaml's own parse is repeatable on a busy machine.
# Usage: scripts/bench-instructions.sh [files] [resources-per-file]   (default 40 60)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-40}
per=${2:-60}
swift build -c release --product palisade-bench >/dev/null
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" .build/release/palisade-bench "$files" "$per" 1 >/dev/null 2>&1
annotate=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null)
rm -f "$out"
cost() { echo "$annotate" | grep -E "$1" | head -1 | awk '{gsub(",", "", $1); print $1}'; }
floor=$(cost 'libyamlOnly')
parse=$(cost 'YAMLParserO5parse_4file6limits')
check=$(cost 'CheckerV5check_7context')
# The bench parses 5 times (tree phase, decode input, 3 checks) and checks 3 times.
awk -v f="$floor" -v p="$parse" -v c="$check" -v n="$((files * per))" 'BEGIN {
    printf "resources: %d\n", n
    printf "libyaml events only (floor): %12.0f instructions  1.00x\n", f
    printf "node tree (YAMLParser):      %12.0f instructions  %.2fx\n", p / 5, p / 5 / f
    printf "check, all rules + policies: %12.0f instructions  %.2fx\n", c / 3, c / 3 / f
}'
