"""Export the written CSV tables to Parquet, one Excel workbook and one SQLite database.

``write_formats(out_dir, ["parquet", "xlsx", "sqlite"])`` reads the CSV tables in
``out_dir`` (csv is always written by the pipeline) and writes beside them:

- ``parquet/<table>.parquet`` (pyarrow), one file per table;
- ``kefu.xlsx`` (openpyxl), one sheet per table, header row frozen;
- ``kefu.sqlite`` (sqlite3), one table each.

Every table keeps its schema columns even when it has no rows. Counts and
offsets are integers, workload values floats, everything else text; an empty
cell is null.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from analysis.tables import SCHEMAS

FORMATS = ("csv", "parquet", "xlsx", "sqlite")
WORKBOOK = "kefu.xlsx"
DATABASE = "kefu.sqlite"
PARQUET_DIR = "parquet"

INT_COLUMNS = frozenset({
    "chars_raw", "chars_clean", "lines_removed", "line_no", "raw_start", "raw_end", "start", "end",
    "mentions", "documents",
})
FLOAT_COLUMNS = frozenset({"value_low", "value_high"})
# characters that XML 1.0 (hence xlsx) cannot hold
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_CELL_MAX = 32767


class UnknownFormatError(ValueError):
    pass


def parse_formats(spec: str | Iterable[str]) -> list[str]:
    """``"csv,parquet"`` -> ``["csv", "parquet"]``; raises UnknownFormatError on anything else."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    formats = []
    for item in items:
        f = item.strip().lower().lstrip(".")
        if not f:
            continue
        if f == "xls" or f == "excel":
            f = "xlsx"
        if f == "db" or f == "sqlite3":
            f = "sqlite"
        if f not in FORMATS:
            raise UnknownFormatError(f"unknown format {item.strip()!r}: choose from {', '.join(FORMATS)}")
        if f not in formats:
            formats.append(f)
    return formats or ["csv"]


def column_type(column: str) -> str:
    if column in INT_COLUMNS:
        return "int"
    if column in FLOAT_COLUMNS:
        return "float"
    return "str"


def typed_frames(out_dir: Path, tables: Sequence[str] | None = None) -> dict:
    """The CSV tables as DataFrames with fixed columns and dtypes (nullable Int64, float, string)."""
    import pandas as pd

    from analysis.tables import read_tables

    names = [t for t in (tables or SCHEMAS) if t != "entities" or (Path(out_dir) / "entities.csv").exists()]
    frames = {}
    for name, df in read_tables(out_dir, names).items():
        df = df.reindex(columns=list(SCHEMAS[name]))
        for col in df.columns:
            kind = column_type(col)
            values = df[col].replace("", None)
            if kind == "int":
                df[col] = pd.to_numeric(values, errors="coerce").astype("Int64")
            elif kind == "float":
                df[col] = pd.to_numeric(values, errors="coerce").astype("float64")
            else:
                df[col] = values.astype("string")
        frames[name] = df
    return frames


def _python_rows(df):
    """Rows of plain Python values (None for missing), converted column by column."""
    cols = [df[c].to_numpy(dtype=object, na_value=None) for c in df.columns]
    return zip(*cols)


def write_parquet(frames: dict, out_dir: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(out_dir) / PARQUET_DIR
    folder.mkdir(parents=True, exist_ok=True)
    arrow_types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    paths = []
    for name, df in frames.items():
        schema = pa.schema([(c, arrow_types[column_type(c)]) for c in df.columns])
        table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        paths.append(path)
    return paths


def _excel_text(value: str) -> str:
    value = _ILLEGAL_XML.sub("", value)
    return value if len(value) <= _EXCEL_CELL_MAX else value[: _EXCEL_CELL_MAX - 1] + "…"


def write_xlsx(frames: dict, out_dir: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, df in frames.items():
        ws = wb.create_sheet(title=name[:31])
        ws.freeze_panes = "A2"
        header = []
        for col in df.columns:
            c = WriteOnlyCell(ws, value=col)
            c.font = bold
            header.append(c)
        ws.append(header)
        for record in _python_rows(df):
            row = []
            for value in record:
                if isinstance(value, str):
                    value = _excel_text(value)
                    if value.startswith("="):
                        # text from the web is never a formula: "=HYPERLINK(...)" stays text
                        value = WriteOnlyCell(ws, value=value)
                        value.data_type = "s"
                row.append(value)
            ws.append(row)
    path = Path(out_dir) / WORKBOOK
    wb.save(path)
    return path


def write_sqlite(frames: dict, out_dir: Path) -> Path:
    sql_types = {"int": "INTEGER", "float": "REAL", "str": "TEXT"}
    path = Path(out_dir) / DATABASE
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    try:
        with con:
            for name, df in frames.items():
                cols = ", ".join(f'"{c}" {sql_types[column_type(c)]}' for c in df.columns)
                con.execute(f'CREATE TABLE "{name}" ({cols})')
                marks = ", ".join("?" for _ in df.columns)
                con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', _python_rows(df))
                if "doc_id" in df.columns:
                    con.execute(f'CREATE INDEX "{name}_doc_id" ON "{name}" (doc_id)')
    finally:
        con.close()
    return path


def write_formats(out_dir: Path, formats: str | Iterable[str]) -> list[Path]:
    """Write the requested formats from the CSV tables already in ``out_dir``; returns the files written.

    ``csv`` needs nothing (the pipeline writes it); an unknown name raises UnknownFormatError
    before anything is written.
    """
    formats = parse_formats(formats)
    out_dir = Path(out_dir)
    wanted = [f for f in formats if f != "csv"]
    if not wanted:
        return []
    if (out_dir / "people.csv").exists() or (out_dir / "organizations.csv").exists():
        from analysis import entities

        entities.write(out_dir)     # derived from people + organizations: always current in the exports
    frames = typed_frames(out_dir)
    written: list[Path] = []
    if "parquet" in wanted:
        written += write_parquet(frames, out_dir)
    if "xlsx" in wanted:
        written.append(write_xlsx(frames, out_dir))
    if "sqlite" in wanted:
        written.append(write_sqlite(frames, out_dir))
    return written
