#!/usr/bin/env python3
"""Validate a SARIF log against the official SARIF 2.1.0 JSON schema.

Usage: scripts/validate-sarif.py FILE [--schema SCHEMA]

The schema is the copy in Tests/Schemas/sarif-schema-2.1.0.json (see the README there for
where it came from). Beyond the schema, a few consistency checks that GitHub code scanning
relies on: every result's ruleIndex names the rule with its ruleId, and every location's
uriBaseId is declared in originalUriBaseIds.

Exit codes: 0 valid, 1 invalid, 2 usage error or unreadable file, 3 the jsonschema package
is not installed (`pip install jsonschema`).
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "Tests", "Schemas", "sarif-schema-2.1.0.json")


# RFC 3986 characters: unreserved, sub-delims, gen-delims, and %XX escapes. jsonschema checks
# the "uri" formats only when an optional package (rfc3987 or rfc3986-validator) is installed;
# these stand in when it is not, so an unencoded space in a file name still fails.
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def is_uri_reference(value):
    return not isinstance(value, str) or bool(_URI_CHARS.match(value))


def is_uri(value):
    return not isinstance(value, str) or (bool(_SCHEME.match(value)) and is_uri_reference(value))


def format_checker(jsonschema):
    checker = jsonschema.FormatChecker()
    if "uri" not in checker.checkers:
        checker.checks("uri")(is_uri)
    if "uri-reference" not in checker.checkers:
        checker.checks("uri-reference")(is_uri_reference)
    return checker


def consistency_errors(log):
    errors = []
    for r, run in enumerate(log.get("runs", [])):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        bases = set(run.get("originalUriBaseIds", {}).keys())
        for i, result in enumerate(run.get("results", [])):
            where = f"runs[{r}].results[{i}]"
            index = result.get("ruleIndex")
            if index is not None:
                if not 0 <= index < len(rules):
                    errors.append(f"{where}: ruleIndex {index} out of range ({len(rules)} rules)")
                elif "ruleId" in result and rules[index].get("id") != result["ruleId"]:
                    errors.append(f"{where}: ruleIndex {index} is {rules[index].get('id')!r}, ruleId is {result['ruleId']!r}")
            for j, location in enumerate(result.get("locations", [])):
                artifact = location.get("physicalLocation", {}).get("artifactLocation", {})
                base = artifact.get("uriBaseId")
                if base is not None and base not in bases:
                    errors.append(f"{where}.locations[{j}]: uriBaseId {base!r} not in originalUriBaseIds")
    return errors


def main(argv):
    args = argv[1:]
    schema_path = DEFAULT_SCHEMA
    if len(args) == 3 and args[1] == "--schema":
        schema_path = args[2]
        args = args[:1]
    if len(args) != 1 or args[0].startswith("-"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate-sarif: the jsonschema package is not installed (pip install jsonschema)", file=sys.stderr)
        return 3
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        with open(args[0], encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        print(f"validate-sarif: {e}", file=sys.stderr)
        return 2

    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=format_checker(jsonschema))
    problems = []
    for error in sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path))):
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        problems.append(f"{path}: {error.message}")
    problems.extend(consistency_errors(log))
    if problems:
        for p in problems:
            print(f"{args[0]}: {p}", file=sys.stderr)
        print(f"{args[0]}: INVALID ({len(problems)} problems)", file=sys.stderr)
        return 1
    results = sum(len(run.get("results", [])) for run in log.get("runs", []))
    print(f"{args[0]}: valid SARIF {log.get('version')} ({results} results)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
