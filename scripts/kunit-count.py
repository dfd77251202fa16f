#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print "passed failed skipped" for the test cases in kunit.py's JSON.

Every leaf counts once: a parameterised case counts each of its
parameters, as kunit.py's own summary does. A missing or empty file (the
build failed, the kernel crashed before any result) counts as one failure,
never as a clean run.
"""
import json
import sys


def count(group, totals):
    for case in group.get("test_cases", []):
        status = case.get("status")
        if status == "PASS":
            totals[0] += 1
        elif status == "SKIP":
            totals[2] += 1
        else:
            totals[1] += 1
    for sub in group.get("sub_groups", []):
        count(sub, totals)


def main(path):
    totals = [0, 0, 0]
    try:
        with open(path) as f:
            count(json.load(f), totals)
    except (OSError, ValueError) as err:
        print(f"kunit-count: {path}: {err}", file=sys.stderr)
    if sum(totals) == 0:
        totals[1] = 1
    print(*totals)


if __name__ == "__main__":
    main(sys.argv[1])
