"""Table schemas (CONTRACT.md) and the conversion from records to DataFrames/CSV.

Columns are fixed here once; a table with no rows still has its header.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

DOCUMENTS_COLUMNS = (
    "doc_id", "title", "published", "source", "script", "encoding", "format",
    "chars_raw", "chars_clean", "lines_removed", "author", "editor", "photographer",
)
BOILERPLATE_COLUMNS = ("doc_id", "line_no", "kind", "text", "rule", "raw_start", "raw_end")
PEOPLE_COLUMNS = ("doc_id", "name", "aliases", "role", "org", "mentions", "rule")
ORGANIZATIONS_COLUMNS = ("doc_id", "name", "aliases", "type", "mentions", "canonical", "rule")
DATES_COLUMNS = ("doc_id", "text", "value", "kind", "start", "end", "raw_start", "raw_end", "sentence", "rule",
                 "anchor")
WORKLOAD_COLUMNS = (
    "doc_id", "text", "value_low", "value_high", "unit", "metric", "period", "qualifier", "subject",
    "start", "end", "raw_start", "raw_end", "sentence", "rule",
)
ERRORS_COLUMNS = ("doc_id", "stage", "severity", "message")

SCHEMAS: dict[str, tuple[str, ...]] = {
    "documents": DOCUMENTS_COLUMNS,
    "boilerplate": BOILERPLATE_COLUMNS,
    "people": PEOPLE_COLUMNS,
    "organizations": ORGANIZATIONS_COLUMNS,
    "dates": DATES_COLUMNS,
    "workload": WORKLOAD_COLUMNS,
    "errors": ERRORS_COLUMNS,
    "entities": ("name", "entity", "type", "documents", "mentions", "aliases", "doc_ids"),  # analysis/entities.py
}
CLEAN_TABLES = ("documents", "boilerplate", "errors")


def cell(value) -> str:
    """A CSV cell: None -> empty, sequences joined with '|', floats without a useless .0."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "|".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


class CsvTableWriter:
    """Writes one CSV per table incrementally (UTF-8 with BOM), header first."""

    def __init__(self, out_dir: Path, tables: Sequence[str]):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._files = {}
        self._writers = {}
        for name in tables:
            f = (self.out_dir / f"{name}.csv").open("w", encoding="utf-8-sig", newline="")
            w = csv.writer(f)
            w.writerow(SCHEMAS[name])
            self._files[name] = f
            self._writers[name] = w

    def write(self, table: str, rows: Iterable[Mapping]) -> None:
        cols = SCHEMAS[table]
        w = self._writers[table]
        for row in rows:
            w.writerow([cell(row.get(c)) for c in cols])

    def close(self) -> None:
        for f in self._files.values():
            f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


CELL_LIMIT = 1 << 30   # characters in one cell that ``read_rows`` accepts


def read_rows(out_dir: Path, name: str) -> list[dict[str, str]]:
    """A written CSV table as a list of dicts of strings (``[]`` when the file is not there).

    The same cells as ``read_tables`` gives, read with the csv module: no pandas import (about a
    second of start-up) for the corpus-level pass that only needs the rows.
    """
    path = Path(out_dir) / f"{name}.csv"
    if not path.exists():
        return []
    # corpus-level cells grow with the corpus (an entity's doc_ids over thousands of documents): past the
    # csv module's default limit of 128 KiB per cell the read would fail
    csv.field_size_limit(max(csv.field_size_limit(), CELL_LIMIT))
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_tables(out_dir: Path, names: Sequence[str] | None = None):
    """Load written CSV tables as DataFrames with their fixed columns."""
    import pandas as pd

    out = {}
    for name in names or SCHEMAS:
        path = Path(out_dir) / f"{name}.csv"
        if path.exists():
            df = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        else:
            df = pd.DataFrame(columns=list(SCHEMAS[name]))
        out[name] = df
    return out
