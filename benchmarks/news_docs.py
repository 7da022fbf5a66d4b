"""People and organization tables on public NER sentences grouped into news documents.

The public sets annotate sentences; kefu's tables describe documents.  This benchmark groups the
sentences of a set, in file order, ``--size`` (20) to a document, keeps the first ``--docs`` (120)
documents, writes them as a corpus folder (one sentence per line), runs ``kefu extract`` on it and
scores ``people.csv`` and ``organizations.csv`` per document:

    per document, the set of names and aliases in the table  vs  the set of annotated PER / ORG strings;
    micro precision / recall / F1 summed over documents.

Sets (``--sets``): ``msra`` (MSRA test), ``pd`` (People's Daily test) are for reporting only;
tune on the dev splits grouped the same way: ``pd-dev`` (People's Daily dev), ``weibo-dev``,
``cluener-dev``, ``cluener-heldout`` (the fifth of CLUENER dev the shipped recognizer never trains
on), ``pd-dev-heldout`` (the People's Daily dev fifth, index % 5 == ``--fold``, that the fold model of
``train_ner.py --dev --fold K`` never trains on: news text for tuning, with ``--model`` naming that fold
model; the five folds together cover People's Daily dev), ``cluener-train`` and ``weibo-train`` (the training splits: held out for a recognizer that its
sidecar ``ner_crf.json`` says was not trained on them).  The shipped recognizer is trained on the other
dev splits, so figures on them flatter the recognizer; they still show what the document-level
resolution adds or loses.

Two organization word tables are counted with People's Daily dev (``data/org_name_words.tsv``,
``data/org_end_words.tsv``), so ``pd-dev-heldout`` figures made with them flatter the organization stage
(five fifths: 0.726 against 0.7225).  For held-out figures, count them without it and put them in place
of the shipped ones for the runs (``news_docs.py`` runs ``kefu extract`` from this checkout), then restore:

    python benchmarks/train_org_names.py --exclude pd-dev --out analysis/data/org_name_words.tsv
    python benchmarks/train_org_ends.py --exclude pd-dev --out analysis/data/org_end_words.tsv
    python benchmarks/news_docs.py --sets pd-dev-heldout --fold K --model fK.tsv.gz --docs 200   # K = 0..4
    git checkout analysis/data/org_name_words.tsv analysis/data/org_end_words.tsv analysis/data/org_name_words.json analysis/data/org_end_words.json

    python benchmarks/news_docs.py                          # msra,pd; people and organizations
    python benchmarks/news_docs.py --sets pd-dev --tables people --show-errors 40
    python benchmarks/news_docs.py --reference              # also `kefu ner` per sentence, collected per document

An organization's ``name`` is its canonical name (gold/FORMAT.md), which the text may never print
(欧洲联盟 where the text says 欧盟); its ``aliases`` are the surface forms.  The organizations table is
therefore scored twice: ``kefu`` counts names and aliases (the issue's definition), ``kefu:forms``
the aliases alone, the strings a sentence annotation can contain.

``--reference`` scores the sentence recognizer alone on the same documents (every PER / ORG span
of every sentence, as strings), the ceiling a document extractor starts from.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("ner_bench", Path(__file__).with_name("ner.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

TABLES = {"people": ("people.csv", "PER"), "organizations": ("organizations.csv", "ORG")}
SETS = {
    "msra": lambda data: bench.read_msra(data),
    "pd": lambda data: bench.read_pd(data, "test"),
    "pd-dev": lambda data: bench.read_pd(data, "dev"),
    "weibo-dev": lambda data: bench.read_weibo(data, "dev"),
    "cluener-dev": lambda data: bench.read_cluener(data),
    "cluener-heldout": lambda data: bench.cluener_heldout(bench.read_cluener(data)),
    "pd-dev-heldout": lambda data: [s for i, s in enumerate(bench.read_pd(data, "dev")) if i % 5 == FOLD[0]],
    "cluener-train": lambda data: bench.read_cluener(data, "train"),
    "weibo-train": lambda data: bench.read_weibo_train(data),
}

FOLD = [4]  # the People's Daily dev fifth of ``pd-dev-heldout`` (``--fold``)
Doc = tuple[str, list[str], dict[str, set[str]]]     # doc_id, sentences, type -> gold strings


def _fold(s: str) -> str:
    """The gold string as kefu's normalization writes it (full-width letters and digits -> ASCII)."""
    from analysis.normalize import fullwidth

    return fullwidth(s).strip()


def documents(sents, *, size: int = 20, docs: int = 120) -> list[Doc]:
    """The first ``docs`` groups of ``size`` consecutive sentences, with their gold strings per type."""
    out: list[Doc] = []
    for k in range(docs):
        group = sents[k * size:(k + 1) * size]
        if len(group) < size:
            break
        gold: dict[str, set[str]] = {"PER": set(), "ORG": set()}
        for text, spans in group:
            for ty, s, e in spans:
                if ty in gold:
                    gold[ty].add(_fold(text[s:e]))
        out.append((f"doc_{k + 1:04d}.txt", [t for t, _ in group], gold))
    return out


def write_corpus(docs: list[Doc], folder: Path, *, per_line: int = 1) -> None:
    """One file per document, ``per_line`` sentences to a line (a paragraph)."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, sents, _ in docs:
        lines = ["".join(s.strip() for s in sents[i:i + per_line]) for i in range(0, len(sents), per_line)]
        (folder / doc_id).write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_extract(corpus: Path, out: Path, *, jobs: int = 1) -> float:
    """``kefu extract`` from this checkout on ``corpus``; seconds taken."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(out),
                    "--jobs", str(jobs), "--quiet"], cwd=REPO, check=True)
    return time.perf_counter() - t0


def read_table(path: Path, *, names: bool = True) -> dict[str, set[str]]:
    """doc_id -> every name and alias in a people / organizations CSV (``names=False``: the aliases
    alone, the surface forms the document prints; an organization's canonical name may not be one)."""
    found: dict[str, set[str]] = {}
    if not path.exists():
        return found
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            forms = found.setdefault(row["doc_id"], set())
            if names or not row.get("aliases"):
                forms.add(row["name"].strip())
            forms.update(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return found


def reference(docs: list[Doc]) -> dict[str, dict[str, set[str]]]:
    """type -> doc_id -> strings the sentence recognizer tags in the document's sentences."""
    sys.path.insert(0, str(REPO))
    from analysis.extract import ner

    out: dict[str, dict[str, set[str]]] = {"PER": {}, "ORG": {}}
    for doc_id, sents, _ in docs:
        for ty in out:
            out[ty][doc_id] = set()
        for s in sents:
            s = _fold(s)
            for ty, a, b in ner.recognize(s):
                if ty in out:
                    out[ty][doc_id].add(s[a:b])
    return out


def score(docs: list[Doc], found: dict[str, set[str]], ty: str, *, errors: Counter | None = None):
    """(true positives, predicted, gold) summed over documents."""
    tp = npred = ngold = 0
    for doc_id, _, gold in docs:
        g = gold[ty]
        p = found.get(doc_id, set())
        tp += len(g & p)
        npred += len(p)
        ngold += len(g)
        if errors is not None:
            errors.update(f"miss  {x}" for x in g - p)
            errors.update(f"extra {x}" for x in p - g)
    return tp, npred, ngold


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA, help="folder of the public NER sets")
    ap.add_argument("--sets", default="msra,pd", help=f"comma-separated, of: {', '.join(SETS)}")
    ap.add_argument("--tables", default="people,organizations", help="people, organizations or both")
    ap.add_argument("--docs", type=int, default=120, help="number of documents per set")
    ap.add_argument("--size", type=int, default=20, help="sentences per document")
    ap.add_argument("--per-line", type=int, default=1,
                    help="sentences per line (paragraph); 1 = one sentence per line, as the issue measured")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for kefu extract")
    ap.add_argument("--reference", action="store_true", help="also score `kefu ner` per sentence")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="print the N most frequent errors")
    ap.add_argument("--keep", type=Path, help="write corpus and tables here instead of a temp folder")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    ap.add_argument("--model", type=Path,
                    help="recognizer model file to use instead of the shipped one (sets KEFU_NER_MODEL)")
    ap.add_argument("--persons", type=str,
                    help="person model file to pair with it instead of the shipped one, or 'none' for the "
                         "first model alone (sets KEFU_NER_PERSONS; a fold of --model wants a fold of it)")
    ap.add_argument("--fold", type=int, default=4, choices=range(5),
                    help="pd-dev-heldout: the fifth of People's Daily dev (index %% 5 == FOLD)")
    args = ap.parse_args(argv)
    FOLD[0] = args.fold
    if args.model:
        if not args.model.is_file():
            ap.error(f"--model: no such file: {args.model}")
        os.environ["KEFU_NER_MODEL"] = str(args.model.resolve())
    if args.persons:
        if args.persons != "none" and not Path(args.persons).is_file():
            ap.error(f"--persons: no such file: {args.persons}")
        os.environ["KEFU_NER_PERSONS"] = args.persons if args.persons == "none" else str(Path(args.persons).resolve())
    sys.path.insert(0, str(REPO))

    tables = [t for t in args.tables.split(",") if t]
    results: dict = {}
    print(f"{'set':12} {'table':13} {'source':9} {'docs':>4} | {'P':>5} {'R':>5} {'F1':>5} | {'tp':>5} {'pred':>5} {'gold':>5}")
    with tempfile.TemporaryDirectory(prefix="kefu-news-docs-") as tmp:
        root = args.keep or Path(tmp)
        for name in [s for s in args.sets.split(",") if s]:
            docs = documents(SETS[name](args.data), size=args.size, docs=args.docs)
            corpus, out = root / name / "corpus", root / name / "out"
            write_corpus(docs, corpus, per_line=args.per_line)
            seconds = run_extract(corpus, out, jobs=args.jobs)
            ref = reference(docs) if args.reference else None
            for table in tables:
                filename, ty = TABLES[table]
                sources = {"kefu": read_table(out / filename)}
                if table == "organizations":
                    sources["kefu:forms"] = read_table(out / filename, names=False)
                if ref is not None:
                    sources["ner"] = ref[ty]
                for source, found in sources.items():
                    errors = Counter() if args.show_errors and source == "kefu" else None
                    counts = score(docs, found, ty, errors=errors)
                    p, r, f = prf(*counts)
                    results.setdefault(name, {}).setdefault(table, {})[source] = {
                        "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4),
                        "tp": counts[0], "pred": counts[1], "gold": counts[2], "docs": len(docs)}
                    print(f"{name:12} {table:13} {source:9} {len(docs):4} | {p:5.3f} {r:5.3f} {f:5.3f} |"
                          f" {counts[0]:5} {counts[1]:5} {counts[2]:5}")
                    if errors:
                        for err, n in errors.most_common(args.show_errors):
                            print(f"    {n:3} {err}")
            results.setdefault(name, {})["extract_seconds"] = round(seconds, 1)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
