"""How much of the pipeline's time the boilerplate stage takes (issue: < 10%).

    python benchmarks/boilerplate_speed.py [CORPUS ...]     # default: corpus/ and ../shared/devset/corpus

Per document, best of three passes (CPU time of the process): load + normalize, strip_document (rules, repetition, line model,
context pass, credits), extraction of every table. Prints seconds per stage and the boilerplate share.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analysis import boilerplate, pipeline  # noqa: E402
from analysis.extract import extract_all, ner  # noqa: E402


def best(fn, repeat: int = 3):
    out, t_best = None, float("inf")
    for _ in range(repeat):
        t = time.process_time()         # CPU time of this process: steadier than wall time on a busy machine
        out = fn()
        t_best = min(t_best, time.process_time() - t)
    return out, t_best


def main(argv: list[str]) -> int:
    corpora = [Path(a) for a in argv] or [REPO / "corpus", REPO.parent / "shared" / "devset" / "corpus"]
    items = [(d, Path(p)) for c in corpora if c.exists() for d, p in pipeline.iter_items(c)]
    totals = {"load+normalize": 0.0, "boilerplate": 0.0, "extract": 0.0}
    for doc_id, path in items:            # warm caches (model, lexicons, tokenizer, CRF)
        doc, _ = pipeline.prepare(path, doc_id)
        if doc is not None:
            extract_all(boilerplate.strip_document(doc)[0])
    for doc_id, path in items:
        (doc, _), t = best(lambda: pipeline.prepare(path, doc_id))
        totals["load+normalize"] += t
        if doc is None:
            continue
        (clean, _), t = best(lambda: boilerplate.strip_document(doc))
        totals["boilerplate"] += t
        _, t = best(lambda: (ner.recognize_document.cache_clear(), extract_all(clean)))  # the tagging is memoized
        totals["extract"] += t
    whole = sum(totals.values())
    for k, v in totals.items():
        print(f"{k:<16}{v:8.3f} s  {100 * v / whole:5.1f}%")
    print(f"{len(items)} documents; boilerplate share {100 * totals['boilerplate'] / whole:.1f}% of the pipeline")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
