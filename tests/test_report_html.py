"""HTML report: one self-contained page, charts as inline SVG, every corpus string escaped."""
from __future__ import annotations

import re

import pytest
from gold_tables import GOLD, write_gold_tables
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from analysis import report_html
from analysis.tables import SCHEMAS, CsvTableWriter, read_tables

EVIL = '<script>alert("x")</script>'


def hostile_tables(tmp_path):
    """An article whose every field carries markup, as scraped pages do."""
    doc = f"evil{EVIL}.html"
    with CsvTableWriter(tmp_path, list(SCHEMAS)) as w:
        w.write("documents", [{"doc_id": doc, "title": f"标题{EVIL}", "published": "2020-01-24", "script": "simplified",
                               "encoding": "utf-8", "format": "html", "chars_raw": 100, "chars_clean": 80,
                               "lines_removed": 1, "author": f"记者{EVIL}"}])
        w.write("boilerplate", [{"doc_id": doc, "line_no": 1, "kind": "chrome", "text": EVIL}])
        w.write("people", [{"doc_id": doc, "name": f"张三{EVIL}", "aliases": ["张三", EVIL], "role": EVIL,
                            "org": "<b>公司</b>", "mentions": 3}])
        w.write("organizations", [{"doc_id": doc, "name": f"公司{EVIL}", "aliases": [EVIL], "type": "company",
                                   "mentions": 2}])
        w.write("dates", [{"doc_id": doc, "text": f"除夕{EVIL}", "value": "2020-01-24", "kind": "festival",
                           "sentence": f"除夕{EVIL}那天"}])
        w.write("workload", [{"doc_id": doc, "text": f"每天{EVIL}800单", "value_low": 800, "unit": "单<i>",
                              "metric": "orders", "period": "day", "qualifier": "exact", "subject": EVIL}])
    return read_tables(tmp_path)


def test_corpus_strings_are_escaped(tmp_path):
    page = report_html.render_html(hostile_tables(tmp_path), source=f"corpus/{EVIL}")
    assert "<script" not in page.lower()
    assert "<b>公司" not in page and "单<i>" not in page
    assert page.count("&lt;script&gt;") >= 8
    tree = HTMLParser(page)
    assert not tree.css("script") and not tree.css("b > i")
    # the text reads as written once the browser decodes it
    assert EVIL in tree.css_first("title").text() or EVIL in tree.body.text()


def test_page_is_self_contained(tmp_path):
    page = report_html.render_html(hostile_tables(tmp_path))
    tree = HTMLParser(page)
    assert not tree.css("link, script, iframe, img, object, embed")
    assert not re.search(r"(src|href)\s*=", page)
    assert "@import" not in page and "url(" not in page
    # the only URL is the SVG namespace, which is a name, not a download
    assert set(re.findall(r"https?://[^\"' )]+", page)) <= {"http://www.w3.org/2000/svg"}
    assert "Noto Sans CJK SC" in page and "Microsoft YaHei" in page


@pytest.fixture(scope="module")
def gold_page(tmp_path_factory):
    if not GOLD.is_dir():
        pytest.skip("gold annotations (../shared/gold) are not beside this checkout")
    out = write_gold_tables(tmp_path_factory.mktemp("gold"))
    return report_html.render_html(read_tables(out), top=8), read_tables(out)


def test_charts_with_full_tables(gold_page):
    page, tables = gold_page
    tree = HTMLParser(page)
    labels = [svg.attributes.get("aria-label") for svg in tree.css("svg")]
    assert {"Workload figures by metric", "Timeline of resolved dates", "Organization mentions"} <= set(labels)
    work = next(s for s in tree.css("svg") if s.attributes.get("aria-label") == "Workload figures by metric")
    # a bar per figure shown, Chinese labels as SVG text
    assert len(work.css("rect")) >= 8
    assert any(re.search(r"[\u4e00-\u9fff]", t.text()) for t in work.css("text"))
    timeline = next(s for s in tree.css("svg") if s.attributes.get("aria-label") == "Timeline of resolved dates")
    resolved = {(r["doc_id"], r["value"]) for r in tables["dates"].to_dict("records")
                if r["value"][:4].isdigit()}
    assert len(timeline.css("circle")) >= len(resolved) * 0.9
    orgs = next(s for s in tree.css("svg") if s.attributes.get("aria-label") == "Organization mentions")
    assert len(orgs.css("rect")) == 8                       # --top 8
    assert len(tree.css("details.article")) == len(tables["documents"])
    # the long timeline table folds away, every resolved date still listed
    fold = tree.css_first("details.fold")
    assert fold is not None and len(fold.css("tbody tr")) == len(resolved)


def test_empty_extractor_tables_still_make_a_page(tmp_path):
    with CsvTableWriter(tmp_path, list(SCHEMAS)) as w:
        w.write("documents", [{"doc_id": "a.txt", "title": "客服的一天", "script": "simplified", "chars_raw": 10,
                               "chars_clean": 9}])
    page = report_html.render_html(read_tables(tmp_path))
    tree = HTMLParser(page)
    assert "No workload figures extracted yet." in page and "No people extracted yet." in page
    assert tree.css_first("title").text() == "kefu report — 1 篇客服文章"
    assert "客服的一天" in tree.body.text()


def test_text_width_counts_wide_characters():
    assert report_html.text_width("客服", 10) == 20
    assert report_html.text_width("ab", 10) < report_html.text_width("客服", 10)
    assert report_html.fit("客服工作量是平时的五倍", 60, 10).endswith("…")
    assert report_html.text_width(report_html.fit("客服工作量是平时的五倍", 60, 10), 10) <= 60
