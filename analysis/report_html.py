"""One self-contained HTML page for the report (``kefu report ... --html FILE``).

No scripts, no external styles or fonts: CSS is inline, charts are inline SVG
drawn here, and the font stack names the CJK fonts a reader's system has
(Noto Sans CJK, Source Han Sans, PingFang, Microsoft YaHei). Every string that
comes from the corpus goes through :func:`esc`, so an article containing
``<script>`` shows it as text.
"""
from __future__ import annotations

import html
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from string import Template

from analysis.report_data import (
    METRIC_LABELS,
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
    rows_by_doc,
    resolved_day,
    short_doc,
    value_sort_key,
    workload_groups,
)

FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
              '"Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif')
PALETTE = ("#2f6f9f", "#d9822b", "#3a9a6b", "#b5495b", "#7b61a8", "#8c7a4a", "#4a8c8c", "#a05c2c", "#666")
MAX_TIMELINE_ROWS = 1000
INK, MUTED, GRID, ACCENT = "#1d2733", "#6b7785", "#e3e7ec", "#2f6f9f"

CSS = Template("""
:root { --ink: $ink; --muted: $muted; --grid: $grid; --accent: $accent; }
* { box-sizing: border-box; }
body { margin: 0; font-family: $font; color: var(--ink); background: #f6f7f9; line-height: 1.55; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 24px 64px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--grid); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 18px; }
.tiles + .sub { margin-top: 10px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(118px, 1fr)); gap: 10px; }
.tile { background: #fff; border: 1px solid var(--grid); border-radius: 8px; padding: 10px 14px; }
.tile b { display: block; font-size: 24px; }
.tile span { color: var(--muted); font-size: 13px; }
.card { background: #fff; border: 1px solid var(--grid); border-radius: 8px; padding: 14px 18px; margin: 12px 0; }
.chart { background: #fff; border: 1px solid var(--grid); border-radius: 8px; padding: 8px; margin: 10px 0;
         overflow-x: auto; }
.chart svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; background: #fff; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--grid); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }
.doc { color: var(--muted); font-size: 12px; font-family: ui-monospace, monospace; }
.ctx { color: var(--muted); font-size: 13px; }
details.article, details.fold { background: #fff; border: 1px solid var(--grid); border-radius: 8px; margin: 8px 0;
                  padding: 8px 14px; }
details.article summary, details.fold summary { cursor: pointer; font-weight: 600; }
dl { display: grid; grid-template-columns: 90px 1fr; gap: 2px 12px; margin: 8px 0 0; font-size: 14px; }
dt { color: var(--muted); }
dd { margin: 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; }
""").substitute(ink=INK, muted=MUTED, grid=GRID, accent=ACCENT, font=FONT_STACK)


def esc(value) -> str:
    """HTML-escape any value (None -> empty)."""
    return html.escape("" if value is None else str(value), quote=True)


def text_width(text: str, size: float) -> float:
    """Approximate rendered width: wide (CJK) characters count one em, others about half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.62 for ch in str(text))


def fit(text, px: float, size: float) -> str:
    """Cut ``text`` with '…' so that it renders within ``px`` pixels at ``size``."""
    text = " ".join(str(text or "").split())
    if text_width(text, size) <= px:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch, size) + size > px:
            break
        out += ch
    return out + "…"


def svg_text(x: float, y: float, text, *, size: int = 12, anchor: str = "start", fill: str = INK,
             weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
            f'font-weight="{weight}">{esc(text)}</text>')


def _svg(width: int, height: int, body: Sequence[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="kefu-chart" role="img" aria-label="{esc(label)}" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f"font-family='{FONT_STACK}'>"
            f"<title>{esc(label)}</title>" + "".join(body) + "</svg>")


# ---- charts ------------------------------------------------------------------------

def bar_chart(items: Sequence[tuple[str, float, str]], *, label: str, width: int = 1000, color: str = ACCENT) -> str:
    """Horizontal bars: (label, value, annotation) sorted as given."""
    if not items:
        return ""
    size, row = 13, 24
    left = min(260, max(60, int(max(text_width(n, size) for n, _, _ in items)) + 14))
    right = 120
    top = 8
    height = top + row * len(items) + 8
    vmax = max(v for _, v, _ in items) or 1
    scale = (width - left - right) / vmax
    body = []
    for i, (name, value, note) in enumerate(items):
        y = top + i * row
        w = max(1.5, value * scale)
        body.append(svg_text(left - 8, y + 16, fit(name, left - 14, size), size=size, anchor="end"))
        body.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="2" fill="{color}">'
                    f"<title>{esc(name)}: {esc(note)}</title></rect>")
        body.append(svg_text(left + w + 6, y + 16, note, size=12, fill=MUTED))
    return _svg(width, height, body, label)


def workload_chart(tables: Mapping, *, top: int = 6, width: int = 1000) -> str:
    """Small multiples: for each metric its largest figures, ranges drawn from low to high.

    Bars are scaled against the largest figure with the same unit, so 2 周 and
    20 分钟 are never drawn on one scale; the unit and period are printed beside each bar.
    """
    rows = records(tables, "workload")
    if not rows:
        return ""
    by_metric: dict[str, list[dict]] = {}
    for r in rows:
        by_metric.setdefault(str(r.get("metric") or "other"), []).append(r)
    order = sorted(by_metric, key=lambda m: (-len(by_metric[m]), m))
    size, row, head = 13, 22, 28
    left, right = 300, 230
    body, y = [], 6
    for k, metric in enumerate(order):
        color = PALETTE[k % len(PALETTE)]
        picked = sorted(by_metric[metric], key=value_sort_key, reverse=True)[:top]
        more = len(by_metric[metric]) - len(picked)
        body.append(svg_text(8, y + 18, f"{METRIC_LABELS.get(metric, metric)} · {len(by_metric[metric])} "
                             + ("figure" if len(by_metric[metric]) == 1 else "figures")
                             + (f" (largest {len(picked)})" if more else ""), size=15, weight="bold", fill=color))
        y += head
        unit_max: dict[str, float] = {}
        for r in picked:
            unit = str(r.get("unit") or "")
            unit_max[unit] = max(unit_max.get(unit, 0.0), value_sort_key(r))
        # same-unit bars stay together, each unit group on its own scale, separated by a rule
        picked.sort(key=lambda r: (-unit_max[str(r.get("unit") or "")], str(r.get("unit") or ""),
                                   -value_sort_key(r)))
        previous = None
        for r in picked:
            unit = str(r.get("unit") or "")
            if unit != previous:
                if previous is not None:
                    body.append(f'<line x1="24" y1="{y + 1}" x2="{width - right}" y2="{y + 1}" '
                                f'stroke="{GRID}" stroke-dasharray="3 3"/>')
                if len(unit_max) > 1:
                    body.append(svg_text(24, y + 15, f"单位 {unit or '?'}", size=11, fill=MUTED))
                previous = unit
            scale = (width - left - right) / (unit_max[str(r.get("unit") or "")] or 1)
            low = num(r.get("value_low")) or 0.0
            high = num(r.get("value_high"))
            body.append(svg_text(left - 8, y + 15, fit(r.get("text"), left - 100, size), size=size, anchor="end"))
            body.append(f'<rect x="{left}" y="{y + 4}" width="{max(1.5, low * scale):.1f}" height="{row - 8}" '
                        f'rx="2" fill="{color}"><title>{esc(r.get("text"))}</title></rect>')
            end = low * scale
            if high and high > low:
                body.append(f'<rect x="{left + low * scale:.1f}" y="{y + 4}" width="{(high - low) * scale:.1f}" '
                            f'height="{row - 8}" rx="2" fill="{color}" fill-opacity="0.35"/>')
                end = high * scale
            note = " · ".join(str(x) for x in (figure(r), r.get("period"), r.get("subject")) if x)
            body.append(svg_text(left + max(end, 1.5) + 6, y + 15, fit(note, right - 10, 12), size=12, fill=MUTED))
            y += row
        y += 8
    return _svg(width, y + 4, body, "Workload figures by metric")


def _parse_day(value: str) -> date | None:
    parts = value.split("T")[0].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        d = int(parts[2]) if len(parts) > 2 and parts[2] else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def _date_points(tables: Mapping) -> dict[str, list[tuple[date, dict]]]:
    points: dict[str, list[tuple[date, dict]]] = {}
    for r in records(tables, "dates"):
        v = resolved_day(r.get("value"))
        d = _parse_day(v) if v else None
        if d:
            points.setdefault(str(r.get("doc_id")), []).append((d, r))
    return points


def busiest_year(tables: Mapping) -> int | None:
    years = Counter(d.year for pts in _date_points(tables).values() for d, _ in pts)
    return min(years, key=lambda y: (-years[y], -y)) if years else None


def timeline_chart(tables: Mapping, *, year: int | None = None, width: int = 1000) -> str:
    """One lane per article, a dot for every resolved date on a shared time axis.

    With ``year`` the axis covers that year only, with a tick per month.
    """
    points = _date_points(tables)
    if year is not None:
        # a close-up shows only values known to the month or day: '2020' alone is not 1 January
        points = {k: [p for p in v if p[0].year == year and len(resolved_day(p[1].get("value")) or "") >= 7]
                  for k, v in points.items()}
        points = {k: v for k, v in points.items() if v}
    if not points:
        return ""
    days = [d for pts in points.values() for d, _ in pts]
    if year is not None:
        lo, hi = date(year, 1, 1), date(year + 1, 1, 1)
        ticks = [(date(year, m, 1), f"{m}月") for m in range(1, 13)]
    else:
        lo, hi = date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)
        years = list(range(lo.year, hi.year + 1))
        step = max(1, len(years) // 12)
        ticks = [(date(y, 1, 1), str(y)) for y in years[::step]]
    span = (hi - lo).days or 1
    left, right, lane, top = 170, 20, 30, 10
    docs = sorted(points)
    axis_y = top + lane * len(docs) + 6
    height = axis_y + 34
    scale = (width - left - right) / span
    body = []
    for d, label in ticks:
        x = left + (d - lo).days * scale
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}"/>')
        body.append(svg_text(x, axis_y + 18, label, size=12, anchor="middle", fill=MUTED))
    for i, doc in enumerate(docs):
        y = top + i * lane + lane / 2
        color = PALETTE[i % len(PALETTE)]
        body.append(svg_text(left - 10, y + 4, short_doc(doc, 20), size=12, anchor="end", fill=MUTED))
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        for d, r in sorted(points[doc], key=lambda p: p[0]):
            x = left + (d - lo).days * scale
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{color}" fill-opacity="0.7">'
                        f"<title>{esc(r.get('value'))} · {esc(r.get('text'))}</title></circle>")
    body.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="{MUTED}"/>')
    label = f"Resolved dates in {year}" if year is not None else "Timeline of resolved dates"
    return _svg(width, height, body, label)


def organizations_chart(tables: Mapping, *, top: int = 10, width: int = 1000) -> str:
    from analysis import entities

    if not records(tables, "organizations"):
        return ""
    orgs = [e for e in entities.from_tables(tables) if e["entity"] == "organization"][:top]
    items = [(e["name"], float(e["mentions"]), f"{e['mentions']} mentions · {e['documents']} 篇") for e in orgs]
    return bar_chart(items, label="Organization mentions", width=width)


def boilerplate_chart(tables: Mapping, *, width: int = 1000) -> str:
    kinds = Counter(str(r.get("kind") or "?") for r in records(tables, "boilerplate"))
    items = [(k, float(v), f"{v} line" if v == 1 else f"{v} lines") for k, v in kinds.most_common()]
    return bar_chart(items, label="Lines removed by kind", width=width, color="#8c7a4a")


# ---- page --------------------------------------------------------------------------

def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """Rows are already-escaped HTML cells."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _empty(message: str) -> str:
    return f'<p class="empty">{esc(message)}</p>'


def _chart(svg: str, empty: str) -> str:
    return f'<div class="chart">{svg}</div>' if svg else _empty(empty)


def _summary(tables: Mapping) -> str:
    docs = records(tables, "documents")
    raw = sum(num(d.get("chars_raw")) or 0 for d in docs)
    kept = sum(num(d.get("chars_clean")) or 0 for d in docs)
    tiles = [("articles", f"{len(docs):,}"), ("characters kept", fmt_num(kept) or "0"),
             ("lines removed", f"{len(records(tables, 'boilerplate')):,}")]
    tiles += [(name, f"{len(records(tables, name)):,}") for name in ("people", "organizations", "dates", "workload")]
    html_tiles = "".join(f'<div class="tile"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for k, v in tiles)

    def counts(key: str) -> str:
        c = Counter(str(d.get(key) or "unknown") for d in docs)
        return ", ".join(f"{k} {v}" for k, v in c.most_common())

    facts = (f"Published: {published_span(docs)}. Scripts: {counts('script')}. Encodings: {counts('encoding')}. Formats: {counts('format')}. "
             + (f"{kept / raw:.1%} of {fmt_num(raw)} raw characters kept." if raw else ""))
    note = problems_note(tables)
    if note:
        facts += f" Files: {note}."
    return f'<div class="tiles">{html_tiles}</div><p class="sub">{esc(facts)}</p>'


def _people(tables: Mapping, top: int) -> str:
    rows = sorted(records(tables, "people"), key=lambda r: (-(num(r.get("mentions")) or 0), str(r.get("doc_id"))))
    if not rows:
        return _empty("No people extracted yet.")
    body = [[esc(r.get("name")), esc(r.get("role") or "—"), esc(r.get("org") or "—"),
             esc(str(r.get("aliases") or "").replace("|", "、")),
             f'<span class="doc">{esc(short_doc(r.get("doc_id"), 20))}</span>', esc(fmt_num(r.get("mentions")))]
            for r in rows[:top]]
    return _table(["name", "role", "employer", "aliases", "article", "mentions"], body, numeric=[5])


def _orgs_table(tables: Mapping, top: int) -> str:
    from analysis import entities

    orgs = [e for e in entities.from_tables(tables) if e["entity"] == "organization"] if records(
        tables, "organizations") else []
    if not orgs:
        return ""
    body = [[esc(e["name"]), esc(e["type"]), esc(e["documents"]), esc(e["mentions"]),
             esc("、".join(a for a in e["aliases"] if a != e["name"]))] for e in orgs[:top]]
    return _table(["organization", "type", "articles", "mentions", "also written"], body, numeric=[2, 3])


def _timeline_table(tables: Mapping, top: int) -> str:
    rows = [r for r in records(tables, "dates") if resolved_day(r.get("value"))]
    if not rows:
        return ""
    seen, out = set(), []
    for r in sorted(rows, key=lambda r: (resolved_day(r.get("value")), str(r.get("doc_id")))):
        key = (r.get("doc_id"), r.get("value"))
        if key not in seen:
            seen.add(key)
            out.append([f"<b>{esc(r.get('value'))}</b>", esc(r.get("text")), esc(r.get("kind")),
                        f'<span class="doc">{esc(short_doc(r.get("doc_id"), 20))}</span>',
                        f'<span class="ctx">{esc(cut(r.get("sentence"), 70))}</span>'])
    headers = ["when", "as written", "kind", "article", "context"]
    if len(out) <= top * 3:
        return _table(headers, out)
    # a long timeline folds away: the chart above is the overview, the table the evidence
    shown = out[:MAX_TIMELINE_ROWS]
    more = f", first {len(shown):,} shown (every row is in dates.csv)" if len(out) > len(shown) else ""
    return (f'<details class="fold"><summary>All {len(out):,} resolved dates, in calendar order{more}</summary>'
            + _table(headers, shown) + "</details>")


def _workload_tables(tables: Mapping, top: int) -> str:
    parts = []
    for title, picked in workload_groups(tables, top):
        if not picked:
            continue
        body = [[f"<b>{esc(figure(r))}</b>", esc(r.get("text")), esc(r.get("period") or "—"),
                 esc(r.get("subject") or "—"), f'<span class="doc">{esc(short_doc(r.get("doc_id"), 20))}</span>']
                for r in picked]
        parts.append(f"<h3>{esc(title)}</h3>" + _table(["figure", "as written", "period", "who", "article"], body))
    return "".join(parts)


def _removed_examples(tables: Mapping) -> str:
    """One example line per kind of removed line, so a reader can check the cleaning."""
    rows = records(tables, "boilerplate")
    if not rows:
        return ""
    kinds = Counter(str(r.get("kind") or "?") for r in rows)
    first: dict[str, dict] = {}
    for r in rows:
        kind = str(r.get("kind") or "?")
        # the first line that says something ('---' is a poor example of front matter)
        if kind not in first or (len(str(first[kind].get("text") or "").strip("-—=* ")) < 4
                                 and len(str(r.get("text") or "").strip("-—=* ")) >= 4):
            first[kind] = r
    body = [[esc(k), esc(kinds[k]), esc(cut(first[k].get("text"), 80)), esc(first[k].get("rule") or ""),
             f'<span class="doc">{esc(short_doc(first[k].get("doc_id"), 20))}</span>'] for k, _ in kinds.most_common()]
    return _table(["kind", "lines", "for example", "rule", "article"], body, numeric=[1])


def _articles(tables: Mapping, out_dir: Path | None) -> str:
    by_doc = rows_by_doc(tables, ("people", "organizations", "dates", "workload"))
    cards = []
    for d in records(tables, "documents"):
        doc_id = str(d.get("doc_id"))
        got = by_doc.get(doc_id, {})
        opening = lede(out_dir, doc_id, 120)
        title = d.get("title") or cut(opening, 50) or doc_id
        facts = [d.get("published") or "date unknown", d.get("script"), d.get("encoding"),
                 f"{fmt_num(d.get('chars_clean')) or 0} characters kept",
                 f"{fmt_num(d.get('lines_removed')) or 0} lines removed"]
        items = [("file", f'<span class="doc">{esc(doc_id)}</span>'),
                 ("about", esc(" · ".join(str(f) for f in facts if f)))]
        if opening:
            items.append(("opens", esc(opening)))
        credits = [f"{label} {str(d.get(k)).replace('|', '、')}" for k, label in (
            ("source", "来源"), ("author", "记者"), ("editor", "编辑"), ("photographer", "图片")) if d.get(k)]
        if credits:
            items.append(("credits", esc("  ".join(credits))))
        people = sorted(got.get("people", []), key=lambda r: -(num(r.get("mentions")) or 0))
        if people:
            items.append(("people", "、".join(esc(p.get("name")) + (f"（{esc(p.get('role'))}）" if p.get("role") else "")
                                             for p in people)))
        orgs = sorted(got.get("organizations", []), key=lambda r: -(num(r.get("mentions")) or 0))
        if orgs:
            items.append(("organizations", "、".join(esc(o.get("name")) for o in orgs)))
        days = sorted({resolved_day(r.get("value")) for r in got.get("dates", [])} - {None})
        if days:
            items.append(("dates", esc(f"{len(got['dates'])} mentions, {days[0]} → {days[-1]}")))
        work = distinct_figures(sorted(got.get("workload", []), key=value_sort_key, reverse=True))
        if work:
            items.append(("workload", "<br>".join(f"<b>{esc(figure(w))}</b> {esc(w.get('metric'))} — {esc(w.get('text'))}"
                                                  for w in work[:5])))
        dl = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in items)
        cards.append(f'<details class="article"><summary>{esc(title)}</summary><dl>{dl}</dl></details>')
    return "".join(cards) or _empty("No documents were read.")


def _zoom(tables: Mapping) -> str:
    """A close-up of the year most dates fall in, when the timeline spans several years."""
    points = _date_points(tables)
    years = {d.year for pts in points.values() for d, _ in pts}
    year = busiest_year(tables)
    if year is None or len(years) < 3:
        return ""
    return f"<h3>Close-up: {year}</h3>" + _chart(timeline_chart(tables, year=year), "")


def render_html(tables: Mapping, *, top: int = 10, out_dir: Path | None = None, source: str = "") -> str:
    """The whole report as one HTML string (UTF-8, self-contained)."""
    top = max(1, int(top))
    tables = as_rows(tables)
    n_docs = len(records(tables, "documents"))
    title = f"kefu report — {n_docs} 篇客服文章"
    sections = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="sub">People, organizations, dates and workload figures found in {n_docs} articles'
        + (f" from <code>{esc(source)}</code>" if source else "") + ".</p>",
        _summary(tables),
        "<h2>Workload figures by metric</h2>",
        _chart(workload_chart(tables, top=min(top, 8)), "No workload figures extracted yet."),
        _workload_tables(tables, top),
        "<h2>Timeline of resolved dates</h2>",
        _chart(timeline_chart(tables), "No resolved dates extracted yet."),
        _zoom(tables),
        _timeline_table(tables, top),
        "<h2>Organizations</h2>",
        _chart(organizations_chart(tables, top=top), "No organizations extracted yet."),
        _orgs_table(tables, top),
        "<h2>People</h2>",
        _people(tables, top),
        "<h2>What was removed</h2>",
        _chart(boilerplate_chart(tables), "No lines were removed."),
        _removed_examples(tables),
        "<h2>Articles</h2>",
        _articles(tables, out_dir),
        ("<footer>Made by kefu. Every date and figure, with the sentence it was read from and its offsets "
         "in the clean and raw text, is a row of dates.csv or workload.csv.</footer>"),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>"
            + "\n".join(s for s in sections if s) + "</main></body></html>\n")
