"""Score written tables against gold annotations (``kefu evaluate DIR --gold GOLD``).

The matching rules are the project's reference rules (shared/eval/score.py),
reimplemented here so the installed package needs nothing outside itself:

- people / organizations: a row matches a gold entity when its name or one of
  its aliases equals the gold name or one of the gold aliases; one-to-one,
  greedy, in row order. A second row for an entity already matched is a false
  positive (aliases were not merged).
- dates: the row text and the gold text contain one another (exact wordings
  are paired first); a wording repeated in a document counts once.
  value accuracy = matched rows whose value equals the gold value.
- workload: texts contain one another, or the gold text contains the row's
  number, and value_low is equal; value accuracy also compares value_high,
  unit and metric.
- boilerplate: distinct stripped raw lines per document.

Only documents that have a gold file are scored. Standard library only.
"""
from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

TABLES = ("people", "organizations", "dates", "workload", "boilerplate")
VALUE_TABLES = ("dates", "workload")
_SPACE = re.compile(r"\s+")
_ALIAS_SPLIT = re.compile(r"[|;；、,，]")


def norm(s) -> str:
    if s is None:
        return ""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(s)))


def read_rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def split_aliases(value) -> set[str]:
    if value is None:
        return set()
    value = str(value)
    if value.startswith("["):
        try:
            return {norm(v) for v in json.loads(value) if norm(v)}
        except json.JSONDecodeError:
            pass
    return {norm(v) for v in _ALIAS_SPLIT.split(value) if norm(v)}


def as_float(v) -> float | None:
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    v = str(v).strip()
    if v in ("", "nan", "None", "null", "NaN", "<NA>"):
        return None
    try:
        return float(v)
    except ValueError:
        return None


def doc_key(doc_id) -> str:
    """``002_x.txt``, ``corpus/002_x.txt`` -> ``002_x.txt``."""
    return Path(str(doc_id)).name


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match_entities(pred: list[dict], gold: list[dict]):
    gold_forms = [({norm(g["name"])} | {norm(a) for a in g.get("aliases", [])}) - {""} for g in gold]
    used: set[int] = set()
    tp = 0
    errors = []
    for row in pred:
        forms = ({norm(row.get("name"))} | split_aliases(row.get("aliases"))) - {""}
        hit = next((i for i, gf in enumerate(gold_forms) if i not in used and forms & gf), None)
        if hit is None:
            dup = any(forms & gf for gf in gold_forms)
            errors.append(("FP-dup" if dup else "FP", row.get("name")))
        else:
            used.add(hit)
            tp += 1
    errors += [("FN", g["name"]) for i, g in enumerate(gold) if i not in used]
    return tp, len(pred), len(used), len(gold), errors


def _contains(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def _number_forms(x) -> set[str]:
    f = as_float(x)
    if f is None:
        return set()
    return {str(int(f))} if f == int(f) else {str(f)}


def distinct(pred: list[dict], kind: str) -> list[dict]:
    """One row per distinct wording: a date or figure repeated in the text counts once."""
    seen, out = set(), []
    for row in pred:
        key = norm(row.get("text")) if kind == "dates" else (norm(row.get("text")), as_float(row.get("value_low")))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def match_spans(pred: list[dict], gold: list[dict], kind: str):
    pred = distinct(pred, kind)

    def fits(row: dict, g: dict, exact: bool) -> bool:
        pt, gt = norm(row.get("text")), norm(g.get("text"))
        if kind == "dates":
            return pt == gt if exact else _contains(pt, gt)
        if as_float(row.get("value_low")) != as_float(g.get("value_low")):
            return False
        if exact:
            return pt == gt
        return _contains(pt, gt) or any(n in gt and n in pt for n in _number_forms(row.get("value_low")))

    pairs: dict[int, int] = {}  # row index -> gold index; exact wordings first, then containment
    for exact in (True, False):
        taken = set(pairs.values())
        for i, row in enumerate(pred):
            if i in pairs:
                continue
            j = next((j for j, g in enumerate(gold) if j not in taken and fits(row, g, exact)), None)
            if j is not None:
                pairs[i] = j
                taken.add(j)

    value_ok = 0
    errors = []
    for i, row in enumerate(pred):
        if i not in pairs:
            errors.append(("FP", row.get("text"), row.get("value") if kind == "dates" else row.get("value_low")))
            continue
        g = gold[pairs[i]]
        if kind == "dates":
            ok = norm(row.get("value")) == norm(g.get("value"))
            want, got = g.get("value"), row.get("value")
        else:
            ok = (as_float(row.get("value_high")) == as_float(g.get("value_high"))
                  and norm(row.get("unit")) == norm(g.get("unit"))
                  and norm(row.get("metric")) == norm(g.get("metric")))
            want = (g.get("value_high"), g.get("unit"), g.get("metric"))
            got = (row.get("value_high"), row.get("unit"), row.get("metric"))
        value_ok += ok
        if not ok:
            errors.append(("VALUE", g.get("text"), f"want {want} got {got}"))
    matched = set(pairs.values())
    errors += [("FN", g.get("text"), g.get("value") if kind == "dates" else g.get("value_low"))
               for j, g in enumerate(gold) if j not in matched]
    return len(pairs), len(pred), len(matched), len(gold), value_ok, errors


def match_lines(pred: list[dict], gold: list[dict]):
    p = {norm(r.get("text")) for r in pred} - {""}
    g = {norm(x.get("line")) for x in gold} - {""}
    errors = [("FP", x) for x in sorted(p - g)] + [("FN", x) for x in sorted(g - p)]
    return len(p & g), len(p), len(p & g), len(g), errors


@dataclass
class Evaluation:
    docs: int
    missing_tables: list[str]
    scores: dict[str, dict]
    errors: list[tuple] = field(default_factory=list)   # (doc, table, kind, text[, detail])

    def as_json(self) -> dict:
        return {"docs": self.docs, "missing_tables": self.missing_tables, "scores": self.scores}


def load_gold(gold_dir: Path) -> dict[str, dict]:
    gold = {}
    for f in sorted(Path(gold_dir).glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        gold[doc_key(g.get("doc") or f.name[:-5])] = g
    return gold


def evaluate(out_dir: Path, gold_dir: Path) -> Evaluation:
    """Score the tables in ``out_dir`` against every gold file in ``gold_dir``."""
    out_dir = Path(out_dir)
    gold = load_gold(gold_dir)
    if not gold:
        raise FileNotFoundError(f"no gold files (*.json) in {gold_dir}")
    missing = [t for t in TABLES if not (out_dir / f"{t}.csv").exists()]
    by_doc: dict[str, dict[str, list[dict]]] = {t: {} for t in TABLES}
    for t in TABLES:
        for r in read_rows(out_dir / f"{t}.csv"):
            by_doc[t].setdefault(doc_key(r.get("doc_id", "")), []).append(r)

    totals = {t: [0, 0, 0, 0, 0] for t in TABLES}  # tp_pred, n_pred, tp_gold, n_gold, value_ok
    errors: list[tuple] = []
    for doc, g in gold.items():
        for t in TABLES:
            pred = by_doc[t].get(doc, [])
            if t in ("people", "organizations"):
                tp, npred, tg, ng, errs = match_entities(pred, g.get(t, []))
                vok = 0
            elif t == "boilerplate":
                tp, npred, tg, ng, errs = match_lines(pred, g.get(t, []))
                vok = 0
            else:
                tp, npred, tg, ng, vok, errs = match_spans(pred, g.get(t, []), t)
            for k, v in enumerate((tp, npred, tg, ng, vok)):
                totals[t][k] += v
            errors += [(doc, t) + e for e in errs]

    scores = {}
    for t, (tp, npred, tg, ng, vok) in totals.items():
        p, r, f = prf(tp, npred, tg, ng)
        scores[t] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                     "predicted": npred, "gold": ng, "matched": tp}
        if t in VALUE_TABLES:
            scores[t]["value_acc"] = round(vok / tp, 3) if tp else 0.0
    return Evaluation(len(gold), missing, scores, errors)


def format_scores(ev: Evaluation, *, show_errors: bool = False) -> str:
    """The plain-text score table (same layout as the reference scorer)."""
    lines = [f"documents scored: {ev.docs}"
             + (f"   missing tables: {', '.join(ev.missing_tables)}" if ev.missing_tables else "")]
    lines.append(f"{'table':<14}{'P':>7}{'R':>7}{'F1':>7}{'value':>8}{'pred':>7}{'gold':>7}")
    for t, s in ev.scores.items():
        va = f"{s['value_acc']:.3f}" if "value_acc" in s else "-"
        lines.append(f"{t:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{va:>8}"
                     f"{s['predicted']:>7}{s['gold']:>7}")
    if show_errors:
        lines += ["\t".join(str(x) for x in e) for e in ev.errors]
    return "\n".join(lines)


def cli_run(args) -> int:
    if not Path(args.dir).is_dir():
        print(f"kefu evaluate: {args.dir} is not a folder written by `kefu extract`", file=sys.stderr)
        return 2
    try:
        ev = evaluate(args.dir, args.gold)
    except FileNotFoundError as e:
        print(f"kefu evaluate: {e}", file=sys.stderr)
        return 2
    if getattr(args, "json", False):
        print(json.dumps(ev.as_json(), ensure_ascii=False))
    else:
        print(format_scores(ev, show_errors=getattr(args, "show_errors", False)))
    return 0
