"""Test fixture: turn the gold annotations into tables with the CONTRACT columns.

The report, exports and scorer must work on full tables while the extractors
are still being written, and on whatever they produce later. These tables are
what a perfect extractor would write for the seed corpus (offsets are found by
searching the simplified text; documents.csv is measured from the raw files).
"""
from __future__ import annotations

import json
from pathlib import Path

from analysis.tables import SCHEMAS, CsvTableWriter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT.parent / "shared" / "gold"


def _simplified(text: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(text)


def _script(raw: str) -> str:
    return "traditional" if _simplified(raw) != raw and sum(a != b for a, b in zip(raw, _simplified(raw))) > 20 else "simplified"


def gold_rows(gold_dir: Path = GOLD, corpus: Path = CORPUS) -> dict[str, list[dict]]:
    rows = {name: [] for name in SCHEMAS}
    for f in sorted(Path(gold_dir).glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        doc = g["doc"]
        raw = (corpus / doc).read_text(encoding="utf-8-sig")
        removed = {b["line"] for b in g["boilerplate"]}
        kept = [ln for ln in raw.splitlines() if ln.strip() and ln.strip() not in removed]
        text = _simplified("\n".join(kept))
        title = next((ln.strip() for ln in kept if ln.strip()), "")[:40]
        rows["documents"].append({
            "doc_id": doc, "title": _simplified(title), "published": g.get("published"), "source": None,
            "script": _script(raw), "encoding": "utf-8", "format": "txt", "chars_raw": len(raw),
            "chars_clean": len(text), "lines_removed": len(g["boilerplate"]),
        })
        for i, b in enumerate(g["boilerplate"]):
            rows["boilerplate"].append({"doc_id": doc, "line_no": i + 1, "kind": b["kind"], "text": b["line"],
                                        "rule": "gold"})
        for p in g["people"]:
            rows["people"].append({"doc_id": doc, "name": p["name"], "aliases": p.get("aliases") or [p["name"]],
                                   "role": p.get("role"), "org": p.get("org"),
                                   "mentions": max(1, sum(text.count(a) for a in set(p.get("aliases") or [p["name"]]))),
                                   "rule": "gold"})
        for o in g["organizations"]:
            aliases = o.get("aliases") or [o["name"]]
            rows["organizations"].append({"doc_id": doc, "name": o["name"], "aliases": aliases, "type": o.get("type"),
                                          "mentions": max(1, sum(text.count(a) for a in set(aliases))),
                                          "rule": "gold"})
        for table in ("dates", "workload"):
            for d in g[table]:
                start = text.find(d["text"])
                end = start + len(d["text"]) if start >= 0 else None
                sentence = None
                if start >= 0:
                    from analysis.document import sentence_around
                    sentence = sentence_around(text, start, end)
                row = {"doc_id": doc, **{k: v for k, v in d.items() if k in SCHEMAS[table]},
                       "start": start if start >= 0 else None, "end": end, "sentence": sentence, "rule": "gold"}
                rows[table].append(row)
    return rows


def write_gold_tables(out_dir: Path, gold_dir: Path = GOLD, corpus: Path = CORPUS) -> Path:
    rows = gold_rows(gold_dir, corpus)
    with CsvTableWriter(out_dir, list(SCHEMAS)) as w:
        for name, table_rows in rows.items():
            w.write(name, table_rows)
    return Path(out_dir)


def write_empty_tables(out_dir: Path, corpus: Path = CORPUS) -> Path:
    """Documents and boilerplate filled, extractor tables with headers only (today's pipeline)."""
    rows = gold_rows(GOLD, corpus)
    with CsvTableWriter(out_dir, list(SCHEMAS)) as w:
        w.write("documents", rows["documents"])
        w.write("boilerplate", rows["boilerplate"])
    return Path(out_dir)


if __name__ == "__main__":
    import sys

    print(write_gold_tables(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gold-tables")))
