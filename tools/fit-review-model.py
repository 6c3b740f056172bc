#!/usr/bin/env python3
"""Chooses the review thresholds (forms/include/sohoa/forms/review_calibration.hpp).

usage: fit-review-model.py [--target 0.98] [--margin 0.01] DUMP.csv...

Each DUMP is the output of sohoa-review-signals on one generated set: tuning seeds
only, never a --layouts holdout set. Every combination of thresholds in the grid
below is tried; the one kept flags the fewest fields while the unflagged ones
stay right >= target + margin on all sets together (one set of 4 dossiers has
some 60 unflagged fields: one wrong value moves it by 1.6 points, too coarse to
ask of each set).
Prints it, then per set and per document type the share of unflagged fields that
are right and the share flagged, for the chosen table and for the one in force,
and, for an honest figure, each set scored by the table chosen on the others.
"""
import argparse
import csv
import itertools
import sys
from collections import defaultdict

# Thresholds in force (ReviewThresholds in review_calibration.hpp).
IN_FORCE = {"beside_label": 0.75, "by_layout": 0.9, "least_sure_word": 0.7,
            "long_value_words": 7, "flag_disagreement": 1, "agreed_least_sure_word": 0.7}
GRID = {"beside_label": [0.6, 0.65, 0.7, 0.75, 0.8, 0.85],
        "by_layout": [0.75, 0.8, 0.85, 0.9, 0.95],
        "least_sure_word": [0.0, 0.3, 0.4, 0.5, 0.6, 0.7],
        "long_value_words": [5, 6, 7, 8, 10, 99],
        "flag_disagreement": [0, 1],
        "agreed_least_sure_word": [0.0, 0.3, 0.5, 0.7]}


def load(paths):
    rows = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                row["set"] = path
                row["y"] = int(row["right"])
                for key in ("value_confidence", "min_confidence"):
                    row[key] = float(row[key])
                row["words"] = int(row["words"])
                rows.append(row)
    return rows


def flagged(row, t):
    """review_reason() of review_calibration.cpp, on a dump row."""
    if row["failed_check"] == "1" or row["list"] in ("miss", "unknown_unit"):
        return True
    if row["words"] >= t["long_value_words"]:
        return True
    wanted = t["beside_label"] if row["found_by"] == "right_of_label" else t["by_layout"]
    if row["value_confidence"] < wanted:
        return True
    agreement = row.get("agreement", "read_once")
    if t["flag_disagreement"] and agreement == "disagree":
        return True
    least_sure = t["agreed_least_sure_word"] if agreement == "agree" else t["least_sure_word"]
    return row["min_confidence"] < least_sure


def precision(rows, t):
    unflagged = [r for r in rows if not flagged(r, t)]
    right = sum(r["y"] for r in unflagged)
    return (right / len(unflagged) if unflagged else 1.0), len(rows) - len(unflagged)


def choose(rows, target, margin):
    best = None
    for values in itertools.product(*GRID.values()):
        t = dict(zip(GRID.keys(), values))
        share, flags = precision(rows, t)
        if share < target + margin:
            continue
        if best is None or flags < best[0]:
            best = (flags, t)
    return best[1] if best else None


def summary(rows, is_flagged):
    groups = defaultdict(lambda: [0, 0, 0])  # unflagged, unflagged right, all
    for r in rows:
        for key in ("TOTAL", r["set"], r["doc_type"]):
            g = groups[key]
            g[2] += 1
            if not is_flagged(r):
                g[0] += 1
                g[1] += r["y"]
    return groups


def print_summary(title, groups):
    print(title)
    for key in sorted(groups, key=lambda k: (k != "TOTAL", k)):
        unflagged, right, total = groups[key]
        share = right / unflagged if unflagged else 1.0
        print(f"  {key:40s} unflagged right {right:4d}/{unflagged:<4d} {share:6.1%}"
              f"   flagged {total - unflagged:4d}/{total:<4d} "
              f"{(total - unflagged) / max(1, total):6.1%}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", type=float, default=0.98)
    ap.add_argument("--margin", type=float, default=0.01)
    ap.add_argument("dumps", nargs="+")
    args = ap.parse_args()
    rows = load(args.dumps)
    print(f"fields {len(rows)}, wrong {sum(1 - r['y'] for r in rows)}")
    chosen = choose(rows, args.target, args.margin)
    print("chosen:", chosen)
    print("in force:", IN_FORCE)
    print_summary("record as written (its needs_review):",
                  summary(rows, lambda r: r["flagged"] == "1"))
    if chosen:
        print_summary("chosen table:", summary(rows, lambda r: flagged(r, chosen)))
    print_summary("table in force:", summary(rows, lambda r: flagged(r, IN_FORCE)))
    if len(args.dumps) > 1:
        scored = []
        for path in args.dumps:
            t = choose([r for r in rows if r["set"] != path], args.target, args.margin)
            for r in rows:
                if r["set"] == path:
                    r["cv"] = t is None or flagged(r, t)
                    scored.append(r)
        print_summary("each set scored by the table chosen on the others:",
                      summary(scored, lambda r: r["cv"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
