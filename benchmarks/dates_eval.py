"""Dates on the held-out article fixtures, and the speed of the dates extractor.

usage: python benchmarks/dates_eval.py [--show-errors] [--repeat N] [--event-years]

The fixtures in tests/examples/dates_articles/ are short news articles (mainland, Taiwan, Hong Kong)
written for this check, not taken from the corpus; each ``X.txt`` has ``X.expected.tsv`` (text, value,
kind). They go through the real loading, normalization and boilerplate steps, so a printed date line
becomes the publication date as it would in ``kefu extract``. Matching follows ../shared/eval/score.py:
exact wording first, then one text containing the other.

Devset (../shared/devset): the same matching against the gold JSON, reported separately for the dev
half (g1_* to g4_*, the articles rules may be designed on; --show-errors prints only their errors) and
the held-out half (g5_* to g8_*, scored, never inspected). Lines that boilerplate removes are removed
here as well. --event-years turns on the opt-in event-year fallback, to show what it changes.

Speed: dates.extract over the clean corpus texts, as chars/s and as a ratio to a plain jieba.lcut pass
timed in the same process.
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "tests" / "examples" / "dates_articles"


def clean(path: Path, doc_id: str):
    from analysis import boilerplate, pipeline

    doc, _ = pipeline.prepare(path, doc_id)
    doc, _ = boilerplate.strip_document(doc, common=frozenset())
    if not doc.meta.get("published"):
        doc = doc.replace(meta={**doc.meta, "published": pipeline.published_from_text(doc)})
    return doc


def norm(s) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def match(pred: list[tuple[str, str | None]], gold: list[dict]) -> tuple[int, int, list[str]]:
    """(matched, value-correct, error lines); distinct predicted wordings count once."""
    seen, rows = set(), []
    for t, v in pred:
        if norm(t) not in seen:
            seen.add(norm(t))
            rows.append((t, v))
    pairs: dict[int, int] = {}
    for exact in (True, False):
        taken = set(pairs.values())
        for i, (t, _) in enumerate(rows):
            if i in pairs:
                continue
            for j, g in enumerate(gold):
                gt, pt = norm(g["text"]), norm(t)
                if j not in taken and (pt == gt if exact else (pt in gt or gt in pt)):
                    pairs[i] = j
                    taken.add(j)
                    break
    errors, ok = [], 0
    for i, (t, v) in enumerate(rows):
        if i not in pairs:
            errors.append(f"FP\t{t}\t{v}")
            continue
        want = gold[pairs[i]]["value"] or None
        if want == v:
            ok += 1
        else:
            errors.append(f"VALUE\t{gold[pairs[i]]['text']}\twant {want} got {v}")
    for j, g in enumerate(gold):
        if j not in pairs.values():
            errors.append(f"FN\t{g['text']}\t{g['value']}")
    return len(pairs), ok, errors, len(rows)


def evaluate(show: bool = False) -> dict[str, float]:
    from analysis.extract import dates

    tp = ok = n_pred = n_gold = 0
    for txt in sorted(FIXTURES.glob("*.txt")):
        with (txt.with_suffix(".expected.tsv")).open(encoding="utf-8") as f:
            gold = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        doc = clean(txt, txt.name)
        pred = [(m.text, m.value) for m in dates.extract(doc)]
        m, v, errors, npred = match(pred, gold)
        tp, ok, n_pred, n_gold = tp + m, ok + v, n_pred + npred, n_gold + len(gold)
        if show:
            for e in errors:
                print(f"{txt.name}\t{e}")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "value_accuracy": ok / tp if tp else 0.0,
            "gold": n_gold, "predicted": n_pred}


DEVSET = ROOT.parent / "shared" / "devset"
HALVES = {"dev half": ("g1_", "g2_", "g3_", "g4_"), "held-out half": ("g5_", "g6_", "g7_", "g8_")}


def evaluate_devset(show: bool = False, event_years: bool = False) -> dict[str, dict[str, float]]:
    """Dates P/R/F1/value accuracy on the devset halves and in full, as ../shared/eval/score.py counts."""
    import json

    from analysis.extract import dates

    out = {}
    totals = {name: [0, 0, 0, 0] for name in (*HALVES, "devset")}
    for txt in sorted((DEVSET / "corpus").glob("*.txt")):
        gold_path = DEVSET / "gold" / f"{txt.name}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["dates"]
        doc = clean(txt, txt.name)
        pred = [(m.text, m.value) for m in dates.extract(doc, event_years=event_years)]
        m, v, errors, npred = match(pred, gold)
        half = next((h for h, prefixes in HALVES.items() if txt.name.startswith(prefixes)), None)
        for name in (half, "devset"):
            if name:
                t = totals[name]
                t[0], t[1], t[2], t[3] = t[0] + m, t[1] + v, t[2] + npred, t[3] + len(gold)
        if show and half == "dev half":
            for e in errors:
                print(f"{txt.name}\t{e}")
    for name, (tp, ok, n_pred, n_gold) in totals.items():
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[name] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                     "value_accuracy": ok / tp if tp else 0.0, "gold": n_gold, "predicted": n_pred}
    return out


def speed(repeat: int) -> tuple[float, float]:
    import jieba

    from analysis import pipeline
    from analysis.extract import dates

    docs = [clean(Path(p), i) for i, p in pipeline.iter_items(ROOT / "corpus")]
    docs += [clean(p, p.name) for p in sorted(FIXTURES.glob("*.txt"))]
    chars = sum(len(d.text) for d in docs)
    jieba.setLogLevel(60)
    jieba.initialize()

    from timing import best_over

    def best(fn) -> float:
        return best_over(fn, docs, repeat)

    t_dates = best(dates.extract)
    t_jieba = best(lambda d: jieba.lcut(d.text))
    return chars / t_dates, t_jieba / t_dates


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    s = evaluate(show="--show-errors" in argv)
    print(f"fixtures  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
          f"value acc {s['value_accuracy']:.3f}  (gold {s['gold']}, predicted {s['predicted']})")
    if (DEVSET / "corpus").is_dir():
        for name, d in evaluate_devset(show="--show-errors" in argv, event_years="--event-years" in argv).items():
            print(f"{name:<14}P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
                  f"value acc {d['value_accuracy']:.3f}  (gold {d['gold']}, predicted {d['predicted']})")
    cps, ratio = speed(repeat)
    print(f"speed     dates.extract {cps:,.0f} chars/s = {ratio:.1f}x jieba.lcut")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
