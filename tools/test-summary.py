#!/usr/bin/env python3
"""Counts meson's test results and checks that every suite ran.

Prints a line per suite and a last line "N passed, N failed". A skipped test
counts as failed, and so does a suite that ran fewer tests than it must.
"""

import json
import sys
from collections import Counter

# Every suite must run at least this many tests.
REQUIRED = {"data": 4, "core": 8, "cli": 5, "gui": 5, "fuzz": 3}


def main(path, asan_path=None):
    passed = failed = 0
    per_suite = Counter()
    problems = []
    logs = [(path, "")]
    if asan_path:
        logs.append((asan_path, "asan-"))
    for log, prefix in logs:
        try:
            p, f = read_log(log, prefix, per_suite, problems)
        except OSError as err:
            print(f"not passed: {log}: {err.strerror}")
            failed += 1
            continue
        passed += p
        failed += f
    required = dict(REQUIRED)
    if asan_path:
        required.update({f"asan-{s}": REQUIRED[s] for s in ("core", "cli", "fuzz")})
    for suite, need in required.items():
        got = per_suite.get(suite, 0)
        print(f"suite {suite}: {got} tests")
        if got < need:
            failed += need - got
            problems.append(f"suite {suite} ran {got} tests, at least {need} expected")
    for p in problems:
        print(f"not passed: {p}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def read_log(path, prefix, per_suite, problems):
    passed = failed = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            test = json.loads(line)
            # meson 1.0 names a test "project:suite / name"; newer ones also list "suite"
            suites = [s.split(":")[-1] for s in test.get("suite", [])]
            name = test.get("name", "")
            if not suites and ":" in name and " / " in name:
                suites = [name.split(":", 1)[1].split(" / ", 1)[0]]
            result = test.get("result")
            if result == "OK":
                passed += 1
            else:
                failed += 1
                problems.append(f"{prefix}{test.get('name')}: {result}")
            for suite in suites:
                per_suite[prefix + suite] += 1
    return passed, failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
