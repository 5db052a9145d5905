#!/usr/bin/env bash
# Regenerates the rule table in README.md from `palisade rules --format json`, so the table
# cannot drift from the rules' own metadata (DocumentationTests checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product palisade >/dev/null
.build/debug/palisade rules --format json | python3 -c '
import json, re, sys
rules = json.load(sys.stdin)["rules"]
rows = ["| area | rule | severity | default | summary |", "| --- | --- | --- | --- | --- |"]
for r in rules:
    summary = r["summary"].replace("|", "\\|")
    rows.append("| %s | `%s` | %s | %s | %s |" % (r["area"], r["id"], r["severity"],
                "on" if r["enabledByDefault"] else "off", summary))
readme = open("README.md").read()
start = readme.index("| area | rule | severity | default | summary |")
end = readme.index("\n\n", start) + 1
readme = readme[:start] + "\n".join(rows) + "\n" + readme[end:]
# Built-in policy rules are those of policies/*.yaml (their ids are bare, as Swift rule ids are).
import glob
policy_ids = set()
for f in glob.glob("policies/*.yaml"):
    policy_ids.update(re.findall(r"^  - id: (\S+)$", open(f).read(), re.M))
policies = sum(1 for r in rules if r["id"] in policy_ids)
readme = re.sub(r"Palisade ships \d+ rules \([^)]*\)\.",
                "Palisade ships %d rules (%d Swift rules and %d built-in policy rules)." % (len(rules), len(rules) - policies, policies),
                readme)
open("README.md", "w").write(readme)
print("%d rules in README.md" % len(rules))
'
