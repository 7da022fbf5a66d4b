"""Which words never stand inside an organization name: counts from public NER training splits.

Every word of every sentence (segmented whole) is counted as an occurrence; a word is counted as
inside an organization when it lies wholly inside an ORG span.  A word seen often and never inside
one (只有, 通过, 所属, 设在, 组队) marks where a recognizer span that runs past a name breaks: the
organization stage cuts such a span after the word (通过|村委会) or before it (中国队|组队).

Data: CLUENER2020 train + dev (organization, company, government), Weibo NER train + dev (ORG.NAM),
Résumé NER train (ORG).  People's Daily is not read (its dev split is the news tuning set of
``news_docs.py --sets pd-dev-heldout``), nor is any test split.

    python benchmarks/train_org_outside.py         # writes analysis/data/org_outside_words.tsv + .json
                                                   # and analysis/data/org_inside_chars.tsv

The same counts give the other side for single characters: ``org_inside_chars.tsv`` lists every
character that the segmentation leaves as a word of its own inside organization names at least twice
(北京市|住|建委, 丰台区|住|保办, 地质研究|所), with its count inside and in all.  A one-character verb or
adverb inside a recognizer span breaks the span only when names rarely hold it (在, 把, 的), not when
it is a character of an abbreviation (住, 教).

Measured (``news_docs.py --sets pd-dev-heldout --fold K --model`` fold K, five folds summed): the cut
lifted organizations F1 0.7218 -> 0.7229; ``--least`` 10 scored the same as 20, 5 lower (0.7218), and
the table alone, without the dictionary's function-word class, lower (0.7207: 家庭, 最高 are missed by
the small splits, not words that never name).  Devset and seeds unchanged.

The table lists words from five occurrences (``--least`` 5); the cuts inside a span still read only
those seen twenty times or more (``orgs_lexicon.org_outside(20)``), and only a span's last word, when
the dictionary knows it as a common word, is cut from five (ofo总部|排队, 香港市民|步行): the fifths
0.7304 -> 0.7315, devset organizations 0.842 -> 0.845.
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

LEAST = 5       # occurrences a listed word needs (the organization stage asks for more where it cuts inside a span)
INSIDE_LEAST = 2    # times a character must stand alone inside names to be listed in org_inside_chars.tsv


def sentences(data: Path) -> dict[str, list]:
    return bench.org_word_sets(data, pd=False)


def count(sets: dict[str, list]) -> tuple[Counter, Counter, int]:
    """(inside, seen, ORG spans): per word, occurrences wholly inside an ORG span and in all."""
    sys.path.insert(0, str(REPO))
    from analysis import resources

    tok = resources.tokenizer()
    inside: Counter = Counter()
    seen: Counter = Counter()
    n_org = 0
    for sents in sets.values():
        for text, spans in sents:
            orgs = [(s, e) for ty, s, e in spans if ty == "ORG"]
            n_org += len(orgs)
            pos = 0
            for w in tok.lcut(text, HMM=True):
                end = pos + len(w)
                seen[w] += 1
                if any(s <= pos and end <= e for s, e in orgs):
                    inside[w] += 1
                pos = end
            for s, e in orgs:                 # the span as the organization stage segments a candidate
                for w in tok.lcut(text[s:e], HMM=True):
                    inside[w] += 1
    return inside, seen, n_org


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=REPO / "analysis" / "data" / "org_outside_words.tsv")
    ap.add_argument("--least", type=int, default=LEAST, help="occurrences a listed word needs")
    args = ap.parse_args(argv)
    sets = sentences(args.data)
    inside, seen, n_org = count(sets)
    rows = sorted(((w, n) for w, n in seen.items() if n >= args.least and not inside[w] and w.strip()
                   and any("\u4e00" <= ch <= "\u9fff" for ch in w)), key=lambda kv: (-kv[1], kv[0]))
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# Words never inside an organization name in public NER training splits (benchmarks/train_org_outside.py).\n")
        f.write(f"# seen = the word's occurrences in all sentences (at least {args.least}); inside = 0 for every row.\n")
        f.write("word\tseen\n")
        for w, n in rows:
            f.write(f"{w}\t{n}\n")
    chars = sorted(((w, n) for w, n in inside.items() if len(w) == 1 and "\u4e00" <= w <= "\u9fff"
                    and n >= INSIDE_LEAST), key=lambda kv: (-kv[1], kv[0]))
    with args.out.with_name("org_inside_chars.tsv").open("w", encoding="utf-8") as f:
        f.write("# Characters standing alone inside organization names in public NER training splits "
                "(benchmarks/train_org_outside.py).\n")
        f.write("# inside = times a word of its own inside an ORG span (the sentence and the span segmented); "
                "seen = times a word of its own in all sentences.\n")
        f.write("char\tinside\tseen\n")
        for w, n in chars:
            f.write(f"{w}\t{n}\t{seen[w]}\n")
    meta = {
        "data": {name: len(s) for name, s in sets.items()},
        "org_spans": n_org,
        "least": args.least,
        "words": len(rows),
        "inside_chars": len(chars),
        "segmentation": "analysis.resources.tokenizer(), HMM on; sentences whole, and each ORG span alone "
                        "(a word of either reading inside a span counts as inside)",
        "trained": datetime.date.today().isoformat(),
        "script": "benchmarks/train_org_outside.py",
    }
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(meta, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
