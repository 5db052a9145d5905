#!/usr/bin/env bash
# Regenerates docs/palisade.1 (installed by `make install`) from the argument parser's own
# description of every subcommand and option, with swift-argument-parser's generate-manual
# plugin. Run it after changing the CLI; DocumentationTests fails while the page is stale.
# The date is the last commit's, so regenerating an unchanged CLI changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
date=$(git log -1 --format=%cs 2>/dev/null || date +%F)
out=$(mktemp -d)
swift package --allow-writing-to-package-directory generate-manual --date "$date" \
    --authors "The Palisade authors" -o "$out" >/dev/null
cp "$out/palisade.1" docs/palisade.1
rm -rf "$out"
echo "docs/palisade.1 regenerated ($(grep -c '^\.It Em ' docs/palisade.1) command entries)"
