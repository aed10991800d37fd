#!/usr/bin/env python3
"""Grades review verdicts: label accuracy and explicit scores against gold files.

  grade_reviews.py --pred-dir P --gold-dir G [--min-label 0.85] [--json]

For every gold file with a "review" object, compares the predicted review.verdict.label and
review.verdict.explicit (normalised: case, white space) with the gold. Exits 1 when label
accuracy is below --min-label or any explicit score differs.
"""
import argparse
import json
import sys
from pathlib import Path


def norm(s):
    return None if s is None else " ".join(str(s).split()).lower()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred-dir", required=True)
    ap.add_argument("--gold-dir", required=True)
    ap.add_argument("--min-label", type=float, default=0.85)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    n = ok = exp_n = exp_ok = 0
    misses = []
    for gold_path in sorted(Path(a.gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gv = (gold.get("review") or {}).get("verdict")
        if not gv:
            continue
        pred_path = Path(a.pred_dir) / gold_path.name
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        pv = (pred.get("review") or {}).get("verdict") or {}
        n += 1
        if pv.get("label") == gv.get("label"):
            ok += 1
        else:
            misses.append(f"{gold_path.stem}: label {pv.get('label')!r}, gold {gv.get('label')!r} (score {pv.get('score')})")
        exp_n += 1
        if norm(pv.get("explicit")) == norm(gv.get("explicit")):
            exp_ok += 1
        else:
            misses.append(f"{gold_path.stem}: explicit {pv.get('explicit')!r}, gold {gv.get('explicit')!r}")
    label_acc = ok / n if n else 0.0
    explicit_acc = exp_ok / exp_n if exp_n else 0.0
    if a.json:
        print(json.dumps({"label_acc": label_acc, "explicit_acc": explicit_acc, "reviews": n}))
    else:
        for m in misses:
            print("  " + m)
        print(f"verdict label accuracy {label_acc:.2f} ({ok}/{n}) | explicit scores exact {explicit_acc:.2f} ({exp_ok}/{exp_n})")
    return 0 if label_acc + 1e-9 >= a.min_label and exp_ok == exp_n else 1


if __name__ == "__main__":
    sys.exit(main())
