"""Five-fold cross-validated score of the sentence recognizer on the public dev splits.

Runs ``benchmarks/train_ner.py --dev --fold K`` for K = 0..4 (``--jobs`` at a time), sums the
held-out counts of every fold and prints P/R/F1 per set and type.  This is the number to decide
feature, rule and setting changes on; the test splits are never read.

    python benchmarks/cv_ner.py                         # the current features and settings
    python benchmarks/cv_ner.py --c2 0.1                # any further option goes to train_ner.py
    python benchmarks/cv_ner.py --keep --out cv/        # keep the fold models; each fold's log names its file

Every fold trains a model from scratch (about a minute each on one core).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="Options not listed here are passed to train_ner.py.")
    ap.add_argument("--jobs", type=int, default=2, help="folds trained at once (default 2)")
    ap.add_argument("--name", default="cv", help="label of the printed rows and of kept fold files")
    ap.add_argument("--out", type=Path, default=None, help="folder for the fold counts (default: a temp folder)")
    ap.add_argument("--folds", default="0,1,2,3,4",
                    help="which of the five folds to run (default all; fewer when training is slow, counts summed "
                         "over those)")
    args, rest = ap.parse_known_args(argv)

    train = _load("train_ner")
    bench = train.bench
    train.write_char_classes(train.REPO / "analysis" / "data" / "ner_chars.tsv")  # once, before the folds
    out = args.out or Path(tempfile.mkdtemp(prefix="kefu-cv-"))
    out.mkdir(parents=True, exist_ok=True)

    def fold(k: int) -> dict:
        counts = out / f"{args.name}.{k}.json"
        cmd = [sys.executable, str(HERE / "train_ner.py"), "--dev", "--fold", str(k), "--json", str(counts),
               "--keep-char-classes", *rest]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        (out / f"{args.name}.{k}.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
        if proc.returncode:
            raise SystemExit(f"fold {k} failed (log: {out / f'{args.name}.{k}.log'}):\n{proc.stderr[-2000:]}")
        print(f"fold {k} done", file=sys.stderr)
        return json.loads(counts.read_text(encoding="utf-8"))

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        folds = [int(k) for k in args.folds.split(",")]
        results = list(pool.map(fold, folds))

    total: dict[str, dict[str, list[int]]] = {}
    for res in results:
        for setname, by_type in res.items():
            for ty, c in by_type.items():
                acc = total.setdefault(setname, {}).setdefault(ty, [0, 0, 0])
                for i in range(3):
                    acc[i] += c[i]
    print(f"{'name':10} {'set':16} | PER  P     R     F1 | ORG  P     R     F1 | LOC  P     R     F1")
    for setname, by_type in total.items():
        print(f"{args.name:10} {setname:16} | PER {bench.fmt(by_type['PER'])} | ORG {bench.fmt(by_type['ORG'])} | "
              f"LOC {bench.fmt(by_type['LOC'])}")
    summary = {"options": rest, "folds": folds, "scores": {
        setname: {ty: {"tp_pred_gold": c, **dict(zip(("P", "R", "F1"), (round(100 * x, 1) for x in bench.prf(*c))))}
                  for ty, c in by_type.items()} for setname, by_type in total.items()}}
    (out / f"{args.name}.summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(f"fold counts, logs and {args.name}.summary.json: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
