"""Loading: encodings, front matter, and every kind of bad input."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import load, normalize
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
        raw, enc, repairs = load.decode(bom + text.encode(bom_enc))
        assert raw == text and enc == "utf-16" and not repairs


@pytest.mark.parametrize("value,iso", [
    ("Tue, 01 Feb 2022 07:53:31 GMT", "2022-02-01"), ("2020-01-24", "2020-01-24"),
    ("2020年1月24日", "2020-01-24"), ("not a date", None), (None, None),
])
def test_iso_date(value, iso):
    assert load.iso_date(value) == iso


# ---- a messy corpus: nothing readable is lost ------------------------------------------------

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")
MARKUP = ("<span>", "</div>", "&nbsp;", "<br/>", "<!-- ad -->", '<a href="/x">')
CONTROLS = ("\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f")
EMOJI = ("😀", "👍", "🔥", "📞", "❤️")
RARE_CJK = ("𠀀", "𪚥", "龘", "䲜", "𡃁", "㗎", "𨋢", "鿏")


def messy_corpus(folder, seed: int = 14, n: int = 150) -> tuple[dict, set]:
    """Fragments of the seed articles, encoded and damaged as scraped files are.

    Returns ({file name: (text the loader must return, what was done)}, names of the real binaries).
    """
    import io
    import random
    import zipfile
    import zlib

    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in corpus_files()]
    expected = {}
    for i in range(n):
        src = rng.choice(sources)
        start = rng.randrange(0, len(src) - 400)
        chars = list(src[start:start + rng.randint(120, 900)])
        for pool, k in ((MARKUP, 2), (CONTROLS, 3), (EMOJI, 2), (RARE_CJK, 2)):
            for _ in range(rng.randint(0, k)):
                chars.insert(rng.randrange(len(chars) + 1), rng.choice(pool))
        text = "".join(chars).rstrip() + "。"
        encoding = ENCODINGS[i % 4]
        nuls = rng.randint(1, 3) if rng.random() < 0.2 else 0
        raw_text = text
        for _ in range(nuls):
            pos = rng.randrange(1, len(raw_text))
            raw_text = raw_text[:pos] + "\x00" + raw_text[pos:]
        data = raw_text.encode(encoding)
        truncated = encoding != "gb18030" and rng.random() < 0.08 or encoding == "gb18030" and i % 40 == 2
        if truncated:
            data = data[:-1]            # the last character '。' loses its last byte
            text = text[:-1] + "\ufffd"
        name = f"{i:03d}_{encoding}{'_nul' if nuls else ''}{'_cut' if truncated else ''}" \
               f"{rng.choice(('.txt', '.md', '.html'))}"
        (folder / name).write_bytes(data)
        expected[name] = (text, encoding, nuls, truncated)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(13) + zlib.compress(bytes(rng.randbytes(300)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", sources[0])
    binaries = {"random.txt": rng.randbytes(4096), "image.html": png, "archive.md": buf.getvalue(),
                "short-random.txt": rng.randbytes(200)}
    for name, data in binaries.items():
        (folder / name).write_bytes(data)
    return expected, set(binaries)


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy")
    expected, binaries = messy_corpus(folder)
    return folder, expected, binaries


def test_messy_corpus_covers_every_defect(messy):
    _, expected, _ = messy
    encodings = {enc for _, enc, _, _ in expected.values()}
    assert encodings == set(ENCODINGS)
    assert sum(1 for *_, nuls, _ in expected.values() if nuls) >= 20
    assert {enc for _, enc, _, cut in expected.values() if cut} >= {"utf-8-sig", "utf-16", "gb18030"}


def test_every_readable_file_decodes_to_its_text_with_its_repairs_named(messy):
    folder, expected, binaries = messy
    for name, (text, encoding, nuls, truncated) in expected.items():
        doc, problems = load.document(folder / name, name)
        assert doc is not None, (name, problems)
        assert doc.raw.lstrip("\ufeff") == text, name
        assert all(p.severity == "warning" for p in problems), (name, problems)
        messages = " ".join(p.message for p in problems)
        assert ("NUL" in messages) == bool(nuls), (name, messages)
        assert ("ends in the middle of" in messages) == truncated, (name, messages)
        assert doc.meta["encoding"].replace("_", "-") in (encoding, "utf-16"), (name, doc.meta["encoding"])
    for name in binaries:
        doc, problems = load.document(folder / name, name)
        assert doc is None and problems[0].severity == "error" and "binary" in problems[0].message, name


def test_messy_corpus_loses_no_document(messy, tmp_path):
    """`kefu clean` on the whole folder: every text in documents.csv, only the binaries are error rows."""
    from analysis.pipeline import run_corpus
    from analysis.tables import read_tables

    folder, expected, binaries = messy
    run_corpus(folder, tmp_path, extract=False, jobs=1)
    tables = read_tables(tmp_path, ["documents", "errors"])
    assert set(tables["documents"]["doc_id"]) == set(expected)
    errors = tables["errors"]
    assert set(errors[errors["severity"] == "error"]["doc_id"]) == binaries
    warned = set(errors[errors["severity"] == "warning"]["doc_id"])
    assert warned >= {name for name, (_, _, nuls, cut) in expected.items() if nuls or cut}


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"), (b"\xff\xd8\xff\xe0" + bytes(64), "JPEG"),
    (b"GIF89a" + bytes(64), "GIF"), (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"), (b"PK\x03\x04" + bytes(64), "ZIP"),
    (b"\x1f\x8b\x08\x00" + bytes(64), "gzip"),
])
def test_known_signatures_are_binary(data, kind):
    assert kind in load.binary_kind(data)


def test_a_text_starting_like_a_signature_word_is_text():
    assert load.binary_kind("GIF动图里的客服：每天接听800个电话。".encode()) is None
    assert load.binary_kind("PK赛中，客服团队平均一天处理800单。".encode()) is None


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_plausibility_prefers_the_right_decoding(encoding):
    text = SEED_TRAD.read_text(encoding="utf-8")[:600].encode("big5", errors="ignore").decode("big5") \
        if encoding == "big5" else SEED_SIMP.read_text(encoding="utf-8")[:600]
    data = text.encode(encoding)
    other = {"gb18030": "big5", "big5": "gb18030"}[encoding]
    right = load.plausibility(text)
    wrong = load.plausibility(data.decode(other, errors="replace"))
    assert right > 0.9 and wrong < 0.75, (right, wrong)


def test_bad_bytes_inside_a_text_are_replaced_and_reported(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("客服每天接听电话，".encode() + b"\xff\xfe" + "平均一天处理800单以上。".encode())
    doc, problems = load.document(p, p.name)
    assert doc is not None and doc.raw == "客服每天接听电话，\ufffd\ufffd平均一天处理800单以上。"
    assert problems[0].severity == "warning" and "U+FFFD" in problems[0].message


def _articles() -> list:
    from tests.conftest import SHARED

    devset = SHARED / "devset" / "corpus"
    return corpus_files() + (sorted(devset.iterdir()) if devset.is_dir() else [])


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16", "utf-8-sig"])
def test_every_article_reencoded_reads_back_unchanged(encoding):
    """Seed and devset articles in each encoding (Big5 drops what it cannot hold): same text, nothing repaired."""
    for path in _articles():
        text = path.read_text(encoding="utf-8").encode(encoding, errors="ignore").decode(encoding).lstrip("\ufeff")
        got = load.decode(text.encode(encoding))
        assert got.text.lstrip("\ufeff") == text and not got.repairs, (path.name, got.encoding, got.repairs)
        assert got.encoding.replace("_", "-").startswith(encoding.split("-sig")[0][:5]), (path.name, got.encoding)


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.binary(max_size=400),
    st.text(max_size=120).map(lambda t: t.encode("utf-8")),
    st.text(max_size=120).map(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le", "surrogatepass")),
    st.text(alphabet=st.characters(codec="gb18030"), max_size=120).map(lambda t: t.encode("gb18030")),
))
def test_any_bytes_decode_or_raise_load_error(data):
    try:
        got = load.decode(data)
    except load.LoadError:
        return
    assert isinstance(got.text, str) and "\x00" not in got.text


def test_corpus_readme_table_gives_each_file_its_year(tmp_path):
    """The collector's README (a markdown table with file and year columns) dates year-less articles."""
    from analysis.extract import dates

    notes = load.folder_notes(str(CORPUS))
    assert notes["000_0739df588c2f1049.txt"]["year"] == 2020
    assert notes["003_e6f57750bee43b79.txt"]["year"] == 2022   # "2022 (published 2022-02-01)"
    (tmp_path / "README.md").write_text(
        "# notes\n\n| file | outlet | year |\n|---|---|---|\n| `a.txt` | 红星新闻 | 2020 (春节) |\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("自1月22日返回成都后，她一直在线上接听电话。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("自1月22日返回成都后，她一直在线上接听电话。\n", encoding="utf-8")
    values = {}
    for name in ("a.txt", "b.txt"):
        doc, _ = load.document(tmp_path / name, name)
        values[name] = [d.value for d in dates.extract(normalize.document(doc)[0])]
    assert values == {"a.txt": ["2020-01-22"], "b.txt": ["--01-22"]}
