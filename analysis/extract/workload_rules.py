"""Compiled cue tables for the workload extractor.

Everything a linguist would edit is in ``analysis/data/units.tsv`` and
``analysis/data/workload_zh.yaml``; this module turns those files into regexes
and lookups once per process (on first use, never at import).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from analysis import resources

#: characters that end a clause (the phrase reported for a figure)
CLAUSE_ENDS = "，,。；;！!？?\n、：:（）()《》"
#: characters that end a sentence (the context for period and comparison cues)
SENTENCE_ENDS = "。；;！!？?\n"


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Unit:
    written: str
    reported: str
    metric: str | None
    allowed: frozenset[str]
    needs: str


@dataclass(frozen=True, slots=True)
class Cues:
    """A set of cue words with the label each one carries."""
    pattern: re.Pattern
    label: dict[str, str]

    def first(self, text: str, lo: int, hi: int) -> tuple[str, str, int] | None:
        """Earliest cue in text[lo:hi]: (word, label, position)."""
        if lo >= hi:
            return None
        m = self.pattern.search(text, lo, hi)
        return (m.group(), self.label[m.group()], m.start()) if m else None

    def last(self, text: str, lo: int, hi: int) -> tuple[str, str, int] | None:
        """Nearest cue ending at or before ``hi`` in text[lo:hi]."""
        found = None
        for found in self.pattern.finditer(text, lo, hi):   # leftmost-longest, so 求助线索 not 线索
            pass
        return (found.group(), self.label[found.group()], found.start()) if found else None


def _cues(mapping: dict[str, list[str]] | list[str], label: str = "") -> Cues:
    if isinstance(mapping, dict):
        table = {w: lab for lab, words in mapping.items() for w in (words or ())}
    else:
        table = {w: label for w in mapping or ()}
    if not table:
        return Cues(re.compile(r"(?!)"), {})
    return Cues(re.compile(alternation(table)), table)


@dataclass(frozen=True, slots=True)
class Rules:
    units: dict[str, Unit]
    unit_re: re.Pattern
    noun_units: dict[str, str]          # 订单 -> orders: a noun standing for the counter
    noun_unit_re: re.Pattern
    metric: Cues
    staff: Cues                         # staff nouns and verbs, label "staff"
    staff_nouns: Cues
    staff_generic: Cues
    deploy: Cues
    seats: Cues
    cue_blockers: re.Pattern
    population: Cues
    industry: Cues
    rank: re.Pattern
    leads_strong: Cues
    leads_weak: Cues
    service: Cues
    work: Cues
    call: Cues
    stretch: Cues
    compare: Cues
    volume_words: Cues
    money: Cues
    single_value: Cues
    volume: Cues
    period: Cues
    day_anchors: Cues
    total_context: Cues
    change: Cues
    share: Cues
    caller: Cues
    qualifier: Cues
    exclude_after: re.Pattern
    exclude_units: re.Pattern
    channels: re.Pattern
    org_heads: re.Pattern
    not_head_before: re.Pattern
    staff_suffix: re.Pattern            # 接警员, 咨询员: a word in 员 ...
    not_staff_suffix: tuple[str, ...]   # ... that does not end as 会员, 人员 do
    staff_stems: re.Pattern             # ... and holds a work stem (话务, 调度, 咨询)
    weak_staff: Cues                    # 参与, 加入: a head-count only with work after
    queue_phone: Cues
    money_handled: Cues
    change_baselines: Cues
    composition: re.Pattern
    groups: Cues                        # 她们只有13个人
    queue: Cues                         # 一万多人在客服电话中排队
    teams: Cues                         # 安排12个查勘小组
    round_before: Cues                  # 7×24小时, 全天24小时
    round_after: Cues                   # 24小时不间断
    stretch_after: Cues                 # 连续5天没有回家
    processing: Cues                    # 超过30天完成跟进
    answer: Cues                        # 12秒内接听
    lines: Cues                         # 26门电话线路
    one_call: Cues                      # 最长通话一个多小时: the length of one call
    hotline_after: re.Pattern           # 12345热线, 1922进线
    hotline_before: re.Pattern          # 拨打12345


@functools.cache
def rules() -> Rules:
    data = resources.yaml_data("workload_zh.yaml")
    units = {}
    for row in resources.tsv_rows("units.tsv"):
        allowed = frozenset(x.strip() for x in row.get("allowed", "").split(",") if x.strip())
        units[row["unit"]] = Unit(row["unit"], row.get("as") or row["unit"], row.get("metric") or None,
                                  allowed, row.get("needs") or "-")
    metric_cues = data.get("metric_cues") or {}
    noun_units = {w: m for m, words in metric_cues.items() for w in words
                  if w in ("订单", "电话", "来电", "工单", "单子")}
    staff = {w: "staff" for w in (data.get("staff_nouns") or []) + (data.get("staff_verbs") or [])}
    return Rules(
        units=units,
        unit_re=re.compile(alternation(units)),
        noun_units=noun_units,
        noun_unit_re=re.compile(alternation(noun_units) or r"(?!)"),
        metric=_cues({m: list(metric_cues.get(m) or []) + list((data.get("volume_nouns") or {}).get(m) or [])
                      for m in set(metric_cues) | set(data.get("volume_nouns") or {})}),
        staff=Cues(re.compile(alternation(staff)), staff),
        staff_nouns=_cues(data.get("staff_nouns"), "staff"),
        staff_generic=_cues(data.get("staff_generic"), "staff"),
        deploy=_cues(data.get("deploy_verbs"), "deploy"),
        seats=_cues(data.get("seat_nouns"), "staff"),
        cue_blockers=re.compile(alternation(data.get("cue_blockers") or ["(?!)"])),
        population=_cues(data.get("population_cues"), "population"),
        industry=_cues(data.get("industry_cues"), "industry"),
        rank=re.compile(rf"(?:{alternation(data.get('rank_markers') or ['(?!)'])})$"),
        leads_strong=_cues(data.get("lead_nouns_strong"), "leads"),
        leads_weak=_cues(data.get("lead_nouns"), "leads"),
        service=_cues(data.get("service_verbs"), "service"),
        work=_cues(data.get("work_verbs"), "work"),
        call=_cues(data.get("call_cues"), "call"),
        stretch=_cues(data.get("stretch_verbs"), "stretch"),
        compare=_cues(data.get("compare_cues"), "compare"),
        volume_words=_cues(data.get("volume_words"), "volume"),
        money=_cues(data.get("money_cues"), "money"),
        single_value=_cues(data.get("single_value_cues"), "single"),
        volume=_cues(data.get("volume_nouns") or {}),
        period=_cues(data.get("period_cues") or {}),
        day_anchors=_cues(data.get("day_anchors"), "day"),
        total_context=_cues(data.get("total_context"), "total"),
        change=_cues(data.get("change_cues"), "change"),
        share=_cues(data.get("share_cues"), "share"),
        caller=_cues(data.get("caller_cues"), "caller"),
        qualifier=_cues(data.get("distant_qualifiers") or {}),
        exclude_after=re.compile(alternation(data.get("exclude_after") or ["(?!)"])),
        exclude_units=re.compile(alternation(data.get("exclude_units") or ["(?!)"])),
        channels=re.compile(alternation(data.get("channel_nouns") or ["(?!)"])),
        org_heads=re.compile(alternation(data.get("org_heads") or ["(?!)"])),
        not_head_before=re.compile(rf"(?:{alternation(data.get('not_head_before') or ['(?!)'])})$"),
        staff_suffix=re.compile(rf"[\u4e00-\u9fff]{{1,3}}?{re.escape(data.get('staff_suffix') or '员')}"),
        not_staff_suffix=tuple(data.get("not_staff_suffix") or ()),
        staff_stems=re.compile(alternation(data.get("staff_stems") or ["(?!)"])),
        weak_staff=_cues(data.get("weak_staff_verbs"), "staff"),
        queue_phone=_cues(data.get("queue_phone"), "phone"),
        money_handled=_cues(data.get("money_handled"), "handled"),
        change_baselines=_cues(data.get("change_baselines"), "change"),
        composition=re.compile(rf"(?:{alternation(data.get('composition_before') or ['(?!)'])})$"),
        groups=_cues(data.get("group_pronouns"), "group"),
        queue=_cues(data.get("queue_cues"), "queue"),
        teams=_cues(data.get("team_nouns"), "team"),
        round_before=_cues(data.get("round_clock_before"), "round"),
        round_after=_cues(data.get("round_clock_after"), "round"),
        stretch_after=_cues(data.get("stretch_after"), "stretch"),
        processing=_cues(data.get("processing_cues"), "processing"),
        answer=_cues(data.get("answer_cues"), "answer"),
        lines=_cues(data.get("line_cues"), "line"),
        one_call=_cues(data.get("one_call_cues"), "call"),
        hotline_after=re.compile(alternation(data.get("hotline_after") or ["(?!)"])),
        hotline_before=re.compile(rf"(?:{alternation(data.get('hotline_before') or ['(?!)'])})[“\"「『]?$"),
    )



class Bounds:
    """Clause or sentence boundaries of one text, found once and looked up by bisection."""

    __slots__ = ("n", "stops")

    def __init__(self, text: str, chars: str):
        rx = re.compile("[" + re.escape(chars) + "]")
        self.stops = [m.start() for m in rx.finditer(text)]
        self.n = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.stops, start)
        left = self.stops[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.stops, end)
        right = self.stops[j] if j < len(self.stops) else self.n
        return left, right


def clause_bounds(text: str, start: int, end: int, stops: str = CLAUSE_ENDS) -> tuple[int, int]:
    left = start
    while left > 0 and text[left - 1] not in stops:
        left -= 1
    right = end
    n = len(text)
    while right < n and text[right] not in stops:
        right += 1
    return left, right
