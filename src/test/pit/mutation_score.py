#!/usr/bin/env python3
"""Prints the mutation score per package from PIT's XML report (./controller mutation).

Usage: mutation_score.py target/pit-reports/mutations.xml
A mutant counts as killed when a test failed (KILLED), ran out of time or memory (TIMED_OUT,
MEMORY_ERROR) or crashed the test run (RUN_ERROR); SURVIVED and NO_COVERAGE count against the score.
"""
import collections
import sys
import xml.etree.ElementTree as ET

DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def main(path):
    per_package = collections.defaultdict(collections.Counter)
    for mutation in ET.parse(path).getroot().iter("mutation"):
        package = mutation.findtext("mutatedClass").rsplit(".", 1)[0]
        per_package[package][mutation.get("status")] += 1
    total = collections.Counter()
    print(f"{'package':36} {'mutants':>8} {'killed':>7} {'survived':>9} {'no cover':>9} {'score':>7}")
    for package in sorted(per_package):
        counts = per_package[package]
        total += counts
        print(row(package, counts))
    print(row("all", total))


def row(name, counts):
    mutants = sum(counts.values())
    killed = sum(counts[s] for s in DETECTED)
    score = 100.0 * killed / mutants if mutants else 100.0
    return (
        f"{name:36} {mutants:8d} {killed:7d} {counts['SURVIVED']:9d} "
        f"{counts['NO_COVERAGE']:9d} {score:6.1f}%"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/pit-reports/mutations.xml")
