"""analysis/extract/dates.py: the example tables, the reference time, and robustness."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.document import Document
from analysis.extract import dates

EXAMPLES = Path(__file__).parent / "examples"


def _rows():
    with (EXAMPLES / "dates.tsv").open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _doc(text: str, ref: str = "") -> tuple[Document, int]:
    """A document holding ``text``; returns it and the offset where the body starts."""
    meta = {}
    head = ""
    if len(ref) == 10:
        meta["published"] = ref
    elif ref:
        head = f"{ref}年。\n"
    body = head + text
    return Document(id="t", path="t", raw=body, text=body, meta=meta), len(head)


ROWS = _rows()
PARAMS = [pytest.param(r, id=f"{r['text']}|{r['ref']}|{(r['context'] or '')[:8]}",
                       marks=[pytest.mark.xfail(strict=True)] if (r.get("status") or "") == "xfail" else [])
          for r in ROWS]


@pytest.mark.parametrize("row", PARAMS)
def test_example(row):
    context = (row.get("context") or "{}").replace("\\n", "\n")      # \n in a context: a new paragraph
    doc, off = _doc(context.replace("{}", row["text"]), row.get("ref") or "")
    start = off + context.index("{}")
    end = start + len(row["text"])
    found = [m for m in dates.extract(doc) if m.start == start and m.end == end]
    assert len(found) == 1, [(m.text, m.value) for m in dates.extract(doc)]
    want = None if row["value"] in ("", "None") else row["value"]
    assert (found[0].value, found[0].kind) == (want, row["kind"])
    overlapping = [m for m in dates.extract(doc) if m.start < end and m.end > start]
    assert overlapping == found


def _negatives():
    with (EXAMPLES / "dates.neg.txt").open(encoding="utf-8") as f:
        return [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("text", _negatives())
def test_negative(text):
    doc, _ = _doc(text, "2022-02-01")
    assert [(m.text, m.value) for m in dates.extract(doc)] == []


def test_examples_are_enough():
    assert len(ROWS) >= 100 and len(_negatives()) >= 40


# ---- reference time

def test_published_from_text():
    assert dates.published_from_text("标题\n发布时间：2022年2月1日 07:53\n正文") == "2022-02-01"
    assert dates.published_from_text("标题\n2022-02-01 07:53\n正文") == "2022-02-01"
    assert dates.published_from_text("正文\n来源：新民晚报 2021/12/3") == "2021-12-03"
    assert dates.published_from_text("2007年11月22日，大学毕业后就来阿里了，7年虽有岗位的调整。") is None
    assert dates.published_from_text("标题\n2021年12月3日 星期五\n正文") == "2021-12-03"
    assert dates.published_from_text("") is None


def test_reference_prefers_metadata_then_text_then_years():
    d = Document(id="a", path="a", raw="", text="2016年来到公司，2020年春节。", meta={"published": "2022-02-01"})
    assert dates.reference(d).day.isoformat() == "2022-02-01"
    d = Document(id="a", path="a", raw="", text="2016年来到公司，2020年春节。\n到2035年的远景目标。")
    assert dates.reference(d).year == 2020 and dates.reference(d).day is None
    d = Document(id="a", path="a", raw="", text="受新型冠状病毒肺炎影响，1月22日返回成都。")
    assert dates.reference(d).year is None and dates.reference(d).md == (1, 22)
    assert [m.value for m in dates.extract(d)] == ["--01-22"]          # no year from world knowledge
    assert dates.reference(d, event_years=True).year is None           # a day of the body outranks events
    d = Document(id="a", path="a", raw="", text="受新型冠状病毒肺炎影响，春节不能回家。")
    assert dates.reference(d).year is None and dates.reference(d, event_years=True).year == 2020
    d = Document(id="a", path="a", raw="", text="1月22日返回成都。")
    assert dates.reference(d).year is None
    assert [m.value for m in dates.extract(d)] == ["--01-22"]


def test_year_context_follows_the_sentence():
    text = "2009年我参加了第一次活动，那年光棍节很热闹。2013年，双十一任务完成后会放烟火。\n今年4月。"
    doc, _ = _doc(text, "2014")
    got = {(m.text, m.value) for m in dates.extract(doc)}
    assert ("光棍节", "2009-11-11") in got and ("双十一", "2013-11-11") in got and ("今年4月", "2014-04") in got


def test_festival_in_several_years_is_generic_without_a_year():
    text = "2009年双十一很忙。\n2013年双十一更忙。\n双11当天可以趁上洗手间下一单。"
    doc, _ = _doc(text)
    values = {m.text: m.value for m in dates.extract(doc)}
    assert values["双11"] is None


def test_offsets_and_order_on_a_real_paragraph():
    text = ("据统计，4月1日到6月10日，但文洁和114名同事相继对36539条求助线索逐一回访。"
            "4月中旬，但文洁就曾两度接到同一人的线索。三月底，上海疫情陷入胶着。")
    doc, _ = _doc(text, "2022")
    found = dates.extract(doc)
    assert [m.text for m in found] == ["2022年", "4月1日到6月10日", "4月中旬", "三月底"]
    for m in found:
        assert doc.text[m.start:m.end] == m.text


# ---- robustness

DATE_CHARS = "0123456789年月日号点时分:：/-~到至今明昨去前后天周星期一二三四五六七八九十两廿初大正腊凌晨早上下午晚半夜春节除夕双十一元旦，。“”（）(）\n "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(DATE_CHARS), max_size=60) | st.text(max_size=60),
       st.sampled_from(["", "2022-02-01", "1999", "not a date", None]))
def test_never_raises_and_offsets_slice_back(text, published):
    doc = Document(id="h", path="h", raw=text, text=text, meta={"published": published})
    for m in dates.extract(doc):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.kind in {"date", "time", "datetime", "month", "year", "festival", "range", "relative"}


# ---- data files

def test_festival_table_is_well_formed():
    from analysis.extract import dates_calendar as cal
    from analysis.extract.dates_patterns import festivals

    rows = festivals()
    assert len(rows) >= 40
    keys = {}
    for name, row in rows.items():
        assert row["calendar"] in {"solar", "lunar", "jieqi", "weekday"}, name
        assert row["resolve"] in {"always", "explicit"}, name
        assert row["guard"] in {"", "left", "digits"}, name
        keys.setdefault(row["key"], set()).add((row["calendar"], row["month"], row["day"], row["offset"]))
        for year in (1995, 2014, 2020, 2022, 2035):
            span = cal.festival_span(row, year)
            assert span is not None, (name, year)
            assert abs(span[0].year - year) <= 1, (name, year, span)
    assert all(len(v) == 1 for v in keys.values()), "forms of one festival disagree"


@pytest.mark.parametrize("year", [1901, 1949, 1984, 2000, 2020, 2023, 2033, 2057])
def test_lunar_days_are_those_of_lunar_python(year):
    """The cached conversion gives what ``Lunar.fromYmd(...).getSolar()`` gives, checked back with ``getLunar()``."""
    from lunar_python import Lunar

    from analysis.extract import dates_calendar as cal

    for month in range(1, 13):
        for day in (1, 15, 29, 30):
            try:
                solar = Lunar.fromYmd(year, month, day).getSolar()
                back = solar.getLunar()
                want = (dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
                        if (back.getMonth(), back.getDay()) == (month, day) else None)
            except Exception:  # noqa: BLE001 - a day 30 that the month does not have
                want = None
            assert cal.lunar_to_solar(year, month, day) == want, (year, month, day)


def test_vocabulary_is_complete():
    from analysis.extract.dates_patterns import patterns, vocab

    v = vocab()
    assert set(v["time_of_day"].values()) <= {"am", "noon", "pm", "evening", "night"}
    for key in ("relative_years", "relative_days", "relative_weeks", "relative_months"):
        assert all(isinstance(x, int) for x in v[key].values()), key
    assert set(v["ago_units"].values()) <= {"year", "month", "week", "day"}
    assert all(isinstance(y, int) and 1900 < y < 2100 for y in v["event_years"].values())
    assert all(p.pattern for ps in patterns().values() for p in ps)


# ---- held-out articles (mainland, Taiwan, Hong Kong) through loading, normalization and boilerplate

ARTICLES = sorted((EXAMPLES / "dates_articles").glob("*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_fixture(path):
    from analysis import boilerplate, pipeline

    doc, _ = pipeline.prepare(path, path.name)
    doc, _ = boilerplate.strip_document(doc, common=frozenset())
    if not doc.meta.get("published"):
        doc = doc.replace(meta={**doc.meta, "published": pipeline.published_from_text(doc)})
    with path.with_suffix(".expected.tsv").open(encoding="utf-8") as f:
        want = {(r["text"], r["value"] or None, r["kind"])
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    got = {(m.text, m.value, m.kind) for m in dates.extract(doc)}
    assert got == want


def test_article_fixtures_exist():
    assert len(ARTICLES) >= 3


def test_removed_date_line_still_dates_the_article():
    """A top line '2023-06-19 08:30' leaves the text as a credit line; its date stays the reference."""
    from analysis import boilerplate, pipeline

    path = EXAMPLES / "dates_articles" / "mainland_618.txt"
    doc, _ = pipeline.prepare(path, path.name)
    doc, removed = boilerplate.strip_document(doc, common=frozenset())
    assert "2023-06-19 08:30" not in doc.text and doc.meta["published"] == "2023-06-19"
    assert dates.published_from_text(doc.text) is None
    ref = dates.reference(doc)
    assert (ref.year, ref.day.isoformat(), ref.source) == (2023, "2023-06-19", "published")
    values = {m.text: m.value for m in dates.extract(doc)}
    assert values["上周三"] == "2023-06-14" and values["去年双11"] == "2022-11-11"


def test_anaphoric_offsets_need_a_stated_day_and_a_clause_start():
    doc, _ = _doc("6月1日下单，签收30天后可退货；三天后才发货。\n三天后，客服回电。", "2023-06-19")
    got = [(m.text, m.value) for m in dates.extract(doc)]
    assert got == [("6月1日", "2023-06-01"), ("三天后", "2023-06-04")]


def test_a_dateline_dating_the_page_is_not_a_date_of_the_story():
    """【大纪元2020年04月20日讯】 gives the reference (今天 = 2020-04-20); its date is not a row. A dateline
    whose date is not the page's own (another day than the publication date) stays a row."""
    doc, _ = _doc("【大纪元2020年04月20日讯】（记者报导）1922热线今天来电激增。")
    assert [(m.text, m.value) for m in dates.extract(doc)] == [("今天", "2020-04-20")]
    doc, _ = _doc("新华社北京3月5日电（记者张三）热线昨日来电激增。", "2022-03-05")
    assert [(m.text, m.value) for m in dates.extract(doc)] == [("昨日", "2022-03-04")]
    doc, _ = _doc("新华社北京3月5日电（记者张三）热线来电激增。", "2022-03-08")
    assert [(m.text, m.value) for m in dates.extract(doc)] == [("3月5日", "2022-03-05")]


@pytest.mark.parametrize("line,want", [
    ("Oct 22 Tue 2019 10:53", "2019-10-22"),
    ("October 22, 2019", "2019-10-22"),
    ("22 October 2019", "2019-10-22"),
    ("Posted on March 3rd, 2020 by admin", "2020-03-03"),
    ("22/10/2019", "2019-10-22"),
    ("10/22/2019 10:23 PM", "2019-10-22"),
    ("05/01/2021", None),                         # day/month or month/day: not known
    ("发布时间：01-25 10:23", "--01-25"),
    ("01-25 10:23", "--01-25"),
    ("12-01 某某新闻标题很长很长", None),
    ("星期二, 2021年1月5日", "2021-01-05"),
    ("我在May 5 2020去了北京，很开心，也很累，但是值得", None),
])
def test_published_line_shapes(line, want):
    assert dates.published_from_text(line) == want


def test_a_full_date_wins_over_a_month_day_line():
    text = "标题\n01-25 10:23\n正文第一段。\n正文第二段。\n发布时间：2023-01-26"
    assert dates.published_from_text(text) == "2023-01-26"


def test_a_founding_or_starting_year_is_not_the_articles_time():
    """热线自2003年开通以来 / 成立于2014年: a year the story starts from, not the year it is told in,
    so 今年春节 stays unknown in a page without a printed date."""
    doc, _ = _doc("热线自2003年开通以来，已走过十几个年头。今年春节，话务员们照常上班。")
    assert dates.reference(doc).year is None
    assert [(m.text, m.value) for m in dates.extract(doc)] == [("2003年", "2003"), ("今年春节", None)]
    doc, _ = _doc("公司成立于2014年。2017年，热线来电突破100万个。")
    assert dates.reference(doc).year == 2017


def test_a_long_labelled_head_line_is_still_a_dateline():
    title = "疫情之下的热线人：他们在电话那头守护万家灯火——记杭州市12345市长热线的一线话务员们"
    text = f"{title} 发布时间：2022-02-10 10:00 来源：杭州日报 作者：张三 阅读：1234 【字号 大 中 小】【打印】\n正文。\n正文。"
    assert dates.published_from_text(text) == "2022-02-10"
    prose = ("他说，2022年2月10日那天，热线来电量是平时的三倍，时间都不够用了，来源于群众的诉求太多了，"
             "我们每个人都在加班加点地工作，没有一个人叫苦叫累，大家都很拼，这是我们的责任。\n第二行")
    assert dates.published_from_text(prose) is None


def test_spaces_typeset_around_numbers_do_not_cut_a_date_or_a_time():
    from analysis.document import Document
    from analysis.extract import dates

    text = "暴雪游戏在 2023 年 1 月 24 日 0 时停止运营，网易在 11 时开放了退款通道。"
    found = dates.extract(Document(id="x", path="x", raw=text, text=text, meta={"published": "2023-02-02"}))
    assert [(d.text, d.value) for d in found] == [("2023 年 1 月 24 日 0 时", "2023-01-24T00:00"), ("11 时", "2023-01-24T11:00")]   # the day just stated
    assert all(text[d.start:d.end] == d.text for d in found)


@pytest.mark.parametrize("text, found", [
    ("记者昨走访了天元区多家电器维修店。", [("昨", "2010-07-20")]),        # news shorthand for 昨天
    ("潘恩荣昨表示，首两日每日收到200个来电。", [("昨", "2010-07-20")]),
    ("昨天他说，昨夜的电话特别多。", [("昨天", "2010-07-20"), ("昨夜", "2010-07-20")]),
])
def test_zuo_alone_is_yesterday(text, found):
    from analysis.document import Document
    from analysis.extract import dates

    got = dates.extract(Document(id="x", path="x", raw=text, text=text, meta={"published": "2010-07-21"}))
    assert [(d.text, d.value) for d in got] == found
