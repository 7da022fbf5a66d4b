"""Patterns for dates: vocabulary from analysis/data (dates_zh.yaml, festivals.tsv), compiled once
on first use, and the candidate record the scanner in dates_rules.py fills."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from analysis import resources
from analysis.extract.numerals import value

# numeral cores used inside the patterns (values come from numeral_value)
CN = "零〇一二两三四五六七八九"
YEAR4 = r"(?:1[89]\d\d|20\d\d)"
DAY = (r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?"
       r"|十[一二三四五六七八九]?|[一二三四五六七八九])")
HOUR = r"(?:2[0-4]|[01]?\d|二十[一二三四]?|十[一二三四五六七八九]?|[零〇一二两三四五六七八九])"
MINUTE = r"(?:[0-5]?\d|[一二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|零?[一二三四五六七八九])"
LUNAR_DAY = r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十)"
COUNT = r"(?:\d{1,3}|[一二两三四五六七八九十百]{1,4})"
HAN = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=2048)
def numeral_value(core: str) -> float | None:
    """Value of a pure numeral core (一百二十 -> 120, 两 -> 2, 廿九 -> 29); None for 一两 or non-numerals."""
    if not core:
        return None
    return value(core.replace("廿", "二十").replace("卅", "三十").replace("○", "〇"))


def num(core: str | None) -> int | None:
    v = numeral_value(core) if core else None
    return int(v) if v is not None and v == int(v) else None


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    typ: str                      # ymd year short_year mpair time fest ordfest lunar chu relyear relday
    f: dict[str, Any] = field(default_factory=dict)   # relweek relmonth ago weekday today_n dayonly
    rule: str = ""
    weak: bool = False            # kept only if a neighbour confirms it (a bare clock after a date)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def vocab() -> dict[str, Any]:
    return resources.yaml_data("dates_zh.yaml")


@functools.cache
def festivals() -> dict[str, dict[str, str]]:
    return {row["name"]: row for row in resources.tsv_rows("festivals.tsv")}


@functools.cache
def patterns() -> dict[str, tuple[re.Pattern, ...]]:
    """Compiled patterns per rule. Each variant starts with a required character class or literal
    (no leading optional group or lookbehind), so the regex engine can skip ahead quickly; the
    character before a match is checked in code (PREV_BLOCK) and loose numeral captures by ``num``."""
    v = vocab()
    tod = _alt(v["time_of_day"])
    approx = _alt(v["time_approx"])
    tail = _alt(v["time_tail"])
    fest = _alt(festivals())
    pre = _alt(v["festival_prefixes"])
    ppre = _alt(v["festival_period_prefixes"])
    adj = _alt(v["festival_adjectives"])
    suf = _alt(v["festival_suffixes"])
    peak = _alt(v["festival_peak"])
    units = _alt(v["ago_units"])
    ago = _alt(v["ago_words"])
    ypart = _alt(v["year_parts"])                          # 2007年底, 2007年年底
    mpart = _alt(v["month_parts"])
    month = rf"(?P<m>[0-9{CN}十元][0-9一二]?)"
    md = (rf"\s*月\s*(?:(?P<d>{DAY})\s*[日号]|(?P<mpart>{mpart})|(?P<before>以前|之前|前)(?![往进面后]))?")
    hour = rf"(?P<h>[0-9{CN}十][0-9{CN}十]?[0-9{CN}]?)(?P<unit>[点时])"
    minute = (rf"(?:(?P<half>半)|(?P<q>一刻|三刻)|(?P<mi>{MINUTE})分|(?P<mi2>[0-5]\d)(?![\d分]))?(?P<tail>{tail})?")
    clock = rf"(?P<h>[0-9][0-9]?)\s?[:：]\s?(?P<mi>[0-5]\d)(?![\d:：])(?P<tail>{tail})?"
    festx = rf"(?P<name>{fest})(?:第(?P<nth>{COUNT})天|(?P<suf>{suf})|(?P<peak>{peak}))?"
    c = re.compile
    return {
        "ymd": (c(rf"(?P<y>{YEAR4})\s*年\s*{month}{md}"), c(rf"民国\s*(?P<roc>\d{{1,3}})\s*年\s*{month}{md}"),
                c(rf"(?P<roc>1[01]\d)\s*年\s*{month}{md}"), c(rf"(?P<y>[〇○零一二三四五六七八九][〇○零一二三四五六七八九]{{3}})\s*年\s*{month}{md}"),
                c(rf"{month}{md}")),
        "numeric": (c(rf"(?P<y>{YEAR4})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"),
                    c(r"(?P<roc>1[01]\d)(?P<sep>/)(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d./])")),
        "slash": (c(r"(?P<m>[0-9][0-9]?)/(?P<d>[0-9][0-9]?)(?![\d/%.])"),),
        "yrange": (c(rf"(?P<y1>{YEAR4})\s*(?:-|－|—|–|~|～|至|到)\s*(?P<y2>{YEAR4})\s*年"),),
        "year": (c(r"民国\s*(?P<roc>\d{1,3})\s*年"), c(r"(?P<roc>1[0-4]\d)\s*年(?![0-9])"), c(rf"(?P<y>{YEAR4})\s*年(?P<ypart>{ypart})?(?P<before>以前|之前|前(?!后))?"),
                 c(rf"(?P<y>[〇○零一二三四五六七八九][〇○零一二三四五六七八九]{{3}})\s*年(?P<ypart>{ypart})?(?P<before>以前|之前|前(?!后))?")),
        "short_year": (c(r"(?P<yy>\d\d)年"),),
        "decade": (c(rf"(?P<cent>{_alt(v['centuries'])})?(?P<dd>[1-9]0|[一二三四五六七八九]十)年代(?P<part>{_alt(v['decade_parts'])})?"),
                   c(rf"(?P<full>1[89][1-9]0|20[0-9]0)年代(?P<part>{_alt(v['decade_parts'])})?")),
        "mpair": (c(r"(?P<m1>[一二三四五六七八九])(?P<m2>[二三四五六七八九十])月份?"),
                  c(rf"(?P<m1>[0-9{CN}十][0-9一二]?)(?:—|–|-|－|~|～|至|到)(?P<m2>[0-9{CN}十][0-9一二]?)月份?")),
        "time": (c(rf"(?P<tod>{tod})(?:{_alt(v['time_gap'])})?(?P<approx>{approx})?{hour}{minute}"), c(rf"(?P<approx>{approx}){hour}{minute}"),
                 c(rf"{hour}{minute}")),
        "clock": (c(rf"(?P<tod>{tod})(?P<approx>{approx})?{clock}"), c(rf"(?P<approx>{approx}){clock}"), c(clock)),
        "fest": (c(rf"(?P<ppre>{ppre})(?=(?:{fest})(?:{suf})){festx}"), c(rf"(?P<pre>{pre})(?P<adj>{adj})?{festx}"),
                 c(festx)),
        "ordfest": (c(rf"第(?P<n>{COUNT})年的?[“\"「]?(?P<name>{fest})[”\"」]?"),
                    c(rf"(?P<name2>{fest})[”\"」]?第(?P<n2>{COUNT})年")),
        "lunar": (c(rf"(?P<pre>大年|正月|腊月|冬月|农历(?:正月|腊月|冬月|(?P<lm>十[一二]?|[一二三四五六七八九])月)?)"
                    rf"(?P<ld>{LUNAR_DAY}|[一二三四五六七八九]十?)"),),
        "chu": (c(r"(?P<ld>初[一二三四五六七八九十])(?P<suf>那天|当天)?"),),
        "relyear": (c(rf"(?P<w>{_alt(v['relative_years'])})(?P<part>年初|年底|年末|{ypart})?"),),
        "relday": (c(rf"(?P<w>{_alt(v['relative_days'])})"),),
        "today_n": (c(r"(?P<w>[今昨明前])(?P<word>[日天])?\s*[（(]\s*(?P<d>\d{1,2})\s*(?P<ri>日)?\s*[)）]\s*日?"),
                    c(rf"本月(?P<d>{DAY})[日号]")),
        "relweek": (c(rf"(?P<w>{_alt(v['relative_weeks'])})(?:(?P<wd>[一二三四五六日天])|(?P<wkend>末)|(?P<same>{_alt(v['same_day_words'])}))?"
                      r"(?:\s*[（(]\s*(?P<d>[0-9][0-9]?)\s*[日号]?\s*[)）])?"),),
        "relmonth": (c(rf"(?P<w>{_alt(v['relative_months'])})(?P<mpart>{_alt(k for k in v['month_parts'] if k != '份')})?"),),
        "ago": (c(rf"(?P<n>[\d{CN}十百][\d{CN}十百]{{0,3}}|半)(?P<u>{units})(?P<w>{ago})(?!{_alt(v['ago_not_after'])})"),),
        "weekday": (c(r"(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])(?![次回遍年岁])"
                      r"(?:\s*[（(]\s*(?P<d>[0-9][0-9]?)\s*[日号]?\s*[)）])?"),),
        "dayonly": (c(rf"(?P<d>[0-9][0-9]?)[日号](?=(?P<strong>{_alt(v['day_strong_after'])})|{_alt(v['day_weak_after'])})"),
                    c(rf"(?P<d>[0-9][0-9]?)[日号](?=(?P<strong>(?:{_alt(v['day_list_joins'])})[0-9][0-9]?[日号]"
                      rf"(?![{CN}十几]|{_alt(v['day_loose_not_after'])})))"),
                    c(rf"(?P<d>[0-9][0-9]?)(?P<loose>日)(?!{_alt(v['day_loose_not_after'])})")),
        "quarter": (c(r"第(?P<q>[一二三四1-4])季度"), c(r"(?P<q>[一二三四1-4])季度")),
        "midnight": (c(r"零[点时](?![0-9零一二两三四五六七八九几])"),),
        "vague": (c(rf"(?:(?P<n1>{_alt(v['vague_counts'])})年|(?P<n2>[\d{CN}十]{{1,3}})年多)(?P<w>{ago}|{_alt(v['after_words'])})"
                    rf"(?!{_alt(v['ago_not_after'])})"),),
        "after_t": (c(rf"(?P<n>\d{{1,3}}|[{CN}十]{{1,3}})(?P<u>{_alt(v['clock_units'])})(?P<w>{_alt(v['after_words'])})"
                      rf"(?!{_alt(v['ago_not_after'])})"),),
        "before_t": (c(rf"(?P<n>\d{{1,3}}|[{CN}十]{{1,3}}|几|数)(?P<u>{_alt(v['clock_units'])})(?P<w>{ago})"
                       rf"(?!{_alt(v['ago_not_after'])})"),),
        "season": (c(rf"(?P<w>[今去明])(?P<s>[春夏秋冬])(?![{_alt(v['season_not_after'])}])"),),
        "after": (c(rf"(?P<n>[\d{CN}十百][\d{CN}十百]{{0,3}}|半)(?P<u>{units})(?P<w>{_alt(v['after_words'])})"
                    rf"(?!{_alt(v['ago_not_after'])})"),),
        "recent": (c(rf"近(?P<n>[二两三四五六七八九十]|[2-9]|10)年(?!{_alt(v['recent_years_not_after'])})"),),
        "offset": (c(rf"(?P<dir>{_alt(v['offset_directions'])})(?P<ord>第)?(?P<n>{COUNT})(?P<u>{_alt(v['offset_units'])})"
                     rf"(?!{_alt(v['offset_not_after'])})"),),
        "evrel": (c(rf"(?P<ev>{_alt(v['event_words'])})(?P<dir>{_alt(v['offset_directions'])})(?P<ord>第)?(?P<n>{COUNT})"
                    rf"(?P<u>{_alt(v['offset_units'])})(?!{_alt(v['offset_not_after'])})"),),
        "anaday": (c(rf"(?P<w>{_alt(v['anaphoric_days'])})(?!{_alt(v['anaphoric_not_after'])})"),),
        "anayear": (c(rf"(?P<w>{_alt(v['anaphoric_years'])})"),),
        "bare_part": (c(rf"(?P<w>{_alt(v['bare_parts'])})(?![{CN}十]|{_alt(v['bare_part_not_after'])})"),),
        "paren_year": (c(r"(?P<w>[今去明前])\s*[（(]\s*(?P<y>\d{2,4})\s*[)）]\s*年"),),
        "paren_month": (c(rf"(?P<w>[本上下])\s*[（(]\s*(?P<m>\d{{1,2}})\s*[)）]\s*月(?P<mpart>{mpart})?"),),
    }


# a match is dropped when the character before it is one of these (what a lookbehind would do)
PREV_BLOCK = {
    "decade": "0123456789.", "ymd": "0123456789.", "yrange": "0123456789.", "numeric": "0123456789.:/-", "slash": "0123456789./:-", "year": "0123456789.",
    "short_year": "0123456789.", "relyear": "0123456789" + CN + "十几多数年前后以之然",
    "relday": "0123456789" + CN + "十几多数天年", "relmonth": "0123456789" + CN + "十",
    "ago": "0123456789." + CN + "十百几多数", "weekday": "0123456789" + CN + "十每",
    "dayonly": "0123456789月年第每数几多近个.", "quarter": "0123456789第前后每",
    "after": "0123456789." + CN + "十百几多数第月", "after_t": "0123456789." + CN + "十百几多数第",
    "before_t": "0123456789." + CN + "十百几多数第",
    "recent": "0123456789接将",
    "vague": "0123456789" + CN + "十这那很",                # 很多年后: "a long time later" "anayear": "0123456789" + CN + "十每",
}


def matches(name: str, text: str):
    """Matches of every variant of rule ``name`` whose left neighbour is allowed."""
    block = PREV_BLOCK.get(name, "")
    for pat in patterns()[name]:
        for m in pat.finditer(text):
            s = m.start()
            if block and s and text[s - 1] in block:
                continue
            yield m


@functools.cache
def lists() -> dict[str, Any]:
    """Sets and maps derived from the vocabulary, for the checks done in code."""
    v = vocab()
    return {
        "not_after": {k: tuple(x) for k, x in v["not_after"].items()},
        "not_before": {k: frozenset(x) for k, x in v["not_before"].items()},
        "hour_noun_after": frozenset(v["hour_noun_after"]),
        "month_blocked_before": frozenset(v["month_blocked_before"]),
        "short_year_after": tuple(v["short_year_after"]),
        "short_year_before": tuple(v["short_year_before"]),
        "festival_left_ok": frozenset(v["festival_left_ok"]),
        "festival_not_after": {k: tuple(x) for k, x in v["festival_not_after"].items()},
        "habitual": tuple(v["habitual_before"]),
        "previous": tuple(v["previous_before"]),
        "next": tuple(v["next_before"]),
        "spring": re.compile(_alt(v["spring_context"])),
        "slash_not_before": frozenset(v["slash_not_before"]),
        "slash_not_after": tuple(v["slash_not_after"]),
        "slash_after": tuple(v["slash_after"]),
        "slash_before": tuple(v["slash_before"]),
        "short_year_not_after": tuple(v["short_year_not_after"]),
        "midnight_twelve": frozenset(v["midnight_twelve"]),
        "ana_days": tuple(sorted(v["anaphoric_days"], key=len, reverse=True)),
        "ana_need_time": frozenset(v["anaphoric_need_time"]),
        "ana_same_prefix": tuple(v["anaphoric_same_day_prefix"]),
        "ana_not_before": frozenset(v["anaphoric_not_before"]),
        "bare_part_not_before": frozenset(v["bare_part_not_before"]),
        "year_context_not_after": tuple(v["year_context_not_after"]),
        "roc_year_not_after": frozenset(v["roc_year_not_after"]),
        "roc_year_not_before": frozenset(v["roc_year_not_before"]),
        "roc_short_min": int(v["roc_short_min"]),
        "festival_number_not_after": tuple(sorted(v["festival_number_not_after"], key=len, reverse=True)),
    }
