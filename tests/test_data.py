"""Every data file loads, and every rule's example is matched by that rule."""
from __future__ import annotations

import re

import pytest

from analysis import boilerplate
from analysis.markup import tags
from analysis.resources import tsv_rows, yaml_data

KINDS = {"spam", "chrome", "footer", "caption", "credit", "media", "editor_note", "comment", "noise", "metadata"}


def test_boilerplate_rules_are_well_formed():
    raw = yaml_data("boilerplate.yaml")
    ids = [r["id"] for r in raw]
    assert len(ids) == len(set(ids)), "duplicate rule ids"
    for r in raw:
        assert r["kind"] in KINDS, r["id"]
        re.compile(r["pattern"])
        assert r.get("example"), f"rule {r['id']} has no example"


@pytest.mark.parametrize("rule", [r for r in yaml_data("boilerplate.yaml")], ids=lambda r: r["id"])
def test_rule_example_is_classified_by_that_rule(rule):
    if rule.get("prefix"):
        assert re.search(rule["pattern"], rule["example"])
        return
    found = boilerplate.classify(rule["example"])
    assert found is not None and found.id == rule["id"], (rule["example"], found)


@pytest.mark.parametrize("line", [
    "虞书说，她希望父母每天都能健康地回来。", "二、飞猪客服兰冠：“今年春节，我是这样带娃的”", "结语", "求助如潮水般涌来",
    "职业：阿里客服二年级自愿支持在线客服", "以下为本人自述：", "“你们怎么这么迟才打电话？”",
    "记者了解到，春节期间客服的来电量是平时的三倍。", "据统计，4月1日到6月10日，客服回访了36539条线索。",
])
def test_body_lines_match_no_rule(line):
    assert boilerplate.classify(line) is None


def test_html_tag_groups():
    t = tags()
    for group in ("block", "media", "chrome", "page_chrome", "void"):
        assert t[group] <= t["known"] | {"area"}, group


def test_punctuation_table():
    rows = tsv_rows("punctuation.tsv")
    assert {r["from"] for r in rows} == {",", ":", ";", "?", "!"}
    assert all(len(r["to"]) == 1 for r in rows)


def test_zhe_words():
    for r in tsv_rows("zhe.tsv"):
        assert "著" in r["word"] and r["side"] in ("before", "after")
        assert (r["word"].endswith("著") if r["side"] == "before" else r["word"].startswith("著"))
