"""Which words end organization names: counts from public NER training splits.

For every ORG span of the training sentences the last word of the span (segmented alone, as the
organization stage segments a candidate) is counted as an organization ending; every word of every
sentence (segmented whole) is counted as an occurrence.  The organization stage reads the table to
doubt a recognizer span that ends in a common word no organization name ends in (武汉|肺炎, 党中央决策|部署).

Data: CLUENER2020 train + dev (organization, company, government), Weibo NER train + dev (ORG.NAM),
Résumé NER train (ORG), People's Daily dev.  Test splits (MSRA, People's Daily test, Weibo test) are not read.

    python benchmarks/train_org_ends.py            # writes analysis/data/org_end_words.tsv + .json
    python benchmarks/train_org_ends.py --exclude pd-dev --out /tmp/y.tsv   # a table that never saw pd-dev
"""
from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("ner_bench", Path(__file__).with_name("ner.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def sentences(data: Path) -> dict[str, list]:
    return bench.org_word_sets(data)


def count(sets: dict[str, list]) -> tuple[Counter, Counter, int]:
    sys.path.insert(0, str(REPO))
    from analysis import resources

    tok = resources.tokenizer()
    ends: Counter = Counter()
    seen: Counter = Counter()
    n_org = 0
    for sents in sets.values():
        for text, spans in sents:
            seen.update(tok.lcut(text, HMM=True))
            for ty, s, e in spans:
                if ty != "ORG" or e - s < 2:
                    continue
                words = tok.lcut(text[s:e], HMM=True)
                if len(words) >= 2:        # a one-word name says nothing about endings
                    ends[words[-1]] += 1
                    n_org += 1
    return ends, seen, n_org


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=REPO / "analysis" / "data" / "org_end_words.tsv")
    ap.add_argument("--exclude", default="", help="comma-separated sets to leave out (to score on them)")
    args = ap.parse_args(argv)
    sets = {k: v for k, v in sentences(args.data).items() if k not in args.exclude.split(",")}
    ends, seen, n_org = count(sets)
    rows = sorted(ends.items(), key=lambda kv: (-kv[1], kv[0]))
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# Last words of organization names in public NER training splits (benchmarks/train_org_ends.py).\n")
        f.write("# ends = ORG spans of two words or more ending in the word; seen = the word's occurrences in all sentences.\n")
        f.write("word\tends\tseen\n")
        for w, n in rows:
            if w.strip():
                f.write(f"{w}\t{n}\t{seen[w]}\n")
    meta = {
        "data": {name: len(s) for name, s in sets.items()},
        "org_spans_of_two_words_or_more": n_org,
        "words": len(rows),
        "segmentation": "analysis.resources.tokenizer(), HMM on; a span segmented alone, a sentence whole",
        "trained": datetime.date.today().isoformat(),
        "script": "benchmarks/train_org_ends.py",
    }
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(meta, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
