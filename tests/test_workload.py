"""workload: figures, metrics, subjects, and robustness on any input."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.document import Document, Organization, Person
from analysis.extract import workload

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def doc(text: str) -> Document:
    return Document(id="t", path="t", raw=text, text=text)


def test_subject_is_nearest_person_before_the_figure():
    text = "小王是平台客服。春节期间，小王每天接听300多个电话。\n团队负责人老李说，团队的工作量是平时的三倍。"
    people = [Person("小王", ("小王",)), Person("李明", ("李明", "老李"))]
    orgs = [Organization("平台", ("平台",))]
    found = workload.extract(doc(text), people=people, orgs=orgs)
    assert [(w.value_low, w.metric, w.subject) for w in found] == [
        (300, "calls", "小王"),
        (3, "multiplier", "李明"),
    ]


def test_subject_falls_back_to_paragraph_then_organization():
    text = "阿里客服团队今年春节没有休息。疫情期间，5000多名服务员自愿加入支援。"
    orgs = [Organization("阿里巴巴", ("阿里巴巴", "阿里"))]
    (w,) = workload.extract(doc(text), people=[], orgs=orgs)
    assert (w.value_low, w.unit, w.metric, w.subject) == (5000, "名", "staff", "阿里巴巴")
    (w,) = workload.extract(doc(text), people=[], orgs=[])
    assert w.subject is None


def test_phrase_drops_a_leading_subject_name():
    text = "杰楷平均一天处理800单以上的审批，单量是平时的5~6倍。"
    found = workload.extract(doc(text), people=[Person("杰楷", ("杰楷",))], orgs=[])
    assert [w.text for w in found] == ["平均一天处理800单以上的审批", "单量是平时的5~6倍"]
    for w in found:
        assert text[w.start:w.end] == w.text


def test_hundred_million_stays_the_unit():
    (w,) = workload.extract(doc("公司整体退订涉及交易额超310亿"), people=[], orgs=[])
    assert (w.value_low, w.unit, w.metric, w.qualifier) == (310, "亿", "amount", "at_least")


def test_hundred_million_resolves_before_a_counter():
    """亿 stays the unit only where it ends the figure (money: 310亿, 2.8亿元); before a real
    counter it is part of the number, like 万 (2000万人次 -> 20000000)."""
    (w,) = workload.extract(doc("累计服务用户超过1.2亿人次"), people=[], orgs=[])
    assert (w.value_low, w.unit, w.metric, w.period) == (120000000, "人次", "leads", "total")
    (w,) = workload.extract(doc("客服中心处理咨询1.5亿次"), people=[], orgs=[])
    assert (w.value_low, w.unit, w.metric) == (150000000, "次", "leads")
    (w,) = workload.extract(doc("退款金额达2.8亿元"), people=[], orgs=[])
    assert (w.value_low, w.unit, w.metric) == (2.8, "亿", "amount")


def test_shares_and_callers_are_not_workload():
    text = ("智能客服承担了约70%的咨询量，人工客服的办结率超过九成，接通率提升到92%。"
            "有位老人打了十几个电话才接通。双11当天全网快递包裹量达到7亿件。")
    assert workload.extract(doc(text), people=[], orgs=[]) == []


def test_ages_distances_shares_and_dates_are_not_workload():
    text = ("27岁的他工作三年来开车走了800多公里。求助中四成与物资有关，约占1/4。"
            "1月21日凌晨2点45分，他以五个人为单位分成小组，遇到一个十几万的单子。")
    assert workload.extract(doc(text), people=[], orgs=[]) == []


def test_seed_article_figures():
    """Real text: the 2022 article about the 战疫帮忙 hotline (already simplified)."""
    text = (CORPUS / "002_87261c5fdbe1cde4.txt").read_text(encoding="utf-8")
    found = workload.extract(doc(text), people=[], orgs=[])
    got = {(w.value_low, w.unit, w.metric) for w in found}
    assert (36539, "条", "leads") in got
    assert (4204, "小时", "hours") in got
    assert (20, "分钟", "duration") in got
    assert (115, "人", "staff") in got
    assert not any(w.unit in ("岁", "公里") for w in found)
    for w in found:
        assert text[w.start:w.end] == w.text
        assert w.metric in {"calls", "orders", "leads", "hours", "staff", "multiplier", "duration", "amount", "other"}
        assert w.period in {None, "day", "shift", "total", "peak"}


_SOUP = list("零一二两三四五六七八九十百千万亿几数多余超约近第每天日均共累计个单条通人名位倍小时分钟%电话订单求助客服平时的，。、\n0123456789.-~")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SOUP), max_size=60))
def test_never_raises_on_workload_soup(text):
    people = [Person("客服", ("客服",))]
    for w in workload.extract(doc(text), people=people, orgs=[]):
        assert 0 <= w.start <= w.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_any_text(text):
    workload.extract(doc(text), people=[], orgs=[])


def test_units_table_is_well_formed():
    from analysis.resources import tsv_rows

    metrics = {"calls", "orders", "leads", "hours", "staff", "multiplier", "duration", "amount", "other"}
    needs = {"-", "cue", "person", "served", "work", "call", "stretch", "compare", "money", "line", "seat"}
    rows = tsv_rows("units.tsv")
    units = [r["unit"] for r in rows]
    assert len(units) == len(set(units)), "duplicate counters"
    for r in rows:
        allowed = {x for x in r["allowed"].split(",") if x}
        assert allowed and allowed <= metrics, r
        assert not r["metric"] or r["metric"] in allowed, r
        assert r["needs"] in needs, r
        assert r["needs"] != "-" or r["metric"], f"{r['unit']}: a counter without a cue needs a default metric"


def test_cue_file_uses_the_gold_vocabulary():
    from analysis.resources import yaml_data

    data = yaml_data("workload_zh.yaml")
    assert set(data["metric_cues"]) <= {"calls", "orders", "leads", "other"}   # other: 6个夜班
    assert set(data["volume_nouns"]) <= {"calls", "orders", "leads", "staff"}
    assert set(data["period_cues"]) == {"day", "shift", "total", "peak"}
    assert set(data["distant_qualifiers"]) <= {"approx", "at_least"}
    for key, value in data.items():
        words = [w for v in value.values() for w in v] if isinstance(value, dict) else value
        assert all(isinstance(w, str) and w.strip() == w and w for w in words), key


def test_long_lines_and_digit_runs():
    """A 10,000-digit run is a code, not a number; a long unpunctuated line still yields every figure."""
    assert workload.extract(doc("1" * 10_000), people=[], orgs=[]) == []
    line = "小王每天接听200个电话" * 300
    found = workload.extract(doc(line), people=[Person("小王", ("小王",))], orgs=[])
    assert len(found) == 300 and all(w.subject == "小王" and w.value_low == 200 for w in found)


def test_news_fixture_articles():
    """Hand-written news articles (618, 12345 in a flood, a Taiwan telecom outage, an airline in a
    snowstorm, bank and hospital hotlines, a delivery peak): every expected figure, nothing else."""
    from tests.conftest import benchmark

    news = benchmark("workload_news")
    errors: list[str] = []
    result = news.score(show=errors.append)
    assert result["F1"] >= 0.95, errors
    assert result["metric"] >= 0.95 and result["qualifier"] >= 0.95, errors
    assert result["period"] >= 0.85 and result["subject"] >= 0.80, errors


def test_a_number_typeset_apart_from_its_unit_is_read_whole_and_kept_as_written():
    from analysis.document import Document
    from analysis.extract import workload

    text = "网易今日开放暴雪游戏退款申请通道，排队人数已超 10 万。"
    found = workload.extract(Document(id="x", path="x", raw=text, text=text))
    assert [(w.value_low, w.qualifier) for w in found] == [(100000.0, "at_least")]
    assert text[found[0].start:found[0].end] == found[0].text and "10 万" in found[0].text


def test_a_phone_number_after_a_volume_noun_is_no_figure():
    from analysis.document import Document
    from analysis.extract import workload

    text = "来电号码是13812345678，热线来电超过3万。"
    found = workload.extract(Document(id="x", path="x", raw=text, text=text))
    assert [(w.value_low, w.metric, w.qualifier) for w in found] == [(30000.0, "calls", "at_least")]


def test_the_parts_after_qizhong_count_what_the_figure_before_counted():
    """其中 opens a breakdown of the figure before it: its parts count the same thing in the same unit,
    though the counted noun is not repeated (车祸50次 is 50 dispatches of the 444)."""
    from analysis.document import Document
    from analysis.extract import workload

    text = "当天，120指挥中心调派救护车444次，救治215人。其中，饮酒过量21次，车祸50次，昏厥52次。"
    found = workload.extract(Document(id="x", path="x", raw=text, text=text))
    assert [(w.value_low, w.unit, w.metric) for w in found if w.unit == "次"] == [
        (444.0, "次", "orders"), (21.0, "次", "orders"), (50.0, "次", "orders"), (52.0, "次", "orders")]
    text = "他今年已经值班30次。其中，有一次是在春节。"      # one occasion named, no part counted
    assert [w.value_low for w in workload.extract(Document(id="x", path="x", raw=text, text=text))] == []


@pytest.mark.parametrize("text, value, metric", [
    ("不足一个月已收到近5000求助来电。", 5000.0, "calls"),     # a cue word between the number and the noun
    ("全年受理300投诉电话。", 300.0, "calls"),
    ("因极寒天气引发的外管冻裂咨询热线达1162起。", 1162.0, "calls"),   # 起 counts calls as well
])
def test_counts_written_without_a_classifier_or_with_qi(text, value, metric):
    from analysis.document import Document
    from analysis.extract import workload

    found = workload.extract(Document(id="x", path="x", raw=text, text=text))
    assert [(w.value_low, w.metric) for w in found] == [(value, metric)]
