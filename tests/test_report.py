"""Terminal report: readable at 80 columns with empty and with full extractor tables."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from gold_tables import CORPUS, GOLD, ROOT, write_gold_tables
from rich.cells import cell_len

from analysis import report
from analysis.tables import read_tables

ANSI = re.compile(r"\x1b\[")


@pytest.fixture(scope="module")
def pipeline_dir(tmp_path_factory):
    from analysis import pipeline

    out = tmp_path_factory.mktemp("pipeline")
    pipeline.run_corpus(CORPUS, out)
    return out


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory):
    if not GOLD.is_dir():
        pytest.skip("gold annotations (../shared/gold) are not beside this checkout")
    return write_gold_tables(tmp_path_factory.mktemp("gold"))


def assert_fits(text: str, width: int = 80) -> None:
    wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert not wide, wide[:3]


def test_pipeline_tables_report_fits_80_columns(pipeline_dir):
    tables = read_tables(pipeline_dir)
    text = report.render_text(tables, out_dir=pipeline_dir)
    assert_fits(text)
    assert "documents        5" in text
    assert "traditional 1" in text                     # the Big5-era article was converted
    assert re.search(r"published\s+(\d+ of 5 dated|no publication dates)", text)
    for doc_id in tables["documents"].doc_id:
        assert doc_id in text                          # one card per article
    for kind in set(tables["boilerplate"].kind):
        assert kind in text                            # lines removed by kind
    # what the extractors have not produced yet is said, not hidden
    for name, df in tables.items():
        if name in ("people", "organizations", "dates", "workload") and not len(df):
            assert f"{name}.csv has no rows" in text


def test_full_tables_report(gold_dir):
    tables = read_tables(gold_dir)
    text = report.render_text(tables, top=5)
    assert_fits(text)
    people = tables["people"].assign(m=tables["people"].mentions.astype(int)).sort_values("m", ascending=False)
    assert people.iloc[0]["name"] in text
    # organizations ranked by articles: the one in most articles comes first
    org_section = text.split("Organizations —")[1].split("Timeline")[0]
    first_row = next(line for line in org_section.splitlines() if line.strip().startswith("1 "))
    counts = tables["organizations"].groupby("name").doc_id.nunique()
    assert counts.idxmax() in first_row
    # timeline in calendar order
    tl = text.split("Timeline —")[1].split("Workload —")[0]
    whens = re.findall(r"^(\d{4}(?:-\d\d)*)", tl, flags=re.MULTILINE)
    assert whens and whens == sorted(whens)
    # workload highlights, largest multiple first, and the per-day section
    wl = text.split("Largest multiples of normal load")[1].splitlines()
    first = wl[wl.index(next(line for line in wl if line.startswith("───"))) + 1]
    mult = [r for r in tables["workload"].to_dict("records") if r["metric"] == "multiplier"]
    assert first.startswith(report.figure(max(mult, key=report.value_sort_key)))
    assert "Per-day volumes" in text and "Head-counts" in text and "Hours per day" in text


def test_top_limits_rankings(gold_dir):
    tables = read_tables(gold_dir)
    three = report.render_text(tables, top=3)
    section = three.split("People —")[1].split("Organizations")[0]
    rows = [line for line in section.splitlines()[3:] if line.strip() and not line.startswith("─")]
    assert len(rows) == 3


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "analysis", "report", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)


def test_cli_on_a_corpus_is_silent_apart_from_the_report(tmp_path):
    done = run_cli(CORPUS, "--top", "3", "--html", tmp_path / "r.html")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""                         # not a TTY: no progress bar, no chatter
    assert not ANSI.search(done.stdout)
    assert "Corpus" in done.stdout and "Articles" in done.stdout
    assert_fits(done.stdout)
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_on_a_table_folder(pipeline_dir, capsys):
    from analysis.cli import main

    assert main(["report", str(pipeline_dir), "--top", "2"]) == 0
    out = capsys.readouterr()
    assert "documents        5" in out.out and out.err == ""


def test_cli_errors(tmp_path, capsys):
    from analysis.cli import main

    assert main(["report", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["report", str(tmp_path / "empty")]) != 0


def test_figure_and_number_formatting():
    assert report.figure({"value_low": "800", "qualifier": "at_least", "unit": "单"}) == "≥800 单"
    assert report.figure({"value_low": 5.0, "value_high": 6.0, "qualifier": "range", "unit": "倍"}) == "5–6 倍"
    assert report.figure({"value_low": "1519000", "qualifier": "approx", "unit": "人"}) == "≈1,519,000 人"
    assert report.fmt_num("2.50") == "2.5" and report.fmt_num("") == ""
    assert report.resolved_day("--01-24") is None and report.resolved_day("2020-01-24/2020-01-30") == "2020-01-24"
    assert report.short_doc("news/2020/000_0739df588c2f1049.txt") == "000_0739df5…"


def test_odd_cells_and_a_clean_only_folder_do_not_break_the_report(tmp_path):
    from analysis import report_html
    from analysis.tables import CsvTableWriter

    with CsvTableWriter(tmp_path, ["documents", "boilerplate", "errors"]) as w:   # what `kefu clean` writes
        w.write("documents", [{"doc_id": "a/b/c.md", "chars_raw": "x", "chars_clean": "", "title": "[rich]标题[/]"}])
        w.write("errors", [{"doc_id": "bad.bin", "stage": "load", "severity": "error", "message": "binary file"}])
    tables = read_tables(tmp_path)
    text = report.render_text(tables)
    assert "[rich]标题[/]" in text                 # markup in corpus text is printed, not interpreted
    assert "1 file skipped; see errors.csv" in text
    with CsvTableWriter(tmp_path, ["dates", "workload"]) as w:
        w.write("dates", [{"doc_id": "a/b/c.md", "text": "某日", "value": "--01-24"},
                          {"doc_id": "a/b/c.md", "text": "那年", "value": "20xx"}])
        w.write("workload", [{"doc_id": "a/b/c.md", "text": "很多", "value_low": "many", "metric": ""}])
    with CsvTableWriter(tmp_path, ["people", "organizations"]) as w:
        w.write("people", [{"doc_id": "a/b/c.md", "name": "[/]", "role": "[bold]客服", "mentions": "2"}])
        w.write("organizations", [{"doc_id": "a/b/c.md", "name": "[red]公司[/red]", "mentions": "?"}])
    tables = read_tables(tmp_path)
    assert "2 without a year" not in report.render_text(tables)   # nothing resolved: the section says so
    text = report.render_text(tables)
    assert "Timeline" in text and "[bold]客服" in text and "[red]公司[/red]" in text
    assert "<svg" in report_html.render_html(tables) or "No resolved dates" in report_html.render_html(tables)


def test_the_two_reports_share_one_module_and_do_not_import_each_other():
    """report.py and report_html.py both build on report_data; neither loads the other when imported."""
    for module, other in (("analysis.report_html", "analysis.report"), ("analysis.report", "analysis.report_html")):
        code = f"import sys, {module}; print({other!r} in sys.modules, 'analysis.report_data' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        assert out.stdout.split() == ["False", "True"], (module, out.stdout, out.stderr)


def test_problems_note_tells_skipped_files_from_repaired_ones():
    from analysis.report_data import problems_note

    errors = [{"doc_id": "a.txt", "severity": "error"}, {"doc_id": "b.txt", "severity": "warning"},
              {"doc_id": "b.txt", "severity": "warning"}, {"doc_id": "c.txt", "severity": "warning"}]
    assert problems_note({"errors": errors}) == "1 file skipped, 2 kept with warnings; see errors.csv"
    assert problems_note({"errors": []}) == ""
