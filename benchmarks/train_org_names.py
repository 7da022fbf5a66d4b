"""Which strings the public NER training splits annotate as organizations wherever they print them.

For every ORG span of the training sentences, ``named`` counts the spans that are exactly that string
and ``seen`` its occurrences anywhere in the same sentences.  The organization stage reads the table
to keep a name the recognizer tags once although the dictionary knows it as a common word or a place
(海军, 内阁, 曼联, 保守党: named at most occurrences), while a common word the annotators leave alone
(酒店, 中心, 娘子军) stays doubtful.

Data: CLUENER2020 train + dev without its held-out fifth (organization, company, government), Weibo
NER train + dev (ORG.NAM), Résumé NER train (ORG), People's Daily dev.  Test splits (MSRA, People's
Daily test, Weibo test) and the CLUENER held-out fifth are not read.

    python benchmarks/train_org_names.py                     # writes analysis/data/org_name_words.tsv + .json
    python benchmarks/train_org_names.py --exclude pd-dev --out /tmp/x.tsv   # a table that never saw pd-dev
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

MIN_NAMED = 2          # a string annotated once says little
MAX_LEN = 8


def sentences(data: Path) -> dict[str, list]:
    dev = bench.read_cluener(data, "dev")
    return {
        "cluener-train": bench.read_cluener(data, "train"),
        "cluener-dev": [s for i, s in enumerate(dev) if i % 5 != 4],
        "weibo-train": bench.read_weibo_train(data),
        "weibo-dev": bench.read_weibo(data, "dev"),
        "resume-train": bench.read_resume(data),
        "pd-dev": bench.read_pd(data, "dev"),
    }


def count(sets: dict[str, list]) -> tuple[Counter, Counter]:
    """(string -> ORG spans that are exactly it, string -> its occurrences in all sentences)."""
    sys.path.insert(0, str(REPO))
    from analysis.normalize import fullwidth

    named: Counter = Counter()
    texts: list[str] = []
    for sents in sets.values():
        for text, spans in sents:
            text = fullwidth(text)
            texts.append(text)
            for ty, s, e in spans:
                if ty == "ORG" and 2 <= e - s <= MAX_LEN:
                    named[text[s:e]] += 1
    whole = "\n".join(texts)
    seen = Counter({w: whole.count(w) for w, n in named.items() if n >= MIN_NAMED})
    return named, seen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=REPO / "analysis" / "data" / "org_name_words.tsv")
    ap.add_argument("--exclude", default="", help="comma-separated sets to leave out (to score on them)")
    args = ap.parse_args(argv)
    sets = {k: v for k, v in sentences(args.data).items() if k not in args.exclude.split(",")}
    named, seen = count(sets)
    rows = sorted(((w, named[w], seen[w]) for w in seen), key=lambda r: (-r[1], r[0]))
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# Strings annotated as organizations in public NER training splits (benchmarks/train_org_names.py).\n")
        f.write(f"# named = ORG spans that are exactly the string (>= {MIN_NAMED}); seen = its occurrences in all sentences.\n")
        f.write("name\tnamed\tseen\n")
        for w, n, k in rows:
            if w.strip() and "\t" not in w:
                f.write(f"{w}\t{n}\t{k}\n")
    meta = {
        "data": {name: len(s) for name, s in sets.items()},
        "strings": len(rows),
        "min_named": MIN_NAMED,
        "trained": datetime.date.today().isoformat(),
        "script": "benchmarks/train_org_names.py",
    }
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(meta, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
