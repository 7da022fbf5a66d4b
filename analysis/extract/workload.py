"""Workload figures: number + unit + metric + period + qualifier + subject.

A figure counts as workload when a number found by :mod:`numerals` is followed
by a counter from ``units.tsv`` (单, 条, 小时, 人, 倍 ...) or by a noun standing
for one (超百订单), and the clause carries the cue that counter needs: a
noun or verb saying what is counted (电话, 订单, 求助线索, 接听, 回访), a work
verb for hours (每天工作10小时), a call for minutes (一通电话就有20分钟), a
baseline for multiples (是平时的5~6倍), a money noun for amounts (交易额超310亿).
Ages, distances, years of service, shares (四成, 承担了约70%的咨询量), team composition
(五个人一组), callers trying to get through (打了十几个电话才接通), trade-wide volumes (全网)
and dates never reach the counter table or are excluded by cue lists in
``workload_zh.yaml``. Generic worker nouns (员工, 人员, 人力) make a head-count only when the
clause deploys them (动员, 抽调, 值守); a percentage counts only as a change (同比增长20%).

The reported ``text`` is the clause holding the figure (without a leading
subject name); ``subject`` is the person (else organization) the sentence or
paragraph is about, from the ``people``/``orgs`` passed in (see :func:`_subject`): an institution
heading the sentence (热线共接到…, 客服中心开启了外呼) and totals or head-counts in a sentence that
names nobody go to an organization rather than to a person quoted nearby.
Periods come from cue words (每天, 累计, 高峰, 8个小时内) with defaults for
stretches of work (total) and multiples of a volume (peak).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.document import Document, Organization, Person, Workload
from analysis.extract import numerals
from analysis.extract.workload_rules import CLAUSE_ENDS, SENTENCE_ENDS, Bounds, Rules, rules
from analysis.extract.workload_subject import PRONOUN, name_index, phrase
from analysis.extract.workload_subject import subject as subject_of

COUNT_METRICS = frozenset({"calls", "orders", "leads", "staff", "other"})
_NEAR = 8          # characters a cue may stand from the number
_WINDOW = 200      # at most this much of a sentence is read on either side (text without punctuation)
_PER_CALL = re.compile(r"[一每单]通")
_PART_OF = ("其中", "这其中")
# 12月15日，热线共接听…: one calendar day (not a span 4月1日到6月10日, 7月以来) before 共/累计
_ONE_DAY = re.compile(r"(?<![\d月到至\-~～—])(?:\d{1,2}月)?\d{1,2}[日号](?:当天|当日)?[，,]")
_RANK = {"exact": 0, "approx": 1, "at_least": 2, "range": 3}


def extract(doc: Document, *, people: Sequence[Person] = (), orgs: Sequence[Organization] = ()) -> list[Workload]:
    text = doc.text if isinstance(doc.text, str) else ""
    if not text:
        return []
    reading, back = numerals.reading(text)
    found = _extract(reading, people, orgs)
    if back is None:
        return found
    # spans and phrases lead back to the text as written, pinyin and all (话(huà)务(wù)员)
    return [replace(w, text=text[back[w.start]:back[w.end]], start=back[w.start], end=back[w.end]) for w in found]


def _extract(text: str, people: Sequence[Person], orgs: Sequence[Organization]) -> list[Workload]:
    r = rules()
    out = []
    found = _join_minutes(text, _not_glued(text, numerals.find(text)))
    if not found:
        return out
    index: list = []

    def names():
        """The name regex of the document, compiled when a figure first needs its subject."""
        if not index:
            index.append(name_index(people, orgs))
        return index[0]
    bounds = Bounds(text, CLAUSE_ENDS), Bounds(text, SENTENCE_ENDS)
    hotlines = _hotline_numbers(text, r)
    for nm in found:
        if hotlines and text[nm.start:nm.end] in hotlines and not r.unit_re.match(text, nm.end):
            continue                                    # 负责12345工单的反馈: a hotline's number
        prev = out[-1] if out else None
        try:
            w = _figure(text, nm, r, names, bounds, prev)
        except (ValueError, IndexError, KeyError):   # pragma: no cover - defensive: never fail a document
            w = None
        if w is not None:
            out.append(w)
    return out


def _not_glued(text: str, found: list[numerals.NumberMatch]) -> list[numerals.NumberMatch]:
    """逾20万来电: 来 opens the noun 来电 after the number; it is not 二十来个's 'about'."""
    out = []
    for nm in found:
        if nm.end - nm.start > 1 and text[nm.end - 1] == "来" and text.startswith("电", nm.end):
            again = [m for m in numerals.find(text[nm.start:nm.end - 1]) if m.start == 0 and m.end == nm.end - nm.start - 1]
            if again:
                m = again[0]
                nm = numerals.NumberMatch(nm.start, nm.end - 1, m.low, m.high, m.qualifier, m.percent)
        out.append(nm)
    return out


def _join_minutes(text: str, found: list[numerals.NumberMatch]) -> list[numerals.NumberMatch]:
    """3分20秒 is one duration of 200 seconds."""
    out: list[numerals.NumberMatch] = []
    for nm in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.end + 1 == nm.start and text[prev.end] == "分" and prev.high is None
                and nm.high is None and text.startswith("秒", nm.end)):
            out[-1] = numerals.NumberMatch(prev.start, nm.end, prev.low * 60 + nm.low, None, nm.qualifier)
            continue
        out.append(nm)
    return out


_DIGITS = re.compile(r"(?<![\d.,])\d{3,6}(?![\d.,%])")


def _hotline_numbers(text: str, r: Rules) -> frozenset[str]:
    """Numbers the document uses as a hotline's name (拨打12345, 1922专线, “12333”热线): never figures."""
    out = set()
    for m in _DIGITS.finditer(text):
        if r.hotline_after.match(text, m.end()) or r.hotline_before.search(text, max(0, m.start() - 4), m.start()):
            out.add(m.group())
    return frozenset(out)


# ------------------------------------------------------------------ figure ----

@dataclass(slots=True)
class _Reading:
    """What is known about one figure while it is being read."""
    low: float
    high: float | None
    qualifier: str
    unit: str | None = None
    unit_end: int = 0
    metric: str | None = None
    needs: str = "-"
    allowed: frozenset[str] = frozenset()


def _figure(text: str, nm: numerals.NumberMatch, r: Rules, names_of, bounds,
            prev: Workload | None = None) -> Workload | None:
    """The workload figure read at ``nm``, or None; ``names_of()`` gives the document's name index."""
    s, e = nm.start, nm.end
    cs, ce = bounds[0].around(s, e)
    if text.startswith((" ", "\u00a0"), e) and not nm.percent:
        e += 1                                          # 每天接听 200 个电话 (spaced text)
    if r.exclude_units.match(text, e):
        return None
    f = _counter(text, nm, e, (cs, ce), r)
    if f is None and prev is not None and prev.unit is None and text[e:ce].strip() == "" \
            and prev.start >= bounds[1].around(s, e)[0]:
        # 日均来电量可以达到近3万，年均更是上千万; 客服人数都已上万，京东1.2万、百度2万: the same count goes on
        f = _Reading(nm.low, nm.high, nm.qualifier, unit_end=e, metric=prev.metric, allowed=frozenset({prev.metric}))
    if f is None or r.exclude_after.match(text, f.unit_end):
        return None
    if r.composition.search(text, max(0, s - 2), s):
        return None                                     # 分成4个班组: how a team is divided
    if f.unit_end < len(text) and text[f.unit_end].isdigit() and f.unit not in ("%",):
        return None                                     # 8号2单1东: an address, not a figure
    if s > 0 and text[s - 1] in "“「" and text.startswith(("”", "」"), f.unit_end):
        return None                                     # 两岸“三通”: a quoted word, not a figure
    channel = r.channels.match(text, f.unit_end)
    if channel is not None and not r.metric.pattern.match(text, channel.end()):
        return None                                     # 两条热线: a count of hotlines (not 300个热线电话)
    if r.caller.first(text, cs, ce):
        return None                                     # 打了十几个电话才接通: a caller, not the work

    ss, se = bounds[1].around(s, e)
    ss, se = max(ss, s - _WINDOW), min(se, e + _WINDOW)
    cs, ce = max(cs, s - _WINDOW), min(ce, e + _WINDOW)
    metric = _metric(text, f, (ss, se, cs, ce, s), r)
    part = prev is not None and text.startswith(_PART_OF, ss) and 0 <= ss - prev.end <= _WINDOW
    if metric is None and f.needs in ("cue", "served", "work", "call") and prev is not None \
            and (prev.start >= ss or part) and prev.unit == f.unit and _ends_phrase(text, f.unit_end, ce):
        metric = prev.metric        # 日均接听来电约45万个，高峰日超过60万个: the counted noun is not repeated;
                                    # 调派救护车444次。其中，车祸50次: the parts of the figure before
    elif f.needs == "-" and prev is not None and prev.start >= ss and prev.unit == f.unit and prev.metric in f.allowed \
            and metric != prev.metric and _ends_phrase(text, f.unit_end, ce) and not r.metric.last(text, cs, s):
        metric = prev.metric        # 接了5.3万宗电话……增加至51.98万宗: the same count goes on, not the counter's default
    f.metric = metric
    if f.metric is None:
        return None
    if f.metric in COUNT_METRICS and r.industry.last(text, cs, s):
        return None                                     # 全网快递包裹量达到7亿件: a whole trade's volume
    if f.metric in COUNT_METRICS and f.qualifier == "exact" and f.low <= 1 and f.high is None:
        return None          # 一单医护人员的需求, 一个热线: a single item is not a workload figure
    if f.metric in COUNT_METRICS and f.needs == "cue" and f.qualifier == "exact" and f.low < 4 and f.high is None \
            and not (r.metric.last(text, cs, s) or r.service.last(text, cs, s) or r.work.last(text, cs, s)):
        return None          # 有两个好消息, 三个评论文章: a few things named, not work done

    # --- qualifier, period, phrase, subject ---------------------------------------
    tail = numerals.trailing_cue(text, f.unit_end)
    if tail is None:
        noun = r.metric.pattern.match(text, f.unit_end)
        if noun is not None:
            tail = numerals.trailing_cue(text, noun.end())
    phrase_end = f.unit_end
    if tail is not None and tail[0] != "exact":
        f.qualifier = _stronger(f.qualifier, tail[0])
        phrase_end = tail[1]
    far = r.qualifier.last(text, max(cs, s - _NEAR), s)
    if far is not None:
        f.qualifier = _stronger(f.qualifier, far[1])

    period = _period(text, (ss, se, s, f.unit_end), f.unit, f.metric, f.needs, r, f.low)
    names = names_of()
    subject = subject_of(text, s, (ss, se), names, period == "total" or f.metric in ("staff", "amount"))
    if (prev is not None and ss <= prev.start and prev.subject and subject != prev.subject
            and not PRONOUN.search(text, prev.end, s) and (names is None or not names[0].search(text, prev.end, s))):
        subject = prev.subject      # …共安排4200余名客服人员在岗，每班工作8小时: the same subject goes on
    if part:
        # 来电2.6万个；其中涉及积水的诉求约1.2万件: a part of the figure before, over the same span
        period, subject = period or prev.period, prev.subject or subject
    start, end = phrase(text, cs, max(ce, phrase_end), names)
    return Workload(
        text=text[start:end], value_low=_clean(f.low), value_high=_clean(f.high), unit=f.unit, metric=f.metric,
        period=period, qualifier=f.qualifier, subject=subject, start=start, end=end,
        rule=f"{f.needs}:{f.unit or '-'}",
    )


_YI = re.compile(r"亿[多余]?$")


def _counter(text: str, nm: numerals.NumberMatch, e: int, clause: tuple[int, int], r: Rules) -> _Reading | None:
    """The counter after the number (单, 个小时, 倍, 亿), a noun standing for one, or a volume noun before it."""
    f = _Reading(nm.low, nm.high, nm.qualifier, unit_end=e)
    core = text[nm.start:nm.end]
    row = None
    if nm.percent:
        row = r.units.get("%")
    else:
        if text.startswith(("个多", "个余", "个半"), e):
            # 两个多小时, 一个多月, 一个半小时: 多 or 半 sits between 个 and the time unit
            m = r.unit_re.match(text, e + 2)
            if m is not None:
                cand = r.units.get("个" + m.group()) or r.units[m.group()]
                if cand.reported in ("小时", "月", "个月", "周"):
                    row, f.unit_end = cand, m.end()
                    if text[e + 1] == "半":
                        f.low, f.high = f.low + 0.5, (f.high + 0.5 if f.high is not None else None)
                    else:
                        f.qualifier = _stronger(f.qualifier, "at_least")
        if row is None:
            m = r.unit_re.match(text, e)
            if m is not None:
                row, f.unit_end = r.units[m.group()], m.end()
        if (row is None or row.reported == "元") and _YI.search(core):
            row = r.units.get("亿")                     # 310亿, 50亿元: 亿 stays the unit
    if row is not None:
        if row.reported == "亿" and _YI.search(core):
            f.low, f.high = f.low / 1e8, (f.high / 1e8 if f.high is not None else None)
        f.unit, f.metric, f.needs, f.allowed = row.reported, row.metric, row.needs, row.allowed
        return f
    noun = _noun_unit(text, nm, r)
    if noun is not None:
        f.unit, f.unit_end, f.metric = noun
        f.allowed = frozenset({f.metric})
        return f
    cs, ce = clause
    written = text[nm.start:nm.end]
    if (ce == e or text[e:ce].strip() == "") and not (written.isdigit() and len(written) >= 7):   # not 来电号码是138…
        vol = r.volume.last(text, cs, nm.start)         # 求助线索量已从每日数千条降至两位数
        if vol is not None:
            f.metric = vol[1]
            f.allowed = frozenset({f.metric})
            return f
    return None


def _metric(text: str, f: _Reading, span: tuple[int, int, int, int, int], r: Rules) -> str | None:
    """The metric, once the clause shows the cue the counter needs (units.tsv ``needs``); else None."""
    ss, se, cs, ce, s = span
    unit_end = f.unit_end
    after_hi = min(ce, unit_end + _NEAR)
    near_lo = max(cs, s - _NEAR)
    needs = f.needs
    if needs in ("-", "cue"):
        if needs == "cue" and "个" in (f.unit or "") and r.seats.last(text, max(cs, s - 3), s):
            return "staff"                              # 新增座席50个
        cue = _head_noun(text, r.metric.first(text, unit_end, after_hi), ce, r) if unit_end < ce else None
        if cue is not None and (cue[2] - unit_end > 4 or "是" in text[unit_end:cue[2]]):
            cue = None                                  # 两个项目是在行政审批…: not the counted noun
        if cue is None or cue[1] not in f.allowed:
            cue = r.metric.last(text, cs, s)
            # a cue before the number governs a bare 个 only when 个 ends the phrase (投诉三个小组 is a layout)
            if cue is not None and needs == "cue" and not (
                    _close(text, cue, s) and (f.unit != "个" or _ends_phrase(text, unit_end, ce))):
                cue = None
        if cue is not None and cue[1] in f.allowed:
            return cue[1]
        if needs == "cue":
            if unit_end < ce and (r.seats.pattern.match(text, unit_end) or r.staff_nouns.pattern.match(text, unit_end)):
                return "staff"                          # 3000多个座席, 只有十几个客服
            if f.unit == "个" and r.deploy.last(text, cs, s) and _team_ends_phrase(text, unit_end, ce, r):
                return "staff"                          # 紧急安排12个非车险查勘小组
            vol = r.volume.last(text, ss, s)
            if vol is not None and vol[1] in f.allowed and (
                    _ends_phrase(text, unit_end, ce) or r.change.pattern.match(text, unit_end)):
                return vol[1]                           # 接线量会降低，但也稳定在每天900多个
            lead = r.leads_weak.pattern.match(text, unit_end)
            if "leads" in f.allowed and lead is not None and (
                    r.service.last(text, cs, s) or r.service.first(text, lead.end(), min(ce, lead.end() + 4))):
                return "leads"                          # 接待四五百个买家, 和上千个买家聊天
            return None
        return f.metric
    if needs == "person":
        if r.rank.search(text, max(cs, s - 3), s):
            return None                                 # 小组前两名: a ranking
        if r.queue.first(text, unit_end, ce) and r.queue_phone.first(text, cs, ce):
            return "calls"                              # 一万多人在客服电话中排队: callers waiting
        vol = r.volume.last(text, cs, s)
        if vol is not None and vol[1] == "calls" and r.queue.first(text, vol[2], vol[2] + len(vol[0])):
            return "calls"                              # 排队人数最多时超过10万人: the queue's length
        metric = _person_metric(text, cs, s, unit_end, after_hi, r, ce, (ss, se))
        if metric == "staff" and (r.population.last(text, cs, s) or r.population.first(text, unit_end, ce)):
            return None                                 # 全国有超过500万名客服从业者
        return metric
    if needs == "work":
        if _PER_CALL.search(text, cs, s) or r.one_call.last(text, cs, s):
            return "duration"                           # 一通电话打了一个多小时, 最长通话一个多小时: one call
        if f.low == 24 and f.high is None and not text.startswith("内", unit_end) and (
                r.round_before.last(text, max(cs, s - 4), s) or r.round_after.first(text, unit_end, min(ce, unit_end + 6))
                or r.round_after.first(text, ce, min(se, ce + 6))):
            return f.metric                             # 7×24小时待命, 24小时不间断: round the clock
        near = r.work.last(text, near_lo, s) or r.work.first(text, unit_end, min(ce, unit_end + 5))
        return f.metric if near else None
    if needs == "served":
        said = r.metric.last(text, cs, s) or r.metric.first(text, unit_end, after_hi)
        if said is not None and said[1] == "calls" and "calls" in f.allowed:
            return "calls"                              # 接听量要达到80-90人次, 超过3万人次致电
        served = r.service.last(text, cs, s) or r.metric.last(text, cs, s)
        if "staff" in f.allowed:
            staff = r.staff_nouns.last(text, cs, s) or r.staff_generic.last(text, cs, s)
            if staff is not None and (served is None or staff[2] >= served[2]):
                return "staff"                          # 出动抢修人员1500人次 (not 客服日均接待量3万人次)
        return f.metric if served else None
    if needs == "call":
        if r.call.last(text, cs, s) or r.answer.first(text, unit_end, min(ce, unit_end + 8)):
            return f.metric                             # 平均通话时长…200秒左右, 12秒内接听, 十分钟内完成
        return None
    if needs == "stretch":
        # 连续工作了两周, 高强度工作了一两个月: the verb stands right before the number
        if f.low <= 1 and f.high is None and f.unit == "天":
            return None
        verb = r.stretch.last(text, max(cs, s - 6), s)
        if verb is not None and s - (verb[2] + len(verb[0])) <= 1:
            return f.metric
        if f.unit == "月":
            return None                                 # 今年3月完成: a month of the calendar
        if r.stretch_after.first(text, unit_end, min(ce, unit_end + 4)):
            return f.metric                             # 连续5天没有回家, 几天都不回家
        if (f.low > 1 or f.high is not None or f.qualifier != "exact") and (
                r.processing.first(text, unit_end, min(ce, unit_end + 6)) or r.processing.last(text, max(cs, s - 6), s)):
            return f.metric                             # 超过30天完成跟进, 历时近4个月 (not 完成的前一个月)
        return None
    if needs == "compare":
        volume = r.volume_words.last(text, ss, s) or r.volume_words.first(text, unit_end, se)
        baseline = r.compare.last(text, ss, s) or r.compare.first(text, unit_end, se)
        if f.unit == "%":
            # 同比增长20%: a change against a baseline; 承担了约70%的咨询量, 占35%: a share of a total
            if r.share.first(text, cs, ce) or not (r.change.last(text, cs, s) or baseline):
                return None
            return f.metric if (volume or r.metric.last(text, ss, s)) else None   # 受理电话7000多件，同比增长100.3%
        return f.metric if (volume or (baseline and _work_context(text, ss, se, r))) else None
    if needs == "seat":
        return f.metric if (r.staff_nouns.first(text, ss, se) or r.call.first(text, ss, se)
                            or r.seats.first(text, ss, se)) else None
    if needs == "line":
        near = r.lines.first(text, unit_end, min(ce, unit_end + 6)) or r.lines.last(text, max(cs, s - 8), s)
        return f.metric if near else None
    if needs == "money":
        if not r.money.last(text, cs, s) or r.single_value.first(text, ss, se) or not r.money_handled.first(text, ss, se):
            return None
        return f.metric
    return None


def _head_noun(text: str, cue, ce: int, r: Rules):
    """咨询电话: in a run of cue words the last one heads the noun phrase."""
    while cue is not None:
        nxt = r.metric.pattern.match(text, cue[2] + len(cue[0]), ce)
        if nxt is None:
            break
        cue = (nxt.group(), r.metric.label[nxt.group()], nxt.start())
    if cue is not None and r.cue_blockers.match(text, cue[2] + len(cue[0]), ce):
        return None                                     # 40多个咨询摊点
    return cue


def _ends_phrase(text: str, pos: int, ce: int) -> bool:
    """Nothing but a qualifier word between the counter and the end of the clause (处理订单数十件，)."""
    if pos >= ce:
        return True
    tail = numerals.trailing_cue(text, pos)
    return tail is not None and tail[1] >= ce


def _work_context(text: str, lo: int, hi: int, r: Rules) -> bool:
    """The span speaks of the work: a counted noun, a worker, a work or service verb (not 售书量, 官兵)."""
    return bool(r.metric.first(text, lo, hi) or r.staff_nouns.first(text, lo, hi) or r.work.first(text, lo, hi)
                or r.service.first(text, lo, hi) or r.volume_words.first(text, lo, hi))


def _work_after(text: str, pos: int, ce: int, r: Rules) -> bool:
    """Work right after a verb (参与外呼, 加入接线, 负责接听1922进线)."""
    hi = min(ce, pos + 6)
    return bool(r.metric.first(text, pos, hi) or r.work.first(text, pos, hi) or r.service.first(text, pos, hi))


def _team_ends_phrase(text: str, pos: int, ce: int, r: Rules) -> bool:
    """A team noun (小组, 服务队) ends the noun phrase after 个 (12个非车险查勘小组)."""
    team = r.teams.first(text, pos, min(ce, pos + 8))
    if team is None or "的" in text[pos:team[2]]:
        return False
    end = team[2] + len(team[0])
    return _ends_phrase(text, end, ce) or text.startswith(("和", "及", "与", "、"), end)


def _close(text: str, cue: tuple[str, str, int], s: int) -> bool:
    """A cue before the number governs it only when close and not in another noun phrase (回访的目的有两个)."""
    gap = text[cue[2] + len(cue[0]):s]
    return len(gap) <= 6 and "的" not in gap


def _stronger(old: str, new: str) -> str:
    if old == "range":
        return old
    return new if _RANK.get(new, 0) > _RANK.get(old, 0) else old


def _clean(x: float | None) -> float | None:
    if x is None:
        return None
    return float(round(x, 6))


def _noun_unit(text: str, nm: numerals.NumberMatch, r: Rules) -> tuple[str, int, str] | None:
    """超百订单, 数以万计的投诉电话, 近5000求助来电: a noun stands where a counter would."""
    e = nm.end
    m = r.noun_unit_re.match(text, e)
    if m is not None:
        return m.group(), m.end(), r.noun_units[m.group()]
    cue = r.metric.pattern.match(text, e)
    if cue is not None and len(cue.group()) <= 3:
        m = r.noun_unit_re.match(text, cue.end())      # 5000|求助|来电: what was counted, then the noun
        if m is not None:
            return m.group(), m.end(), r.noun_units[m.group()]
    core = text[nm.start:e]
    if text.startswith("的", e) and re.match(r"(?:数以|上|成)", core):
        # 数以万计的投诉电话: the noun may follow a short modifier
        lo, hi = e + 1, min(len(text), e + 6)
        m = r.noun_unit_re.search(text, lo, hi)
        if m is not None:
            return m.group(), m.end(), r.noun_units[m.group()]
    return None


def _person_metric(text: str, cs: int, s: int, unit_end: int, after_hi: int, r: Rules, ce: int,
                   sentence: tuple[int, int]) -> str | None:
    """人/名/位: staff head-count, people served (leads), or neither."""
    role = r.staff_suffix.match(text, unit_end)
    if role is not None and not role.group().endswith(r.not_staff_suffix) and r.staff_stems.search(role.group()):
        return "staff"                                  # 23名接警员, 407位咨询员 (not 5名会员, 3名人员)
    deploy = r.deploy.last(text, max(cs, s - 4), s)
    if deploy is not None and s - deploy[2] - len(deploy[0]) <= 2 and _work_context(text, *sentence, r):
        return "staff"                                  # 统筹调度1900余人做好客户服务 (not 派出近300名官兵)
    staff = r.staff.first(text, unit_end, after_hi)
    if staff is not None and staff[0] not in r.staff_nouns.label and staff[2] - unit_end > 2:
        staff = None        # a verb far from the counter belongs to other people (10万余名外来务工青年加入)
    if staff is not None and staff[0] in r.weak_staff.label and not _work_after(text, staff[2] + len(staff[0]), ce, r):
        staff = None        # 已有80457人参与, 3人涉嫌参与谋杀: taking part in something else
    hits = [h for h in (staff,
                        r.leads_strong.first(text, unit_end, after_hi),
                        r.leads_weak.first(text, unit_end, after_hi)) if h is not None]
    if hits:
        word, label, pos = min(hits, key=lambda h: h[2])
        if r.leads_weak.label.get(word) and not r.leads_strong.label.get(word):
            # 用户, 客户: people served only when served (接待了300位客户, 2万名用户通过热线求助)
            after = r.metric.first(text, pos + len(word), after_hi + 4)
            served = r.service.last(text, cs, s) or (after is not None and after[1] != "orders")
            return "leads" if served else None          # not 共有1.2万名旅客退票 (passengers, not requests)
        return label
    before = [h for h in (r.staff_nouns.last(text, cs, s), r.leads_strong.last(text, cs, s)) if h is not None]
    if before:
        return max(before, key=lambda h: h[2])[1]
    # 每人一天接待150位以上: a service verb right before the number, the counter ends the phrase
    if r.service.last(text, max(cs, s - 4), s) and _ends_phrase(text, unit_end, ce):
        return "leads"
    if text.startswith("的", unit_end) and r.deploy.first(text, unit_end, min(ce, unit_end + 8)):
        return "staff"                                  # 一场600人的“逆向集结”
    if r.groups.last(text, cs, s) and "有" in text[max(cs, s - 3):s] and _ends_phrase(text, unit_end, ce):
        return "staff"                                  # 她们只有13个人
    # 动员了400多名人力, 600名员工在线值守: a generic worker noun deployed in the clause
    if (r.staff_generic.first(text, unit_end, after_hi) or r.staff_generic.last(text, cs, s)) and (
            r.deploy.last(text, cs, s) or r.deploy.first(text, unit_end, ce)):
        return "staff"
    return None


def _period(text: str, span: tuple[int, int, int, int], unit: str | None, metric: str, needs: str,
            r: Rules, f_low: float | None = None) -> str | None:
    ss, se, s, unit_end = span
    if unit == "小时" and text.startswith("内", unit_end):
        return "shift"                                  # 8个小时内接160个电话
    if needs == "stretch" and ("了" in text[max(ss, s - 3):s] or "连续" in text[ss:s]):
        return "total"                                  # 连续工作了两周 (not 一周工作6天)
    if metric == "duration" and unit in ("分钟", "秒"):
        return None                                     # 平均每通电话要讲5分钟: the length of one call
    cue = r.period.last(text, ss, s)
    if cue is not None and cue[1] == "day" and any(c[1] == "peak" for c in _all(r.period, text, max(ss, cue[2] - 4), s)):
        return "peak"                                   # 每天最多接6000多个电话, 高峰期每天的热线量
    if cue is not None and cue[1] == "total":
        if r.day_anchors.last(text, ss, cue[2]) or _ONE_DAY.search(text, ss, cue[2]):
            return "day"                                # 当天共处理860万次: a total over one day
        if metric == "multiplier":
            cue = None                                  # 累计受理…，话务量是平日的5倍: a multiple is not a total
    if cue is not None:
        return cue[1]
    if unit == "小时" and metric == "hours" and f_low == 24:
        return "day"                                    # 24小时轮班值守: round the clock
    if metric == "multiplier":
        if r.change_baselines.first(text, ss, se) or not r.compare.first(text, ss, se):
            return None                                 # 来电量同比上升9%, 人数已增加3倍
        return "peak"                                   # 达到平日的3-4倍
    if r.total_context.first(text, ss, se) or metric == "staff":
        return "total"                                  # a head-count with no period is the team's size
    if _ONE_DAY.search(text, ss, s) or r.day_anchors.last(text, ss, s):
        return "day"                                    # 11月5日，急救接警843次
    return None


def _all(cues, text: str, lo: int, hi: int):
    return [(m.group(), cues.label[m.group()], m.start()) for m in cues.pattern.finditer(text, lo, hi)]
