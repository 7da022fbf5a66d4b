"""Normalization: offsets lead back to the raw file; simplified text stays as written."""
from __future__ import annotations

import html
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import load, normalize
from analysis.document import Document
from analysis.resources import opencc_converter
from tests.conftest import corpus_files

PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def prepared(path):
    doc, _ = load.document(path, path.name)
    doc, _ = normalize.document(doc)
    return doc


def raw_char_to_clean(raw_piece: str) -> set[str]:
    """What one raw slice may legitimately become in the clean text."""
    base = html.unescape(raw_piece) if raw_piece.startswith("&") else raw_piece
    forms = {base, normalize.fullwidth(base)}
    forms |= {opencc_converter("t2s").convert(f) for f in list(forms)}
    forms |= {PUNCT.get(f, f) for f in list(forms)}
    forms |= {"着" for f in list(forms) if f == "著"}
    return forms


def check_offsets(doc: Document) -> None:
    assert len(doc.starts) == len(doc.ends) == len(doc.text)
    prev = -1
    for i, ch in enumerate(doc.text):
        s, e = doc.starts[i], doc.ends[i]
        assert 0 <= s <= e <= len(doc.raw)
        assert s >= prev, f"offsets go backwards at {i}"
        prev = s
        if ch == "\n" and s == e:
            continue  # the join between two lines
        piece = doc.raw[s:e]
        assert piece, f"char {ch!r} at {i} maps to an empty raw span"
        if ch == " " and piece.isspace():
            continue
        assert ch in raw_char_to_clean(piece) or (len(piece) > 1 and ch in html.unescape(piece)), \
            f"{ch!r} at {i} comes from raw {piece!r}"


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_offsets_round_trip_on_every_corpus_file(path):
    doc = prepared(path)
    check_offsets(doc)
    for b in doc.blocks:
        if b.markup:
            continue
        rs, re_ = b.starts[0], b.ends[-1]
        assert rs < re_ and doc.raw[rs:re_].strip()


def test_simplified_documents_change_only_by_punctuation():
    path = [p for p in corpus_files() if p.name.startswith("002")][0]
    doc = prepared(path)
    assert doc.meta["script"] == "simplified"
    raw_lines = [ln.strip() for ln in doc.raw.split("\n") if ln.strip()]
    for b in doc.blocks:
        back = "".join({v: k for k, v in PUNCT.items()}.get(c, c) for c in b.text)
        assert back == b.source.replace(" ", "") or back.replace(" ", "") == b.source.replace(" ", "")
        assert b.source in raw_lines


def test_traditional_document_is_converted():
    path = [p for p in corpus_files() if p.name.startswith("001")][0]
    doc = prepared(path)
    assert doc.meta["script"] == "traditional"
    assert "飞猪客服的进线量" in doc.text and "飛" not in doc.text
    assert "带着两娃" in doc.text           # Taiwan-style 著 after a verb
    assert "么" in doc.text and "幺" not in doc.text


def test_zhe_keeps_words_written_with_zhe():
    assert normalize.zhe("带著孩子看著名的著作，显著") == "带着孩子看著名的著作，显著"


def test_punctuation_between_cjk_only():
    assert normalize.punctuation("回来,疫情") == "回来，疫情"
    assert normalize.punctuation("问题?“你") == "问题？“你"
    assert normalize.punctuation("a,b 1,000 http://x.cn:80") == "a,b 1,000 http://x.cn:80"
    assert normalize.punctuation("出处:https://a.cn") == "出处:https://a.cn"


def test_spaced_clock_time_is_joined():
    doc = Document("t", "t", raw="凌晨2: 30的八宝粥", meta={"format": "text"})
    out, _ = normalize.document(doc)
    assert out.text == "凌晨2:30的八宝粥"
    check_offsets(out)


def test_fullwidth_digits_and_letters():
    doc = Document("t", "t", raw="接听１２０个ＡＢ电话", meta={"format": "text"})
    out, _ = normalize.document(doc)
    assert out.text == "接听120个AB电话"
    check_offsets(out)


def test_html_fragment_blocks_entities_and_offsets():
    raw = "<div>\n<p>客服&amp;运营&#x4e00;起<br>加班</p><p>文/记者 张某</p>\n</div>\n"
    doc = Document("h", "h", raw=raw, meta={"format": "text"})
    out, _ = normalize.document(doc)
    texts = [b.text for b in out.blocks if not b.markup]
    assert texts == ["客服&运营一起", "加班", "文/记者 张某"]
    assert [b.markup for b in out.blocks if b.markup] == ["wrapper", "wrapper"]
    check_offsets(out)


def test_html_page_mode_collapses_whitespace_and_skips_chrome():
    raw = ("<!doctype html><html><head><title>客服的春节</title><script>var a = '<p>x</p>';</script></head>"
           "<body><nav>首页 | 新闻</nav><article><h1>客服的春节</h1><p>她每天\n  接听\n电话。</p></article>"
           "<footer>版权所有</footer></body></html>")
    doc = Document("p.html", "p.html", raw=raw, meta={"format": "html"})
    out, _ = normalize.document(doc)
    texts = [b.text for b in out.blocks if not b.markup]
    assert texts == ["客服的春节", "她每天 接听 电话。"]
    assert out.meta["title"] == "客服的春节"
    check_offsets(out)


def test_broken_html_does_not_raise():
    raw = "<p>客服<b>加班<div><span>未闭合 &nbsp &#xZZ; <a href='x>链接\n<p>第二段"
    doc = Document("b", "b", raw=raw, meta={"format": "text"})
    out, _ = normalize.document(doc)
    assert "客服" in out.text
    check_offsets(out)


def test_unknown_angle_brackets_stay_text():
    doc = Document("q", "q", raw="我的<Q币>怎么样了，3<5", meta={"format": "text"})
    out, _ = normalize.document(doc)
    assert out.text == "我的<Q币>怎么样了，3<5"


def test_huge_line_is_cut_and_reported():
    raw = ("客服每天接听很多电话。" * 600_000)[:6_000_000]
    doc = Document("big", "big", raw=raw, meta={"format": "text"})
    out, problems = normalize.document(doc)
    assert problems and problems[0].severity == "warning" and "6,000,000" in problems[0].message
    assert len(out.text.replace("\n", "")) == 6_000_000
    assert max(len(b.text) for b in out.blocks) <= normalize.MAX_LINE


PIECES = st.sampled_from([
    "客服", "飛豬", "後來", "帶著", "著名", "接線量", ",", ":", "?", " ", "\n", "2: 30", "１２", "&amp;", "&lt;",
    "<p>", "</p>", "<br>", "<div>", "<b>", "<script>x</script>", "<img src='a.png'>", "抖音", "電話", "。", "\r\n",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_mixed_text_offsets_round_trip(pieces):
    raw = "".join(pieces)
    doc = Document("h", "h", raw=raw, meta={"format": "text"})
    out, _ = normalize.document(doc)
    check_offsets(out)


def test_edit_maps_replacements_to_the_replaced_span():
    t, s, e = normalize.edit("abcd", array("q", [0, 1, 2, 3]), array("q", [1, 2, 3, 4]), [(1, 3, "X")])
    assert t == "aXd" and list(s) == [0, 1, 3] and list(e) == [1, 3, 4]


def test_markdown_syntax_is_dropped_with_offsets():
    raw = "# 客服的春节\n> 她**每天**接听[电话](http://a.cn/x)。\n![图](a.png)\n- 第二项\n"
    doc = Document("m.md", "m.md", raw=raw, meta={"format": "markdown"})
    out, _ = normalize.document(doc)
    assert [b.text for b in out.blocks] == ["客服的春节", "她每天接听电话。", "![图](a.png)", "第二项"]
    check_offsets(out)
