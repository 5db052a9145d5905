#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and writes a PNG screenshot.
#
#   scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH,HEIGHT]
#
# Also writes the rendered DOM to OUT.png's name with .dom.html and Chromium's console log to .console.log, so
# tests (and people) can check that the page's script ran without errors: any console message (Chromium logs them
# as INFO:CONSOLE lines) or uncaught exception fails the script. Needs Debian's `chromium` package
# (`apt-get install -y chromium`); CHROMIUM=/path/to/binary overrides the binary.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
report=$1
out=$2
size=${3:-1400,2000}

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for candidate in chromium chromium-browser google-chrome; do
        if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
    done
fi
if [ -z "$browser" ]; then
    echo "$0: chromium not found (apt-get install -y chromium)" >&2
    exit 3
fi
if [ ! -f "$report" ]; then
    echo "$0: $report: no such file" >&2
    exit 2
fi

url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
base=${out%.png}
# A throwaway profile so runs do not share state, and so root can run it in containers (--no-sandbox).
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check
       --disable-extensions --disable-dev-shm-usage --user-data-dir="$profile")

"$browser" "${flags[@]}" --window-size="$size" --screenshot="$out" "$url" >/dev/null 2>&1
"$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "$url" >"$base.dom.html" 2>"$base.console.log"

if [ ! -s "$out" ]; then
    echo "$0: no screenshot written" >&2
    exit 1
fi
if grep -E "Uncaught|console error|:CONSOLE" "$base.console.log" >&2; then
    echo "$0: the page logged errors (see $base.console.log)" >&2
    exit 1
fi
echo "wrote $out ($(wc -c <"$out") bytes), $base.dom.html and $base.console.log"
