"""The command line on real files, including every kind of bad input in one run."""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.pipeline import safe_relpath
from analysis.tables import SCHEMAS
from tests.conftest import CORPUS, corpus_files


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def messy_corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    good = corpus_files()
    for p in good[:2]:
        shutil.copy(p, d / p.name)
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 10)
    (d / "empty.md").write_bytes(b"")
    (d / "gb.txt").write_bytes("上海疫情中，客服每天回访120位求助者。".encode("gb18030"))
    (d / "big5.txt").write_bytes("飛豬客服的進線量在除夕夜到達頂峰。".encode("big5"))
    (d / "utf16.txt").write_bytes("客服热线每天接听800个电话。".encode("utf-16"))
    (d / "huge.txt").write_text("客服每天接听很多电话。" * 600_000, encoding="utf-8")
    (d / "broken.html").write_text("<html><body><p>客服<b>加班<div>未闭合 &nbsp <a href='x>链接", encoding="utf-8")
    (d / "frontmatter.md").write_text("---\ntitle: '未闭合\n---\n客服每天接听电话。\n", encoding="utf-8")
    return d


def test_clean_on_messy_corpus(messy_corpus, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["clean", str(messy_corpus), "--out", str(out), "--quiet"])
    assert code == 0
    errs = rows(out / "errors.csv")
    by_doc = {r["doc_id"]: r for r in errs}
    assert "binary" in by_doc["binary.txt"]["message"]
    assert "empty" in by_doc["empty.md"]["message"]
    assert by_doc["huge.txt"]["severity"] == "warning"
    assert by_doc["frontmatter.md"]["severity"] == "warning"
    docs = {r["doc_id"]: r for r in rows(out / "documents.csv")}
    assert set(docs) == {p.name for p in corpus_files()[:2]} | {
        "gb.txt", "big5.txt", "utf16.txt", "huge.txt", "broken.html", "frontmatter.md"}
    assert docs["gb.txt"]["encoding"] == "gb18030" and docs["big5.txt"]["encoding"] == "big5"
    assert (out / "clean" / "big5.txt.txt").read_text(encoding="utf-8").strip() == "飞猪客服的进线量在除夕夜到达顶峰。"
    assert "客服" in (out / "clean" / "broken.html.txt").read_text(encoding="utf-8")
    # the good seed documents are unaffected by their neighbours
    alone = tmp_path / "alone"
    main(["clean", str(corpus_files()[0]), "--out", str(alone), "--quiet"])
    name = corpus_files()[0].name
    assert (alone / "clean" / f"{name}.txt").read_text() == (out / "clean" / f"{name}.txt").read_text()
    assert "binary.txt" in capsys.readouterr().err


def test_exit_code_nonzero_only_when_nothing_is_readable(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "a.txt").write_bytes(b"")
    (d / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    assert main(["clean", str(d), "--out", str(tmp_path / "o"), "--quiet"]) == 1
    assert main(["clean", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2


def test_extract_writes_every_table_with_headers(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(CORPUS), "--out", str(out), "--quiet"]) == 0
    for name, cols in SCHEMAS.items():
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv has no BOM"
        header = raw[3:].split(b"\r\n")[0].decode()
        assert tuple(header.split(",")) == cols
    assert len(rows(out / "documents.csv")) == len(corpus_files())


def test_doc_ids_are_relative_paths_and_outputs_stay_inside(tmp_path):
    d = tmp_path / "c"
    (d / "sub dir").mkdir(parents=True)
    (d / "sub dir" / 'we:ird?na*me.txt').write_text("客服每天接听电话。", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(d), "--out", str(out), "--quiet"]) == 0
    docs = rows(out / "documents.csv")
    assert docs[0]["doc_id"] == "sub dir/we:ird?na*me.txt"
    files = [p for p in (out / "clean").rglob("*") if p.is_file()]
    assert len(files) == 1 and out in files[0].parents


@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "a/../../b.txt", "..", "con:<>|?.txt", "x" * 400])
def test_safe_relpath_never_escapes(doc_id, tmp_path):
    rel = safe_relpath(doc_id)
    assert not rel.is_absolute() and ".." not in rel.parts
    assert all(len(p.encode()) <= 160 for p in rel.parts)
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_text("x")


def test_help_and_module_entry_point():
    res = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True)
    assert res.returncode == 0
    for cmd in ("extract", "clean", "report", "evaluate", "ner"):
        assert cmd in res.stdout


def test_summary_line_counts_the_rows_of_every_table(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(CORPUS), "--out", str(out), "--jobs", "1"]) == 0
    line = next(ln for ln in capsys.readouterr().err.splitlines() if "documents ->" in ln)
    counts = dict(re.findall(r"(\w+) (\d+)[,)]", line))
    for name in ("people", "organizations", "dates", "workload", "entities"):
        assert counts[name] == str(len(rows(out / f"{name}.csv"))), (name, line)
    assert counts["entities"] != "0"


def test_a_failing_extractor_leaves_an_errors_row_and_the_other_tables(tmp_path, monkeypatch):
    """One extractor that breaks on a document says so in errors.csv; the document's other tables
    are still written (in-process run, so the patched extractor is the one used)."""
    from analysis.extract import people

    def broken(doc, orgs):
        raise ValueError("odd document")

    monkeypatch.setattr(people, "_extract", broken)
    out = tmp_path / "out"
    first = corpus_files()[0]
    assert main(["extract", str(first), "--out", str(out), "--quiet", "--jobs", "1"]) == 0
    errors = rows(out / "errors.csv")
    assert [e["message"] for e in errors] == ["people: ValueError: odd document"]
    assert errors[0]["severity"] == "warning"
    assert not rows(out / "people.csv")
    assert rows(out / "organizations.csv") and rows(out / "dates.csv")
