"""Terminal report on the tables (``kefu report CORPUS|DIR [--html FILE] [--top N]``).

Every section is a pure function ``tables -> rich renderable``; ``tables`` is
the dict of DataFrames returned by :func:`analysis.tables.read_tables` (all
cells are strings, empty when unknown). Sections say so plainly when a table
has no rows yet, so the report reads well on a corpus that was only cleaned.
The layout fits an 80-column terminal: long texts wrap inside their cells.
"""
from __future__ import annotations

import io
import sys
import tempfile
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from analysis.report_data import (
    as_rows,
    cut,
    distinct_figures,
    figure,
    fmt_num,
    lede,
    num,
    problems_note,
    published_span,
    records,
    resolved_day,
    rows_by_doc,
    short_doc,
    value_sort_key,
    workload_groups,
)

WIDTH = 80
MAX_CARDS = 50          # article cards in a terminal; the HTML report has one for every article


def _add(table: Table, *cells) -> None:
    """Add a row whose strings are plain text: '[/]' in an article is printed, never parsed as markup."""
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))


def _empty(message: str) -> Text:
    return Text(message, style="dim italic")


def _table(title: str, *columns: tuple[str, dict]) -> Table:
    t = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
              show_edge=False, pad_edge=False, expand=False)
    for name, opts in columns:
        t.add_column(name, **{"overflow": "fold", **opts})
    return t


# ---- sections ---------------------------------------------------------------------

def corpus_summary(tables: Mapping) -> RenderableType:
    docs = records(tables, "documents")
    removed = records(tables, "boilerplate")
    note = problems_note(tables)
    raw = sum(num(d.get("chars_raw")) or 0 for d in docs)
    kept = sum(num(d.get("chars_clean")) or 0 for d in docs)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    _add(grid, "documents", f"{len(docs):,}" + (f"   ({note})" if note else ""))

    def counts(key: str) -> str:
        c = Counter(str(d.get(key) or "unknown") for d in docs)
        return ", ".join(f"{k} {v}" for k, v in c.most_common()) or "—"

    _add(grid, "published", published_span(docs))
    _add(grid, "scripts", counts("script"))
    _add(grid, "encodings", counts("encoding"))
    _add(grid, "formats", counts("format"))
    share = f" ({kept / raw:.1%} of {fmt_num(raw)} raw)" if raw else ""
    _add(grid, "characters kept", f"{fmt_num(kept) or 0}{share}")
    kinds = Counter(str(r.get("kind") or "?") for r in removed)
    _add(grid, "lines removed", f"{len(removed):,}" + (
        "  " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()) if kinds else ""))
    found = [f"{name} {len(records(tables, name)):,}" for name in ("people", "organizations", "dates", "workload")]
    _add(grid, "rows extracted", ", ".join(found))
    return Panel(grid, title="[bold]Corpus[/]", title_align="left", box=box.ROUNDED, expand=False)


def people_section(tables: Mapping, top: int = 10) -> RenderableType:
    rows = records(tables, "people")
    if not rows:
        return Group(Text("People", style="bold"), _empty("No people extracted yet (people.csv has no rows)."))
    rows.sort(key=lambda r: (-(num(r.get("mentions")) or 0), str(r.get("doc_id")), str(r.get("name"))))
    t = _table(f"People — {len(rows)} in {len({r['doc_id'] for r in rows})} articles, top {min(top, len(rows))}"
               " by mentions",
               ("name", {"min_width": 6}), ("role", {"max_width": 12}), ("employer", {"max_width": 14}),
               ("article", {"no_wrap": True, "style": "dim"}), ("mentions", {"justify": "right"}))
    for r in rows[:top]:
        _add(t, str(r.get("name")), str(r.get("role") or "—"), str(r.get("org") or "—"),
                  short_doc(r.get("doc_id")), fmt_num(r.get("mentions")))
    return t


def organizations_section(tables: Mapping, top: int = 10) -> RenderableType:
    from analysis import entities

    if not records(tables, "organizations"):
        return Group(Text("Organizations", style="bold"),
                     _empty("No organizations extracted yet (organizations.csv has no rows)."))
    orgs = [e for e in entities.from_tables(tables) if e["entity"] == "organization"]
    t = _table(f"Organizations — {len(orgs)} across the corpus, ranked by articles then mentions",
               ("#", {"justify": "right", "style": "dim"}), ("name", {"max_width": 16}),
               ("type", {"max_width": 10}), ("articles", {"justify": "right"}),
               ("mentions", {"justify": "right"}), ("also written", {"max_width": 22, "style": "dim"}))
    for i, e in enumerate(orgs[:top], 1):
        others = [a for a in e["aliases"] if a != e["name"]]
        _add(t, str(i), e["name"], e["type"], str(e["documents"]), str(e["mentions"]), "、".join(others) or "")
    return t


def timeline_section(tables: Mapping, top: int = 10) -> RenderableType:
    rows = records(tables, "dates")
    if not rows:
        return Group(Text("Timeline", style="bold"), _empty("No dates extracted yet (dates.csv has no rows)."))
    seen, points = set(), []
    for r in rows:
        day = resolved_day(r.get("value"))
        key = (r.get("doc_id"), r.get("value"))
        if day and key not in seen:
            seen.add(key)
            points.append((day, r))
    points.sort(key=lambda p: (p[0], str(p[1].get("doc_id"))))
    unresolved = sum(1 for r in rows if not resolved_day(r.get("value")))
    limit = max(top * 2, 1)
    shown = points if len(points) <= limit else _spread(points, limit)
    t = _table(f"Timeline — {len(points)} resolved dates" + (f", {unresolved} without a year" if unresolved else "")
               + (f" (showing {len(shown)})" if len(shown) < len(points) else ""),
               ("when", {"no_wrap": True, "style": "cyan"}), ("as written", {"max_width": 14}),
               ("article", {"no_wrap": True, "style": "dim"}),
               ("context", {"max_width": 30}))
    for day, r in shown:
        _add(t, str(r.get("value")), str(r.get("text")), short_doc(r.get("doc_id")), cut(r.get("sentence"), 28))
    return t


def _spread(points: list, limit: int) -> list:
    """Evenly spaced picks from a sorted list, first and last included."""
    if limit <= 1:
        return points[:1]
    step = (len(points) - 1) / (limit - 1)
    return [points[round(i * step)] for i in range(limit)]


def workload_section(tables: Mapping, top: int = 10) -> RenderableType:
    rows = records(tables, "workload")
    if not rows:
        return Group(Text("Workload", style="bold"), _empty("No workload figures extracted yet (workload.csv has no rows)."))
    by_metric = Counter(str(r.get("metric") or "other") for r in rows)
    parts: list[RenderableType] = [
        Text.assemble(("Workload", "bold"), f" — {len(rows)} figures: ",
                      ", ".join(f"{m} {n}" for m, n in by_metric.most_common()))]
    for title, picked in workload_groups(tables, top):
        if not picked:
            parts.append(_empty(f"{title}: none found."))
            continue
        t = _table(title, ("figure", {"no_wrap": True, "style": "bold"}), ("as written", {"max_width": 24}),
                   ("period", {"style": "dim"}), ("who", {"max_width": 10}),
                   ("article", {"no_wrap": True, "style": "dim"}))
        for r in picked:
            _add(t, figure(r), str(r.get("text")), str(r.get("period") or "—"), str(r.get("subject") or "—"),
                      short_doc(r.get("doc_id")))
        parts.append(t)
    return Group(*parts)


def article_cards(tables: Mapping, out_dir: Path | None = None) -> list[RenderableType]:
    by_doc = rows_by_doc(tables, ("people", "organizations", "dates", "workload", "boilerplate"))
    cards = []
    for d in records(tables, "documents"):
        doc_id = str(d.get("doc_id"))
        got = by_doc.get(doc_id, {})
        body = Table.grid(padding=(0, 1))
        body.add_column(style="dim", no_wrap=True)
        body.add_column(overflow="fold")
        opening = lede(out_dir, doc_id)
        if d.get("title") and opening and not opening.startswith(str(d.get("title"))[:8]):
            _add(body, "opens", opening)
        facts = [str(d.get("published") or "date unknown"), str(d.get("script") or ""), str(d.get("encoding") or ""),
                 f"{fmt_num(d.get('chars_clean')) or 0} chars kept", f"{fmt_num(d.get('lines_removed')) or 0} lines removed"]
        _add(body, "about", " · ".join(f for f in facts if f))
        credits = [f"{role} {str(d.get(key)).replace('|', '、')}" for key, role in (("author", "记者"), ("editor", "编辑"),
                                                              ("photographer", "图片")) if d.get(key)]
        if d.get("source"):
            credits.insert(0, f"来源 {d.get('source')}")
        if credits:
            _add(body, "credits", "  ".join(credits))
        people = sorted(got.get("people", []), key=lambda r: -(num(r.get("mentions")) or 0))
        if people:
            _add(body, "people", "、".join(
                str(p["name"]) + (f"（{p['role']}）" if p.get("role") else "") for p in people[:6])
                + (f" +{len(people) - 6}" if len(people) > 6 else ""))
        orgs = sorted(got.get("organizations", []), key=lambda r: -(num(r.get("mentions")) or 0))
        if orgs:
            _add(body, "orgs", "、".join(str(o["name"]) for o in orgs[:8]) + (f" +{len(orgs) - 8}" if len(orgs) > 8 else ""))
        days = sorted({resolved_day(r.get("value")) for r in got.get("dates", [])} - {None})
        if days:
            _add(body, "dates", f"{len(got['dates'])} mentions, {days[0]} → {days[-1]}")
        work = distinct_figures(sorted(got.get("workload", []), key=value_sort_key, reverse=True))
        if work:
            _add(body, "workload", "; ".join(f"{figure(w)} {w.get('metric')}" for w in work[:3])
                         + (f" (+{len(work) - 3})" if len(work) > 3 else ""))
        title = str(d.get("title") or "") or opening or doc_id
        cards.append(Panel(body, title=Text(cut(title, 60), style="bold"), title_align="left",
                           subtitle=Text(doc_id, style="dim"), subtitle_align="right", box=box.ROUNDED))
    return cards


def render(tables: Mapping, *, top: int = 10, out_dir: Path | None = None) -> RenderableType:
    """The whole report as one renderable."""
    top = max(1, int(top))
    tables = as_rows(tables)
    parts: list[RenderableType] = [
        Text("kefu report — 客服 articles", style="bold reverse"),
        corpus_summary(tables),
        Rule(style="dim"), people_section(tables, top),
        Rule(style="dim"), organizations_section(tables, top),
        Rule(style="dim"), timeline_section(tables, top),
        Rule(style="dim"), workload_section(tables, top),
        Rule("Articles", style="dim"),
    ]
    docs = records(tables, "documents")
    shown = {"documents": docs[:MAX_CARDS]} if len(docs) > MAX_CARDS else {}
    cards = article_cards({**tables, **shown}, out_dir)
    parts += cards or [_empty("No documents were read.")]
    if shown:
        parts.append(_empty(f"… and {len(docs) - MAX_CARDS:,} more articles: one card each in the HTML report "
                            "(--html), every row in documents.csv."))
    return Group(*parts)


def render_text(tables: Mapping, *, top: int = 10, width: int = WIDTH, out_dir: Path | None = None) -> str:
    """The report as plain text (no colour codes), ``width`` columns wide."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None, no_color=True,
                      highlight=False, emoji=False, legacy_windows=False)
    console.print(render(tables, top=top, out_dir=out_dir))
    return buf.getvalue()


# ---- command line -----------------------------------------------------------------

def is_table_dir(path: Path) -> bool:
    return Path(path).is_dir() and (Path(path) / "documents.csv").is_file()


def run_pipeline(source: Path, out_dir: Path, *, jobs: int | None = None, quiet: bool = False,
                 dask: str | None = None) -> Path:
    """Extract every table of a corpus into ``out_dir`` (progress bar on a terminal only)."""
    from analysis import entities, pipeline

    pipeline.run_with_progress(Path(source), Path(out_dir), extract=True, jobs=jobs, quiet=quiet, dask=dask)
    entities.write(out_dir)
    return Path(out_dir)


def cli_run(args) -> int:
    from analysis.tables import read_tables

    source = Path(args.source)
    if not source.exists():
        print(f"kefu report: no such file or folder: {source}", file=sys.stderr)
        return 2
    from analysis.parallel import ParallelError

    tmp = None
    try:
        if is_table_dir(source):
            out_dir = source
        else:
            tmp = tempfile.TemporaryDirectory(prefix="kefu-report-")
            try:
                out_dir = run_pipeline(source, Path(tmp.name), jobs=getattr(args, "jobs", None),
                                       quiet=getattr(args, "quiet", False), dask=getattr(args, "dask", None))
            except ParallelError as e:
                print(f"kefu report: {e}", file=sys.stderr)
                return 2
        tables = read_tables(out_dir)
        if not len(tables["documents"]):
            print(f"kefu report: no document could be read from {source}", file=sys.stderr)
            return 1
        Console(highlight=False).print(render(tables, top=args.top, out_dir=out_dir))
        if getattr(args, "html", None):
            from analysis import report_html

            html = report_html.render_html(tables, top=args.top, out_dir=out_dir, source=str(source))
            Path(args.html).parent.mkdir(parents=True, exist_ok=True)
            Path(args.html).write_text(html, encoding="utf-8")
            if sys.stderr.isatty() and not getattr(args, "quiet", False):
                print(f"kefu report: HTML written to {args.html}", file=sys.stderr)
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0
