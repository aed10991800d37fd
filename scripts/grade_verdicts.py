#!/usr/bin/env python3
"""Grades critics' verdicts on real pages, where a page may give no judgement at all.

  grade_verdicts.py --pred-dir P --gold-dir G [--baseline B.json] [--json] [bars...]

Gold files carry review.verdict = {label: positive|mixed|negative|null, explicit: "B+"|null,
evaluation: [sentences]}. Figures:
  label      agreement of the predicted label on judged pages (gold label not null)
  silent     share of no-judgement pages (gold label null) left without a verdict
  explicit   stated critic grades read exactly (as written, case and spaces folded)
  eval P/R   precision and recall of the evaluation sentences the prediction names
             (review.evaluation: a list of sentences, or of objects with "text")
With --baseline (a JSON object slug -> label from a whole-text sentiment baseline) the
baseline's label agreement on the same judged pages is printed beside ours.
Bars: --min-label, --min-silent, --min-eval-p, --min-eval-r (exit 1 when one is missed).
"""
import argparse
import json
import re
import sys
from pathlib import Path


def norm(s):
    return None if s is None else " ".join(str(s).split()).lower()


def sent_key(s):
    # Sentences are compared on their letters and digits: quotes, dashes and spacing vary
    # between the page text and what a splitter returns.
    return re.sub(r"[^0-9a-z]+", "", str(s).lower())


def overlap(a, b):
    """True when one sentence key holds most of the other (a splitter may cut differently)."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short in long_ and len(short) >= 0.6 * len(long_)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred-dir", required=True)
    ap.add_argument("--gold-dir", required=True)
    ap.add_argument("--baseline")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    for bar in ("min-label", "min-silent", "min-eval-p", "min-eval-r"):
        ap.add_argument("--" + bar, type=float, default=0.0)
    a = ap.parse_args()
    baseline = json.loads(Path(a.baseline).read_text()) if a.baseline else None
    judged = judged_ok = base_ok = silent = silent_ok = 0
    exp_n = exp_ok = 0
    ev_tp = ev_pred = ev_gold = ev_found = 0
    misses = []
    for gold_path in sorted(Path(a.gold_dir).glob("*.json")):
        slug = gold_path.stem
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "review" not in gold or "verdict" not in (gold["review"] or {}):
            continue
        gv = gold["review"]["verdict"] or {}
        pred_path = Path(a.pred_dir) / gold_path.name
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        review = pred.get("review") or {}
        pv = review.get("verdict") or {}
        glabel, plabel = gv.get("label"), pv.get("label")
        if glabel is None:
            silent += 1
            if plabel is None:
                silent_ok += 1
            else:
                misses.append(f"{slug}: no judgement in the text, predicted {plabel!r}")
        else:
            judged += 1
            if plabel == glabel:
                judged_ok += 1
            else:
                misses.append(f"{slug}: label {plabel!r}, gold {glabel!r} (score {pv.get('score')})")
            if baseline is not None and baseline.get(slug) == glabel:
                base_ok += 1
        if gv.get("explicit") is not None:
            exp_n += 1
            if norm(pv.get("explicit")) == norm(gv.get("explicit")):
                exp_ok += 1
            else:
                misses.append(f"{slug}: grade {pv.get('explicit')!r}, gold {gv.get('explicit')!r}")
        elif pv.get("explicit") is not None:
            misses.append(f"{slug}: grade {pv.get('explicit')!r} read, but the critic states none")
            exp_n += 1
        gold_ev = [sent_key(s) for s in gv.get("evaluation") or []]
        pred_ev = []
        for s in review.get("evaluation") or []:
            pred_ev.append(sent_key(s.get("text", "") if isinstance(s, dict) else s))
        ev_gold += len(gold_ev)
        ev_pred += len(pred_ev)
        matched = 0
        for p in pred_ev:
            if any(overlap(p, g) for g in gold_ev):
                matched += 1
        ev_tp += matched
        found = sum(1 for g in gold_ev if any(overlap(p, g) for p in pred_ev))
        ev_found += found
        if found < len(gold_ev) or matched < len(pred_ev):
            misses.append(f"{slug}: evaluation sentences {matched}/{len(pred_ev)} right, {found}/{len(gold_ev)} found")
    r = lambda x, y: x / y if y else 0.0
    summary = {
        "judged": judged, "label_acc": r(judged_ok, judged),
        "silent": silent, "silent_acc": r(silent_ok, silent),
        "explicit": exp_n, "explicit_acc": r(exp_ok, exp_n) if exp_n else 1.0,
        "eval_p": r(ev_tp, ev_pred), "eval_r": r(ev_found, ev_gold),
    }
    if baseline is not None:
        summary["baseline_label_acc"] = r(base_ok, judged)
    if a.json:
        print(json.dumps(summary))
    else:
        if not a.quiet:
            for m in misses:
                print("  " + m)
        line = (f"verdicts: label {summary['label_acc']:.2f} ({judged_ok}/{judged} judged pages)"
                f" | no judgement left silent {summary['silent_acc']:.2f} ({silent_ok}/{silent})"
                f" | stated grades {exp_ok}/{exp_n}"
                f" | evaluation sentences P {summary['eval_p']:.2f} R {summary['eval_r']:.2f}")
        if baseline is not None:
            line += f" | whole-text VADER baseline label {summary['baseline_label_acc']:.2f} ({base_ok}/{judged})"
        print(line)
    bad = (summary["label_acc"] + 1e-9 < a.min_label or summary["silent_acc"] + 1e-9 < a.min_silent
           or summary["eval_p"] + 1e-9 < a.min_eval_p or summary["eval_r"] + 1e-9 < a.min_eval_r
           or exp_ok != exp_n)
    return 1 if bad and any((a.min_label, a.min_silent, a.min_eval_p, a.min_eval_r)) else 0


if __name__ == "__main__":
    sys.exit(main())
