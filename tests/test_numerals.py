"""numerals: values of cores, whole phrases, and scanning running text."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract import numerals
from analysis.extract.numerals import Quantity


@pytest.mark.parametrize("core, expected", [
    ("三", 3), ("十八", 18), ("两", 2), ("一百二十", 120), ("4万2千", 42000), ("151.9万", 1519000),
    ("二十九", 29), ("十", 10), ("一百零二", 102), ("三千五", 3500), ("二〇二〇", 2020),
    ("1,234", 1234), ("310亿", 31_000_000_000), ("一万亿", 10**12), ("两千万", 20_000_000),
])
def test_value(core, expected):
    assert numerals.value(core) == expected


@pytest.mark.parametrize("core", ["", "三四", "一两", "abc", "直", "十a", "五六十"])
def test_value_rejects_non_cores(core):
    assert numerals.value(core) is None


def test_numeral_regex_matches_whole_cores():
    rx = re.compile(numerals.NUMERAL)
    for core in ["3", "1,200", "151.9万", "4万2千", "一百二十", "十八", "两", "二〇二〇", "8.4万"]:
        assert rx.fullmatch(core), core
    assert rx.fullmatch("万") is None and rx.fullmatch("零") is None


def test_parse_phrases():
    assert numerals.parse("5~6") == Quantity(5, 6, "range")
    assert numerals.parse("超百") == Quantity(100, None, "at_least")
    assert numerals.parse("10左右") == Quantity(10, None, "approx")
    assert numerals.parse("800以上") == Quantity(800, None, "at_least")
    assert numerals.parse("一两") == Quantity(1, 2, "range")      # not 12
    assert numerals.parse("三四") == Quantity(3, 4, "range")      # not 34
    assert numerals.parse("数倍") is None          # 倍 is the counter, not part of the number
    assert numerals.parse("数") == Quantity(2, 9, "approx")
    assert numerals.parse("一直") is None
    assert numerals.parse("") is None


def test_find_in_running_text():
    text = "他一直在一起工作，平均一天处理800单以上的审批，单量是平时的5~6倍，统一万一小二。"
    got = [(text[m.start:m.end], m.low, m.high, m.qualifier) for m in numerals.find(text)]
    assert got == [("一", 1, None, "exact"), ("800", 800, None, "exact"), ("5~6", 5, 6, "range")]


def test_find_skips_sections_ordinals_and_dates():
    text = "十一、第三部分\n2020-01-24 凌晨2:30，3/18，A380，第十八届"
    assert numerals.find(text) == []


def test_find_offsets_point_at_the_text():
    text = "接线员共有115人，日均求助量超2000条，约4-6小时，十几个订单，五六十人"
    for m in numerals.find(text):
        assert numerals.parse(text[m.start:m.end]) == m.quantity()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("零〇一二两三四五六七八九十百千万亿几数多余来超约近上第、-~到至%.,:/0123456789aA直起统小 \n")),
               max_size=40))
def test_never_raises_on_numeral_soup(text):
    for m in numerals.find(text):
        assert 0 <= m.start < m.end <= len(text)
    numerals.parse(text)
    for piece in re.findall(numerals.NUMERAL, text):
        numerals.value(piece)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_on_any_text(text):
    numerals.find(text)
    numerals.parse(text)
    numerals.value(text)


def test_numeral_lexicon_is_well_formed():
    from analysis.resources import yaml_data

    data = yaml_data("numerals_zh.yaml")
    for key in ("prefix", "suffix", "trailing"):
        assert set(data[key]) <= {"approx", "at_least"}, key
    words = data["not_numbers"]
    assert all(any(c in numerals.CN_DIGITS + "十百千万亿" for c in w) for w in words), "a look-alike without a numeral"


def test_value_reads_lunar_style_tens():
    assert numerals.value("廿九") == 29 and numerals.value("卅") == 30


def test_digit_runs_beyond_int_conversion_limits():
    assert numerals.value("9" * 5000) is None
    assert numerals.find("9" * 5000) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("零一二两三四五六七八九十百千万亿几数点多余来超约近上成、-~到至%.,: 0123456789直起每天个单条倍以上左右")),
               max_size=30))
def test_parse_agrees_with_find_on_every_span(text):
    for m in numerals.find(text):
        assert numerals.parse(text[m.start:m.end]) == m.quantity()
