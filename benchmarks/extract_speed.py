"""Speed of people + organization extraction (and of the whole extract step) against plain jieba.lcut.

usage: python benchmarks/extract_speed.py [CORPUS] [--repeat N]

Both are timed in this process on the same clean texts, after warm-up (dictionaries loaded), and
reported as a ratio: ratio >= 0.40 means the step runs at least 0.40x as fast as a jieba.lcut pass.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def clean_docs(corpus: Path):
    from analysis.pipeline import clean_documents

    return clean_documents(corpus)


def timed(fn, docs, repeat: int) -> float:
    from timing import best_over

    return best_over(fn, docs, repeat, warmup=False)


def main(argv: list[str]) -> int:
    import jieba

    from analysis.extract import extract_all, orgs, people

    repeat = 5
    if "--repeat" in argv:
        k = argv.index("--repeat")
        repeat = int(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else ROOT / "corpus"
    docs = clean_docs(corpus)
    chars = sum(len(d.text) for d in docs)
    jieba.setLogLevel(60)
    jieba.initialize()

    def lcut(d):
        jieba.lcut(d.text)

    def people_orgs(d):
        people.extract(d, orgs=orgs.extract(d))

    for fn in (lcut, people_orgs, extract_all):      # warm-up: dictionaries, caches
        for d in docs:
            fn(d)
    from analysis import boilerplate, pipeline

    items = list(pipeline.iter_items(corpus))

    def whole(item):
        doc, _ = pipeline.prepare(Path(item[1]), item[0])
        if doc is not None:
            doc, _ = boilerplate.strip_document(doc, common=frozenset())
            extract_all(doc)

    for it in items:
        whole(it)
    base = timed(lcut, docs, repeat)
    pipe = timed(whole, items, repeat)
    po = timed(people_orgs, docs, repeat)
    full = timed(extract_all, docs, repeat)
    print(f"documents {len(docs)}, characters {chars}")
    print(f"jieba.lcut          {chars / base:12,.0f} chars/s")
    print(f"people+orgs         {chars / po:12,.0f} chars/s   ratio {base / po:5.2f}x of jieba.lcut")
    print(f"extract_all         {chars / full:12,.0f} chars/s   ratio {base / full:5.2f}x of jieba.lcut")
    print(f"load..extract       {chars / pipe:12,.0f} chars/s   ratio {base / pipe:5.2f}x of jieba.lcut"
          "   (per file: load, normalize, boilerplate, all extractors)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
