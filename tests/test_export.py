"""Exports: every format opens with the usual tool and keeps the schema columns."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from gold_tables import GOLD, write_gold_tables

from analysis import entities, export
from analysis.tables import SCHEMAS, CsvTableWriter, read_tables


@pytest.fixture(scope="module")
def full_dir(tmp_path_factory):
    if not GOLD.is_dir():
        pytest.skip("gold annotations (../shared/gold) are not beside this checkout")
    out = write_gold_tables(tmp_path_factory.mktemp("full"))
    entities.write(out)
    export.write_formats(out, "csv,parquet,xlsx,sqlite")
    return out


@pytest.fixture(scope="module")
def empty_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("empty")
    CsvTableWriter(out, list(SCHEMAS)).close()   # headers only, as a run that found nothing
    export.write_formats(out, ["parquet", "xlsx", "sqlite"])
    return out


def test_parquet_reads_back_typed(full_dir):
    csv_tables = read_tables(full_dir)
    for name in SCHEMAS:
        df = pd.read_parquet(full_dir / "parquet" / f"{name}.parquet")
        assert list(df.columns) == list(SCHEMAS[name])
        assert len(df) == len(csv_tables[name])
    work = pd.read_parquet(full_dir / "parquet" / "workload.parquet")
    assert work.value_low.dtype == "float64" and work.start.dtype == "Int64"
    assert work.value_low.max() > 1000   # numbers, not strings
    ents = pd.read_parquet(full_dir / "parquet" / "entities.parquet")
    assert ents.documents.max() >= 2


def test_workbook_has_a_sheet_per_table(full_dir):
    wb = openpyxl.load_workbook(full_dir / "kefu.xlsx", read_only=True)
    assert wb.sheetnames == list(SCHEMAS)
    csv_tables = read_tables(full_dir)
    for name in SCHEMAS:
        rows = list(wb[name].iter_rows(values_only=True))
        assert rows[0] == SCHEMAS[name]
        assert len(rows) - 1 == len(csv_tables[name])
    people = list(wb["people"].iter_rows(values_only=True))
    assert any("客服" == r[3] for r in people[1:])


def test_sqlite_answers_which_companies_appear_in_most_articles(full_dir):
    con = sqlite3.connect(full_dir / "kefu.sqlite")
    try:
        for name in SCHEMAS:
            cols = tuple(r[1] for r in con.execute(f'PRAGMA table_info("{name}")'))
            assert cols == SCHEMAS[name]
        top = con.execute("SELECT name, documents FROM entities WHERE type = 'company' "
                          "ORDER BY documents DESC, mentions DESC LIMIT 1").fetchone()
        assert top[1] >= 2
        assert con.execute("SELECT typeof(value_low) FROM workload LIMIT 1").fetchone()[0] == "real"
    finally:
        con.close()


def test_empty_tables_keep_their_columns(empty_dir):
    for name in SCHEMAS:
        df = pd.read_parquet(empty_dir / "parquet" / f"{name}.parquet")
        assert list(df.columns) == list(SCHEMAS[name]) and len(df) == 0
    wb = openpyxl.load_workbook(empty_dir / "kefu.xlsx")
    assert [c.value for c in wb["workload"][1]] == list(SCHEMAS["workload"])
    con = sqlite3.connect(empty_dir / "kefu.sqlite")
    assert [r[1] for r in con.execute('PRAGMA table_info("dates")')] == list(SCHEMAS["dates"])
    con.close()


def test_web_text_never_becomes_a_formula_or_breaks_the_workbook(tmp_path):
    with CsvTableWriter(tmp_path, list(SCHEMAS)) as w:
        w.write("people", [{"doc_id": "x.txt", "name": "=HYPERLINK(\"http://x\")", "aliases": "a\x07b", "mentions": 2}])
    export.write_formats(tmp_path, "xlsx,sqlite")
    ws = openpyxl.load_workbook(tmp_path / "kefu.xlsx")["people"]
    assert ws["B2"].value == '=HYPERLINK("http://x")' and ws["B2"].data_type == "s"
    assert ws["C2"].value == "ab"
    con = sqlite3.connect(tmp_path / "kefu.sqlite")
    assert con.execute("SELECT mentions FROM people").fetchone() == (2,)
    con.close()


def test_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(export.UnknownFormatError, match="unknown format 'pdf': choose from csv, parquet, xlsx, sqlite"):
        export.write_formats(tmp_path, "csv,pdf")
    assert not any(tmp_path.iterdir())   # nothing written before the check
    assert export.parse_formats(" CSV , Excel,db") == ["csv", "xlsx", "sqlite"]
    assert export.write_formats(tmp_path, "csv") == []


def test_pipeline_tables_export(tmp_path):
    from analysis import pipeline

    pipeline.run_corpus(Path(__file__).parents[1] / "corpus", tmp_path)
    written = export.write_formats(tmp_path, "parquet,xlsx,sqlite")
    assert {p.name for p in written} >= {"kefu.xlsx", "kefu.sqlite", "documents.parquet"}
    docs = pd.read_parquet(tmp_path / "parquet" / "documents.parquet")
    assert len(docs) == 5 and docs.chars_clean.min() > 0
