"""What the terminal and the HTML report both read from the tables: numbers, labels, groupings.

Plain functions over ``tables`` (the dict of DataFrames from
:func:`analysis.tables.read_tables`, or the lists of dicts of :func:`as_rows`);
no rendering here. :mod:`analysis.report` and :mod:`analysis.report_html`
both import this module and neither imports the other at module level.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

METRIC_LABELS = {
    "calls": "calls 电话", "orders": "orders 单量", "leads": "leads 求助/线索", "hours": "hours 工时",
    "staff": "staff 人手", "multiplier": "multiplier 倍数", "duration": "duration 时长",
    "amount": "amount 金额", "other": "other 其他",
}
VOLUME_METRICS = ("calls", "orders", "leads")


def num(value) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def fmt_num(value) -> str:
    f = num(value)
    if f is None:
        return ""
    if f.is_integer():
        return f"{int(f):,}"
    return f"{f:,.2f}".rstrip("0").rstrip(".")


def figure(row: Mapping) -> str:
    """A workload figure as a reader says it: '≥800 单', '5–6 倍', '≈10 小时'."""
    low, high = fmt_num(row.get("value_low")), fmt_num(row.get("value_high"))
    value = f"{low}–{high}" if low and high else (low or high or "?")
    mark = {"approx": "≈", "at_least": "≥"}.get(str(row.get("qualifier") or ""), "")
    unit = str(row.get("unit") or "")
    return f"{mark}{value} {unit}".strip()


def short_doc(doc_id: str, width: int = 12) -> str:
    """A document label that fits a narrow column: the file name, cut with '…'."""
    name = Path(str(doc_id)).name
    for suffix in (".txt", ".md", ".markdown", ".html", ".htm"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name if len(name) <= width else name[: width - 1] + "…"


def cut(text, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def records(tables: Mapping, name: str) -> list[dict]:
    """The rows of one table as dicts (a fresh list: callers may sort it)."""
    from analysis.entities import rows_of

    return rows_of(tables.get(name))


def as_rows(tables: Mapping) -> dict[str, list[dict]]:
    """Convert every table once; the sections then read plain lists of dicts."""
    from analysis.entities import rows_of

    return {name: rows_of(df) for name, df in tables.items()}


def value_sort_key(row: Mapping) -> float:
    return max(num(row.get("value_high")) or 0.0, num(row.get("value_low")) or 0.0)


def resolved_day(value) -> str | None:
    """The first calendar point of a dates.value with a known year ('2020-01-24', '2020-01', '2020')."""
    v = str(value or "").split("/")[0]
    if len(v) >= 4 and v[:4].isdigit():
        return v
    return None


def published_span(docs: list[dict]) -> str:
    """'3 of 5 dated, 2019-11-11 → 2022-02-01' (or 'no publication dates')."""
    dated = sorted(str(d["published"]) for d in docs if d.get("published"))
    if not dated:
        return "no publication dates found"
    span = dated[0] if dated[0] == dated[-1] else f"{dated[0]} → {dated[-1]}"
    return f"{len(dated)} of {len(docs)} dated, {span}"


def workload_groups(tables: Mapping, top: int = 10) -> list[tuple[str, list[dict]]]:
    """The highlights a reader looks for first, each sorted largest first."""
    rows = records(tables, "workload")

    def pick(cond) -> list[dict]:
        return sorted((r for r in rows if cond(r)), key=value_sort_key, reverse=True)[:top]

    return [
        ("Largest multiples of normal load", pick(lambda r: r.get("metric") == "multiplier")),
        ("Per-day volumes", pick(lambda r: r.get("metric") in VOLUME_METRICS and r.get("period") == "day")),
        ("Hours per day or shift", pick(lambda r: r.get("metric") == "hours"
                                          and r.get("period") in ("day", "shift", "", None))),
        ("Head-counts", pick(lambda r: r.get("metric") == "staff")),
    ]


def lede(out_dir: Path | None, doc_id: str, width: int = 60) -> str:
    """The first line of an article's clean text (when the clean/ folder is there)."""
    if out_dir is None:
        return ""
    try:
        from analysis.pipeline import safe_relpath

        path = Path(out_dir) / "clean" / safe_relpath(str(doc_id))
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    return cut(line, width)
    except (ImportError, OSError):
        pass
    return ""


def distinct_figures(rows: list[dict]) -> list[dict]:
    """One row per figure (value, unit, metric): the same count quoted twice is one fact."""
    seen, out = set(), []
    for r in rows:
        key = (figure(r), r.get("metric"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def rows_by_doc(tables: Mapping, names: Sequence[str]) -> dict[str, dict[str, list[dict]]]:
    """{doc_id: {table: rows}} for the named tables."""
    by_doc: dict[str, dict[str, list[dict]]] = {}
    for name in names:
        for r in records(tables, name):
            by_doc.setdefault(str(r.get("doc_id")), {}).setdefault(name, []).append(r)
    return by_doc


def problems_note(tables: Mapping) -> str:
    """'1 file skipped, 3 kept with warnings; see errors.csv' ('' when errors.csv has no rows)."""
    rows = records(tables, "errors")
    skipped = {str(r.get("doc_id")) for r in rows if r.get("severity") != "warning"}
    warned = {str(r.get("doc_id")) for r in rows if r.get("severity") == "warning"} - skipped
    parts = [f"{n} {what}" for n, what in ((len(skipped), "file skipped" if len(skipped) == 1 else "files skipped"),
                                             (len(warned), "kept with warnings")) if n]
    return f"{', '.join(parts)}; see errors.csv" if parts else ""
