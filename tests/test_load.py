"""Loading: encodings, front matter, and every kind of bad input."""
from __future__ import annotations

import codecs

import pytest

from analysis import load
from tests.conftest import CORPUS, corpus_files

SEED_TRAD = CORPUS / "001_27d5477e4bbfb3ec.txt"
SEED_SIMP = CORPUS / "002_87261c5fdbe1cde4.txt"


def test_corpus_files_are_found_sorted_with_relative_ids(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.md").write_text("正文内容在这里。", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>正文</p>", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("隐藏", encoding="utf-8")
    (tmp_path / "README.md").write_text("# 语料说明", encoding="utf-8")
    ids = [d for d, _ in load.find_files(tmp_path)]
    assert ids == ["a.html", "b/x.md"]


def test_single_file_is_its_own_name():
    assert load.find_files(SEED_SIMP) == [(SEED_SIMP.name, SEED_SIMP)]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_seed_loads_as_utf8(path):
    doc, problems = load.document(path, path.name)
    assert doc is not None and not problems
    assert doc.meta["encoding"] == "utf-8"
    assert doc.raw == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding,source", [
    ("gb18030", SEED_SIMP), ("big5", SEED_TRAD), ("utf-16", SEED_SIMP), ("utf-8-sig", SEED_TRAD),
])
def test_encodings_are_detected_and_decode_to_the_same_text(tmp_path, encoding, source):
    text = source.read_text(encoding="utf-8")
    if encoding == "big5":
        # Big5 cannot hold the few simplified characters of this sloppy traditional text
        text = text.encode("big5", errors="ignore").decode("big5")
    target = tmp_path / f"doc.{encoding}.txt"
    target.write_bytes(text.encode(encoding))
    doc, problems = load.document(target, target.name)
    assert doc is not None, problems
    assert doc.raw.lstrip("\ufeff") == text
    expected = {"utf-16": "utf_16", "utf-8-sig": "utf-8-sig"}.get(encoding, encoding)
    assert doc.meta["encoding"].replace("-", "_") in (expected.replace("-", "_"), "utf_16", "utf_16_le")


def test_short_gb18030_and_big5_snippets(tmp_path):
    for enc, text in (("gb18030", "上海疫情中，她带着生病的女儿，和丈夫一同被困在出租屋内近一月。"),
                      ("big5", "飛豬客服的進線量在1月21日時開始增加，在除夕夜到達頂峰。")):
        p = tmp_path / f"{enc}.txt"
        p.write_bytes(text.encode(enc))
        doc, _ = load.document(p, p.name)
        assert doc is not None and doc.raw == text and doc.meta["encoding"] == enc


def test_binary_file_is_an_error(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    doc, problems = load.document(p, p.name)
    assert doc is None
    assert problems[0].stage == "load" and "binary" in problems[0].message


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file_is_an_error(tmp_path, content):
    p = tmp_path / "empty.md"
    p.write_bytes(content)
    doc, problems = load.document(p, p.name)
    assert doc is None and "empty" in problems[0].message


def test_undecodable_bytes_are_an_error(tmp_path):
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes([0x81, 0xFF, 0xFE, 0x80, 0xC0]) * 50 + b"\x00\x01\x02" * 50)
    doc, problems = load.document(p, p.name)
    assert doc is None and problems and problems[0].stage == "load"


def test_front_matter_is_parsed_into_metadata():
    path = CORPUS / "003_e6f57750bee43b79.txt"
    doc, problems = load.document(path, path.name)
    assert not problems
    assert doc.meta["published"] == "2022-02-01"
    assert doc.meta["title"].startswith("旅行平台客服")
    assert doc.meta["author"] == ["趣头条"]
    assert doc.meta["categories"] == ["新媒体", "趣头条", "分类"]
    assert doc.meta["front_matter"] == (2, 13)


def test_broken_front_matter_is_a_warning_and_the_document_is_kept(tmp_path):
    p = tmp_path / "broken.md"
    p.write_text("---\ntitle: '未闭合\ndate: [2022\n---\n客服每天接听电话。\n", encoding="utf-8")
    doc, problems = load.document(p, p.name)
    assert doc is not None
    assert problems and problems[0].severity == "warning" and "front matter" in problems[0].message


def test_unterminated_front_matter_is_body(tmp_path):
    p = tmp_path / "dash.md"
    p.write_text("---\n客服每天接听电话。\n", encoding="utf-8")
    doc, problems = load.document(p, p.name)
    assert doc.meta["front_matter"] is None and not problems


def test_utf16_bom_variants_decode():
    text = "客服热线"
    for bom_enc in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if bom_enc.endswith("le") else codecs.BOM_UTF16_BE
        raw, enc = load.decode(bom + text.encode(bom_enc))
        assert raw == text and enc == "utf-16"


@pytest.mark.parametrize("value,iso", [
    ("Tue, 01 Feb 2022 07:53:31 GMT", "2022-02-01"), ("2020-01-24", "2020-01-24"),
    ("2020年1月24日", "2020-01-24"), ("not a date", None), (None, None),
])
def test_iso_date(value, iso):
    assert load.iso_date(value) == iso
