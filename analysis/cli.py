"""Command line: ``kefu extract | clean | report | evaluate | ner``.

Thin edge: parse arguments, call the package, print, return an exit code.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DESCRIPTION = """\
kefu turns Chinese web articles (.txt, .md with front matter, .html; UTF-8,
GB18030, Big5, UTF-16) into clean simplified text and tables of people,
organizations, dates and workload figures.
"""

EPILOG = """\
examples:
  kefu extract corpus/ --out out/            all tables as CSV (UTF-8 with BOM)
  kefu clean corpus/ --out clean/            cleaned text + boilerplate audit only
  kefu report corpus/ --html report.html     terminal report and a self-contained HTML page
  kefu evaluate out/ --gold ../shared/gold   precision / recall / F1 per table
  echo 张晓燕是京东客服主管 | kefu ner        one JSON array of entities per input line
"""


def _jobs(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kefu", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def corpus_args(sp: argparse.ArgumentParser, default_out: str) -> None:
        sp.add_argument("corpus", type=Path, help="a folder (searched recursively) or one file")
        sp.add_argument("--out", type=Path, default=Path(default_out), help=f"output folder (default: {default_out})")
        sp.add_argument("--jobs", type=_jobs, default=None,
                        help="worker processes (default: number of cores)")
        sp.add_argument("--dask", metavar="ADDRESS", default=None,
                        help="run on a Dask cluster (scheduler address, or 'local')")
        sp.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    sp = sub.add_parser("extract", help="clean the corpus and write every table")
    corpus_args(sp, "out")
    sp.add_argument("--format", default="csv",
                    help="comma-separated: csv, parquet, xlsx, sqlite (default: csv)")

    sp = sub.add_parser("clean", help="cleaned simplified text + boilerplate audit only")
    corpus_args(sp, "clean-out")

    sp = sub.add_parser("report", help="print a report on a corpus or on an output folder")
    sp.add_argument("source", type=Path, help="a corpus folder/file, or a folder written by `kefu extract`")
    sp.add_argument("--html", type=Path, default=None, help="also write a self-contained HTML report")
    sp.add_argument("--top", type=int, default=10, help="rows per ranking (default: 10)")
    sp.add_argument("--jobs", type=_jobs, default=None, help="worker processes when SOURCE is a corpus")
    sp.add_argument("--dask", metavar="ADDRESS", default=None, help="Dask cluster when SOURCE is a corpus")
    sp.add_argument("--quiet", action="store_true", help="no progress bar")

    sp = sub.add_parser("evaluate", help="precision / recall / F1 of written tables against gold annotations")
    sp.add_argument("dir", type=Path, help="folder written by `kefu extract`")
    sp.add_argument("--gold", type=Path, required=True, help="folder of <doc_id>.json gold files")
    sp.add_argument("--show-errors", action="store_true", help="list every false positive, miss and wrong value")
    sp.add_argument("--json", action="store_true", help="print the scores as JSON")

    sp = sub.add_parser("ner", help="sentence mode: one JSON array of PER/ORG entities per input line")
    sp.add_argument("file", nargs="?", default="-", help="UTF-8 text, one sentence per line (default: stdin)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("extract", "report", "ner"):
        from analysis.extract import ner

        problem = ner.model_files_problem()
        if problem:
            print(f"kefu: {problem}", file=sys.stderr)
            return 2
    try:
        if args.command in ("extract", "clean"):
            from analysis import pipeline

            return pipeline.cli_run(args)
        if args.command == "report":
            from analysis import report

            return report.cli_run(args)
        if args.command == "evaluate":
            from analysis import score

            return score.cli_run(args)
        if args.command == "ner":
            from analysis.extract import ner

            return ner.cli_run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into `head` and closed early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
