#!/usr/bin/env python3
"""Chooses the review thresholds (forms/include/sohoa/forms/review_calibration.hpp).

usage: fit-review-model.py [--target 0.98] [--margin 0.01] [--wrong-cost 10]
                           [--set-floor 0.96] DUMP.csv...
       fit-review-model.py --check DUMP.csv

Each DUMP is the output of sohoa-review-signals on one generated set: tuning seeds
only, never a --layouts holdout set. Every combination of thresholds in the grid
below is tried; the one kept costs least (a right value flagged costs 1, a wrong
one left unflagged costs --wrong-cost) while the unflagged ones stay right >=
target + margin on all sets together, and >= set-floor on every set alone (one
set of 4 dossiers has some 50-70 unflagged fields: one wrong value moves it by
1.5-2 points, too coarse to ask the target of each set; the floor keeps one
condition from being given up for the average, as an unseen layout would be).
Prints it, then per set and per document type the share of unflagged fields that
are right and the share flagged, for the chosen table and for the one in force,
and, for an honest figure, each set scored by the table chosen on the others
(leave one set out).
--check: the dump has every column read here, and this script's rule with the
table in force flags exactly the rows whose `reason` (review_reason() in C++) is
not none; exit 1 otherwise.
"""
import argparse
import csv
import itertools
import sys
from collections import defaultdict

# Thresholds in force (ReviewThresholds in review_calibration.hpp).
IN_FORCE = {"beside_label": 0.85, "by_layout": 0.9, "least_sure_word": 0.8,
            "long_value_words": 10, "flag_disagreement": 0, "agreed_least_sure_word": 0.0,
            "flag_over_leaders": 1, "flag_foreign_chars": 1, "flag_odd_length": 1,
            "flag_unknown_syllables": 1}
GRID = {"beside_label": [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9],
        "by_layout": [0.75, 0.8, 0.85, 0.9, 0.95],
        "least_sure_word": [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
        "long_value_words": [5, 6, 7, 8, 10, 99],
        "flag_disagreement": [0, 1],
        "agreed_least_sure_word": [0.0, 0.3, 0.5, 0.7, 0.8],
        "flag_over_leaders": [0, 1],
        "flag_foreign_chars": [0, 1],
        "flag_odd_length": [0, 1],
        "flag_unknown_syllables": [0, 1]}

# Every column this script reads from a dump (write_csv in tools/review/signal_dump.cpp).
COLUMNS = ("doc_type", "found_by", "list", "words", "value_confidence", "min_confidence",
           "failed_check", "agreement", "leader_runs", "foreign_chars", "odd_length",
           "unknown_syllables", "reason", "right", "flagged")


def load(paths):
    rows = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                sys.exit(f"{path}: no column {', '.join(missing)}")
            for row in reader:
                row["set"] = path
                row["y"] = int(row["right"])
                for key in ("value_confidence", "min_confidence"):
                    row[key] = float(row[key])
                for key in ("words", "leader_runs", "foreign_chars", "odd_length",
                            "unknown_syllables"):
                    row[key] = int(row[key])
                rows.append(row)
    return rows


def flagged(row, t):
    """review_reason() of review_calibration.cpp, on a dump row."""
    if row["failed_check"] == "1" or row["list"] in ("miss", "unknown_unit"):
        return True
    if t["flag_over_leaders"] and row["leader_runs"] > 0:
        return True
    if t["flag_foreign_chars"] and row["foreign_chars"] > 0:
        return True
    if t["flag_odd_length"] and row["odd_length"]:
        return True
    if t["flag_unknown_syllables"] and row["unknown_syllables"] > 0:
        return True
    if row["words"] >= t["long_value_words"]:
        return True
    wanted = t["beside_label"] if row["found_by"] == "right_of_label" else t["by_layout"]
    if row["value_confidence"] < wanted:
        return True
    agreement = row["agreement"]
    if t["flag_disagreement"] and agreement == "disagree":
        return True
    least_sure = t["agreed_least_sure_word"] if agreement == "agree" else t["least_sure_word"]
    return row["min_confidence"] < least_sure


class Masks:
    """Each grid value's flagged rows as a bit mask, so that a table's flags are
    the OR of its values' masks (the same rule as flagged(), fast enough for the
    whole grid)."""

    def __init__(self, rows):
        def mask(pred):
            m = 0
            for i, r in enumerate(rows):
                if pred(r):
                    m |= 1 << i
            return m

        self.all = (1 << len(rows)) - 1
        self.wrong = mask(lambda r: r["y"] == 0)
        self.always = mask(lambda r: r["failed_check"] == "1"
                           or r["list"] in ("miss", "unknown_unit"))
        beside = lambda r: r["found_by"] == "right_of_label"
        agreed = lambda r: r["agreement"] == "agree"
        self.by_key = {
            "beside_label": {v: mask(lambda r, v=v: beside(r) and r["value_confidence"] < v)
                             for v in GRID["beside_label"]},
            "by_layout": {v: mask(lambda r, v=v: not beside(r) and r["value_confidence"] < v)
                          for v in GRID["by_layout"]},
            "least_sure_word": {v: mask(lambda r, v=v: not agreed(r) and r["min_confidence"] < v)
                                for v in GRID["least_sure_word"]},
            "agreed_least_sure_word": {v: mask(lambda r, v=v: agreed(r) and r["min_confidence"] < v)
                                       for v in GRID["agreed_least_sure_word"]},
            "long_value_words": {v: mask(lambda r, v=v: r["words"] >= v)
                                 for v in GRID["long_value_words"]},
            "flag_disagreement": {0: 0, 1: mask(lambda r: r["agreement"] == "disagree")},
            "flag_over_leaders": {0: 0, 1: mask(lambda r: r["leader_runs"] > 0)},
            "flag_foreign_chars": {0: 0, 1: mask(lambda r: r["foreign_chars"] > 0)},
            "flag_odd_length": {0: 0, 1: mask(lambda r: r["odd_length"] != 0)},
            "flag_unknown_syllables": {0: 0, 1: mask(lambda r: r["unknown_syllables"] > 0)},
        }

    def flags(self, t):
        m = self.always
        for key, value in t.items():
            m |= self.by_key[key][value]
        return m


def worse_than(scope, flags, wrong, floor):
    """The unflagged values of scope are right less often than floor."""
    unflagged = ~flags & scope
    n = unflagged.bit_count()
    return n > 0 and (n - (unflagged & wrong).bit_count()) / n < floor


def choose(rows, target, margin, wrong_cost, within=None, set_floor=0.0):
    """The grid's table meeting target + margin on rows (those of `within`, a row
    mask, when given) at the least cost: one per right value flagged, wrong_cost
    per wrong value left unflagged. Past the target a wrong value let through
    still costs more than a right one shown: signals that flag mostly wrong
    values stay on even where the target is met without them."""
    masks = Masks(rows)
    scope = masks.all if within is None else within
    total = scope.bit_count()
    sets = {}
    for i, r in enumerate(rows):
        sets[r["set"]] = sets.get(r["set"], 0) | (1 << i)
    set_scopes = [m & scope for m in sets.values() if m & scope]
    best = None
    for values in itertools.product(*GRID.values()):
        t = dict(zip(GRID.keys(), values))
        flags = masks.flags(t) & scope
        unflagged = total - flags.bit_count()
        wrong = (masks.wrong & scope & ~flags).bit_count()
        share = (unflagged - wrong) / unflagged if unflagged else 1.0
        if share < target + margin:
            continue
        if set_floor > 0 and any(worse_than(m, flags, masks.wrong, set_floor) for m in set_scopes):
            continue
        flagged_right = (flags & ~masks.wrong).bit_count()
        # Ties: fewer flags, then more switches on (a signal that costs nothing
        # here may still catch what these sets do not show).
        switches_on = sum(v for k, v in t.items() if k.startswith("flag_"))
        key = (flagged_right + wrong_cost * wrong, flags.bit_count(), -switches_on)
        if best is None or key < best[0]:
            best = (key, t)
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


def check(path):
    rows = load([path])
    bad = [r for r in rows if flagged(r, IN_FORCE) != (r["reason"] != "none")]
    for r in bad:
        print(f"{path}: reason {r['reason']} but this script flags {flagged(r, IN_FORCE)}: {r}")
    print(f"{path}: {len(rows)} rows, {len(bad)} disagreeing with review_reason()")
    return 1 if bad or not rows else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", type=float, default=0.98)
    ap.add_argument("--margin", type=float, default=0.01)
    ap.add_argument("--wrong-cost", type=float, default=10.0)
    ap.add_argument("--set-floor", type=float, default=0.96,
                    help="also ask this share of every set alone")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("dumps", nargs="+")
    args = ap.parse_args()
    if args.check:
        return max(check(path) for path in args.dumps)
    rows = load(args.dumps)
    print(f"fields {len(rows)}, wrong {sum(1 - r['y'] for r in rows)}")
    chosen = choose(rows, args.target, args.margin, args.wrong_cost, set_floor=args.set_floor)
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
            others = sum(1 << i for i, r in enumerate(rows) if r["set"] != path)
            t = choose(rows, args.target, args.margin, args.wrong_cost, within=others,
                       set_floor=args.set_floor)
            for r in rows:
                if r["set"] == path:
                    r["cv"] = t is None or flagged(r, t)
                    scored.append(r)
        print_summary("each set scored by the table chosen on the others:",
                      summary(scored, lambda r: r["cv"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
