"""workload_rules: cue lookups and clause bounds used by the workload extractor."""
from __future__ import annotations

from analysis.extract.workload_rules import CLAUSE_ENDS, SENTENCE_ENDS, Bounds, clause_bounds, rules


def test_bounds_match_a_plain_scan():
    text = "据统计，4月1日到6月10日，接线员回访了36539条线索。\n累计外呼时长4204小时；人均工作量为日常的三倍"
    for chars in (CLAUSE_ENDS, SENTENCE_ENDS):
        b = Bounds(text, chars)
        for i in range(len(text)):
            assert b.around(i, i + 1) == clause_bounds(text, i, i + 1, chars), (chars, i)


def test_cues_first_and_last():
    r = rules()
    text = "每天接听咨询电话，回访求助线索"
    first = r.metric.first(text, 0, len(text))
    last = r.metric.last(text, 0, len(text))
    assert first[0] == "接听" and first[1] == "calls"
    assert last[0] == "求助线索" and last[1] == "leads"       # the longest cue wins at a position
    assert r.metric.first(text, 3, 3) is None


def test_units_are_read_longest_first():
    r = rules()
    assert r.unit_re.match("个小时左右").group() == "个小时"
    assert r.units["个小时"].reported == "小时"
    assert r.units["个月"].reported == "个月"
    assert r.unit_re.match("亿元").group() == "亿元"
