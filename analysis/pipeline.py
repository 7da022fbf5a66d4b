"""Compose the stages: load -> normalize -> boilerplate -> extract -> tables.

A corpus runs in two passes so that corpus-level decisions do not depend on
file order or on how documents are split between workers:
  pass 1: load + normalize every document, count in how many documents each
          line occurs (:class:`analysis.boilerplate.LineStats`);
  pass 2: load + normalize + strip + extract each document with those counts,
          writing its rows as soon as it is done (bounded memory).
Both passes map over the documents with :mod:`analysis.parallel` (serial,
worker processes or a Dask cluster), which returns results in doc_id order.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import boilerplate, load, normalize, parallel
from analysis.document import Document, Problem, Removed
from analysis.parallel import SMALL_CORPUS, default_jobs  # noqa: F401  (re-exported)
from analysis.tables import CLEAN_TABLES, SCHEMAS, CsvTableWriter


@dataclass
class DocResult:
    doc_id: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    clean_text: str | None = None


@dataclass
class Summary:
    documents: int = 0
    failed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    out_dir: Path | None = None


# ---- one document ---------------------------------------------------------------

def prepare(path: Path, doc_id: str) -> tuple[Document | None, list[Problem]]:
    """Load and normalize one file (no corpus knowledge needed)."""
    doc, problems = load.document(Path(path), doc_id)
    if doc is None:
        return None, problems
    try:
        doc, more = normalize.document(doc)
    except Exception as e:  # a bug must not stop the corpus
        return None, problems + [Problem(doc_id, "normalize", f"{type(e).__name__}: {e}")]
    return doc, problems + more


def line_hashes(item: tuple[str, str]) -> set[int]:
    doc_id, path = item
    doc, _ = prepare(Path(path), doc_id)
    return boilerplate.doc_hashes(doc) if doc is not None else set()


Cleaned = tuple  # (Document or None, removed lines, problems): see clean()


def clean(item: tuple[str, str], common: frozenset[int]) -> Cleaned:
    """Pass 2 for one document up to its clean text: load, normalize, strip, published date."""
    doc_id, path = item
    doc, problems = prepare(Path(path), doc_id)
    removed: list[Removed] = []
    if doc is not None:
        try:
            doc, removed = boilerplate.strip_document(doc, common=common)
        except Exception as e:
            problems.append(Problem(doc_id, "boilerplate", f"{type(e).__name__}: {e}"))
            removed = []
        if not doc.meta.get("published"):
            doc = doc.replace(meta={**doc.meta, "published": published_from_text(doc)})
    return doc, removed, problems


def process(item: tuple[str, str], common: frozenset[int], extract: bool = True, *,
            cleaned: Cleaned | None = None) -> DocResult:
    """Pass 2 for one document: every table's rows and the clean text (``cleaned``: its ``clean()``
    if already done)."""
    doc_id, path = item
    result = DocResult(doc_id, {name: [] for name in SCHEMAS})
    doc, removed, problems = cleaned if cleaned is not None else clean(item, common)
    if doc is not None:
        result.clean_text = doc.text
        result.rows["boilerplate"] = [_removed_row(r) for r in removed]
        result.rows["documents"] = [_document_row(doc, len(removed))]
        if extract:
            try:
                from analysis.extract import extract_all

                ex = extract_all(doc)
                result.rows.update(_extraction_rows(doc, ex))
                problems += [Problem(doc_id, "extract", message, severity="warning") for message in ex.problems]
            except Exception as e:
                problems.append(Problem(doc_id, "extract", f"{type(e).__name__}: {e}", severity="warning"))
    result.rows["errors"] = [
        {"doc_id": p.doc_id, "stage": p.stage, "severity": p.severity, "message": p.message} for p in problems
    ]
    return result


def published_from_text(doc: Document) -> str | None:
    try:
        from analysis.extract import dates
    except ImportError:
        return None
    finder = getattr(dates, "published_from_text", None)
    if finder is None:
        return None
    try:
        return finder(doc.text)
    except Exception:
        return None


def _removed_row(r: Removed) -> dict:
    return {"doc_id": r.doc_id, "line_no": r.line_no, "kind": r.kind, "text": r.text, "rule": r.rule,
            "raw_start": r.raw_start, "raw_end": r.raw_end}


def _document_row(doc: Document, removed: int) -> dict:
    m = doc.meta
    return {
        "doc_id": doc.id, "title": m.get("title"), "published": m.get("published"), "source": m.get("source"),
        "script": m.get("script"), "encoding": m.get("encoding"), "format": m.get("format"),
        "chars_raw": len(doc.raw), "chars_clean": len(doc.text), "lines_removed": removed,
        "author": m.get("author") or [], "editor": m.get("editor") or [],
        "photographer": m.get("photographer") or [],
    }


def _extraction_rows(doc: Document, ex) -> dict[str, list[dict]]:
    def spans(start: int, end: int) -> dict:
        rs, re_ = doc.raw_span(start, end)
        return {"start": start, "end": end, "raw_start": rs, "raw_end": re_,
                "sentence": doc.sentence_at(start, end)}

    return {
        "people": [{"doc_id": doc.id, "name": p.name, "aliases": p.aliases, "role": p.role, "org": p.org,
                    "mentions": p.mentions, "rule": p.rule} for p in ex.people],
        "organizations": [{"doc_id": doc.id, "name": o.name, "aliases": o.aliases, "type": o.type,
                           "mentions": o.mentions, "canonical": o.canonical or o.name, "rule": o.rule}
                          for o in ex.organizations],
        "dates": [{"doc_id": doc.id, "text": d.text, "value": d.value, "kind": d.kind, "rule": d.rule, "anchor": d.anchor,
                   **spans(d.start, d.end)} for d in ex.dates],
        "workload": [{"doc_id": doc.id, "text": w.text, "value_low": w.value_low, "value_high": w.value_high,
                      "unit": w.unit, "metric": w.metric, "period": w.period, "qualifier": w.qualifier,
                      "subject": w.subject, "rule": w.rule, **spans(w.start, w.end)} for w in ex.workload],
    }


# ---- output paths -----------------------------------------------------------------

UNSAFE = re.compile(r'[<>:"\\|?*\x00-\x1f]')


def safe_relpath(doc_id: str, suffix: str = ".txt") -> Path:
    """A path under the output folder for a doc_id, whatever characters it holds."""
    parts = []
    for part in re.split(r"[/\\]+", doc_id):
        part = UNSAFE.sub("_", part).strip(" .")
        if part in ("", ".", ".."):
            part = "_"
        if len(part.encode("utf-8")) > 150:
            digest = hashlib.sha1(part.encode("utf-8")).hexdigest()[:10]
            part = part.encode("utf-8")[:120].decode("utf-8", "ignore") + "-" + digest
        parts.append(part)
    return Path(*parts[:-1], parts[-1] + suffix)


# ---- corpus -----------------------------------------------------------------------

def warm_resources(extract: bool) -> None:
    """Load the objects every document needs once (in the parent before forking workers).

    The tokenizer is left to the first document processed in the parent: it
    is loaded then only if an extractor really uses it.
    """
    from analysis.resources import opencc_converter

    opencc_converter("t2s")
    boilerplate.rules()


class _Process:
    """Picklable pass-2 function carrying the corpus line statistics."""

    def __init__(self, common: frozenset[int], extract: bool):
        self.common = common
        self.extract = extract

    def __call__(self, item):
        return process(item, self.common, self.extract)

    def many(self, items) -> list[DocResult]:
        """``self(item)`` of each item, the recognizer run over their clean texts together first (one
        Viterbi pass for many documents costs less than one per document; the results are the same)."""
        cleaned = [clean(item, self.common) for item in items]
        if self.extract:
            try:
                from analysis.extract import ner

                docs = [doc for doc, _, _ in cleaned if doc is not None]
                # and the removed credit and caption lines the extractors read for names
                ner.prepare_documents([doc.text for doc in docs]
                                      + ["\n".join((doc.meta or {}).get("name_lines") or ()) for doc in docs])
            except Exception:  # noqa: BLE001 - each document's extraction meets and reports it again
                pass
        return [process(item, self.common, self.extract, cleaned=c) for item, c in zip(items, cleaned)]


def run_corpus(corpus: Path, out_dir: Path, *, extract: bool = True, jobs: int | None = None,
               dask: str | None = None, progress: Callable[[int, int], None] | None = None) -> Summary:
    """Run the pipeline over CORPUS, writing tables (and clean/ texts) into OUT_DIR.

    ``jobs`` worker processes, or the Dask cluster at ``dask`` ('local' starts
    one with ``jobs`` or one worker per core); the tables are the same either way.
    """
    files = load.find_files(Path(corpus))
    items = [(doc_id, str(Path(path).resolve() if dask else path)) for doc_id, path in files]
    n = len(items)
    with _fewer_collections(), parallel.executor(jobs=jobs, dask=dask, n_items=n,
                                                 warm=functools.partial(warm_resources, extract)) as ex:
        return _run_passes(ex, items, Path(out_dir), extract, progress)


# the cyclic garbage collector's thresholds during a corpus run (Python's default: 700, 10, 10).  The
# extractors allocate many short-lived tuples and lists and make few cycles; collecting them less often
# saves about 8% of the CPU time of `kefu extract` with the same peak memory (benchmarks/throughput.py).
GC_THRESHOLDS = (50_000, 20, 100)


@contextlib.contextmanager
def _fewer_collections():
    """``GC_THRESHOLDS`` in this process and the workers it forks, the previous ones restored after."""
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _run_passes(ex: parallel.Serial, items: list, out_dir: Path, extract: bool,
                progress: Callable[[int, int], None] | None) -> Summary:
    n = len(items)
    total_steps = 2 * n

    stats = boilerplate.LineStats()
    for k, hashes in enumerate(ex.map(line_hashes, items), 1):
        stats.add(hashes)
        if progress:
            progress(k, total_steps)

    clean_dir = out_dir / "clean"
    clean_dir.mkdir(parents=True, exist_ok=True)
    tables = tuple(SCHEMAS) if extract else CLEAN_TABLES
    summary = Summary(out_dir=out_dir, rows={t: 0 for t in tables})
    with CsvTableWriter(out_dir, tables) as writer:
        fn = _Process(stats.common(), extract)
        for k, res in enumerate(ex.map(fn, items), 1):
            summary.documents += 1
            if res.clean_text is None:
                summary.failed += 1
            else:
                target = clean_dir / safe_relpath(res.doc_id)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(res.clean_text + "\n", encoding="utf-8")
            for table in tables:
                rows = res.rows.get(table, [])
                writer.write(table, rows)
                summary.rows[table] += len(rows)
            if progress:
                progress(n + k, total_steps)
    if extract:
        from analysis import entities

        entities.write(out_dir)     # corpus level: one row per person/organization across documents
        summary.rows["entities"] = entities.count(out_dir)
    return summary


# ---- command line -----------------------------------------------------------------

def progress_bar(enabled: bool):
    """A rich progress callback on a terminal, else None."""
    if not enabled or not sys.stderr.isatty():
        return None, None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    prog = Progress(TextColumn("[bold]kefu[/] {task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), transient=True)
    task = prog.add_task("reading", total=1)

    def update(done: int, total: int) -> None:
        prog.update(task, completed=done, total=total,
                    description="reading" if done <= total // 2 else "extracting")

    return prog, update


def run_with_progress(corpus: Path, out_dir: Path, *, extract: bool, jobs: int | None, quiet: bool,
                      dask: str | None = None) -> Summary:
    n = len(load.find_files(corpus))
    prog, update = progress_bar(not quiet and n > 5)
    if prog is None:
        return run_corpus(corpus, out_dir, extract=extract, jobs=jobs, dask=dask)
    with prog:
        return run_corpus(corpus, out_dir, extract=extract, jobs=jobs, dask=dask, progress=update)


def cli_run(args) -> int:
    corpus: Path = args.corpus
    if not corpus.exists():
        print(f"kefu: no such file or folder: {corpus}", file=sys.stderr)
        return 2
    if corpus.is_dir() and not load.find_files(corpus):
        print(f"kefu: no .txt .md .markdown .html .htm files under {corpus}", file=sys.stderr)
        return 1
    extract = args.command == "extract"
    from analysis import export

    try:
        formats = export.parse_formats(getattr(args, "format", "csv"))
    except export.UnknownFormatError as e:
        print(f"kefu: {e}", file=sys.stderr)
        return 2
    try:
        summary = run_with_progress(corpus, args.out, extract=extract, jobs=args.jobs, quiet=args.quiet,
                                    dask=getattr(args, "dask", None))
    except parallel.ParallelError as e:
        print(f"kefu: {e}", file=sys.stderr)
        return 2
    if extract and any(f != "csv" for f in formats):
        export.write_formats(args.out, formats)
    _report_errors(args.out)
    if not args.quiet:
        ok = summary.documents - summary.failed
        counts = ", ".join(f"{k} {v}" for k, v in summary.rows.items() if k not in ("documents",))
        print(f"kefu: {ok} of {summary.documents} documents -> {args.out}  ({counts})", file=sys.stderr)
    return 0 if summary.documents > summary.failed else 1


def _report_errors(out_dir: Path) -> None:
    import csv

    path = Path(out_dir) / "errors.csv"
    if not path.exists():
        return
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            print(f"kefu: {row['severity']}: {row['doc_id']}: {row['message']}", file=sys.stderr)


def clean_documents(corpus: Path) -> list[Document]:
    """Cleaned Documents of a corpus, each judged on its own (no cross-document statistics)."""
    docs = []
    for doc_id, path in iter_items(corpus):
        doc, _ = prepare(Path(path), doc_id)
        if doc is not None:
            doc, _ = boilerplate.strip_document(doc, common=frozenset())
            docs.append(doc)
    return docs


def iter_items(corpus: Path) -> Iterable[tuple[str, str]]:
    return [(d, str(p)) for d, p in load.find_files(corpus)]
