"""Workload figures on the hand-written news fixtures (tests/fixtures/workload_news/).

usage: python benchmarks/workload_news.py [--show-errors]

A found figure matches an expected one when their texts contain one another and
value_low is equal (the rule of ../shared/eval/score.py). Prints P/R/F1 and, over
matched figures, the share with the right value_high/unit/metric/period/qualifier
and with the expected subject (any surface form of the person or organization returned
contains or is contained in the expected name; an expected null needs a null).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "tests" / "fixtures" / "workload_news"
FIELDS = ("value_high", "unit", "metric", "period", "qualifier")


def extracted(path: Path):
    """(workload figures, canonical name -> every surface form of that person or organization)."""
    from analysis import boilerplate, pipeline
    from analysis.extract import extract_all

    doc, _ = pipeline.prepare(path, path.name)
    doc, _ = boilerplate.strip_document(doc, common=frozenset())
    ex = extract_all(doc)
    forms = {e.name: {e.name, *e.aliases} for e in (*ex.organizations, *ex.people)}
    return ex.workload, forms


def _same_subject(got: str | None, want: str | None, forms: dict[str, set[str]]) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return any(f in want or want in f for f in forms.get(got, {got}))


def _same(a, b) -> bool:
    return a is not None and b is not None and float(a) == float(b)


def score(fixtures: Path = FIXTURES, show=None) -> dict:
    expected = json.loads((fixtures / "expected.json").read_text(encoding="utf-8"))
    tp = n_pred = n_gold = 0
    right = dict.fromkeys((*FIELDS, "subject"), 0)
    for name, gold in expected.items():
        found, forms = extracted(fixtures / name)
        found = list(found)
        n_pred += len(found)
        n_gold += len(gold)
        free = list(found)
        for g in gold:
            hit = next((w for w in free if (w.text in g["text"] or g["text"] in w.text)
                        and _same(w.value_low, g["value_low"])), None)
            if hit is None:
                if show:
                    show(f"MISS {name}: {g['text']} {g['value_low']}")
                continue
            free.remove(hit)
            tp += 1
            got = {"value_high": hit.value_high, "unit": hit.unit, "metric": hit.metric, "period": hit.period,
                   "qualifier": hit.qualifier}
            for k in FIELDS:
                ok = _same(got[k], g[k]) if k == "value_high" and g[k] is not None else got[k] == g[k]
                right[k] += ok
                if not ok and show:
                    show(f"FIELD {name}: {g['text']} {k}={got[k]!r} want {g[k]!r}")
            ok = _same_subject(hit.subject, g.get("subject"), forms)
            right["subject"] += ok
            if not ok and show:
                show(f"SUBJECT {name}: {g['text']} {hit.subject!r} want {g.get('subject')!r}")
        for w in free:
            if show:
                show(f"EXTRA {name}: {w.text} {w.value_low} {w.unit} {w.metric}")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f1, "pred": n_pred, "gold": n_gold,
            **{k: (v / tp if tp else 0.0) for k, v in right.items()}}


def main(argv: list[str]) -> int:
    result = score(show=print if "--show-errors" in argv else None)
    print("  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
