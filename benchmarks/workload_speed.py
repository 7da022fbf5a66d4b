"""Speed of numerals.find and workload.extract against plain jieba.lcut on the same clean texts.

usage: python benchmarks/workload_speed.py [CORPUS] [--repeat N]

Everything is timed in this process after warm-up; the result is reported as
characters per second and as the share of a jieba.lcut pass the step costs
(0.15 means workload extraction takes 15% of the time jieba needs to segment
the same text). The whole pipeline must stay >= 0.40x jieba speed.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def clean_docs(corpus: Path):
    from analysis.pipeline import clean_documents

    return clean_documents(corpus)


def best_of(fn, repeat: int) -> float:
    from timing import best_over

    return best_over(lambda _: fn(), [None], repeat, warmup=False)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 7
    if "--repeat" in argv:
        args = [a for a in args if a != str(repeat)]
    corpus = Path(args[0]) if args else ROOT / "corpus"
    from analysis.extract import numerals, workload
    from analysis.resources import tokenizer

    docs = clean_docs(corpus)
    chars = sum(len(d.text) for d in docs)
    tok = tokenizer()
    for d in docs[:1]:                       # warm-up: dictionaries, compiled patterns
        tok.lcut(d.text)
        workload.extract(d, people=(), orgs=())
    t_jieba = best_of(lambda: [tok.lcut(d.text) for d in docs], repeat)
    t_find = best_of(lambda: [numerals.find(d.text) for d in docs], repeat)
    t_work = best_of(lambda: [workload.extract(d, people=(), orgs=()) for d in docs], repeat)
    print(f"{len(docs)} documents, {chars:,} characters")
    for name, t in (("jieba.lcut", t_jieba), ("numerals.find", t_find), ("workload.extract", t_work)):
        print(f"{name:<18}{chars / t:>12,.0f} chars/s   {t / t_jieba:6.3f} of a jieba pass")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
