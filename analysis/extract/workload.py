"""Workload figures: number + unit + metric + period + qualifier + subject.

A figure counts as workload when a number found by :mod:`numerals` is followed
by a counter from ``units.tsv`` (单, 条, 小时, 人, 倍 ...) or by a noun standing
for one (超百订单), and the clause carries the cue that counter needs: a
noun or verb saying what is counted (电话, 订单, 求助线索, 接听, 回访), a work
verb for hours (每天工作10小时), a call for minutes (一通电话就有20分钟), a
baseline for multiples (是平时的5~6倍), a money noun for amounts (交易额超310亿).
Ages, distances, years of service, shares (四成), team composition (五个人一组)
and dates never reach the counter table or are excluded by cue lists in
``workload_zh.yaml``.

The reported ``text`` is the clause holding the figure (without a leading
subject name); ``subject`` is the nearest person or organization named before
the figure in its sentence, else in its paragraph.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.document import Document, Organization, Person, Workload
from analysis.extract import numerals
from analysis.extract.workload_rules import CLAUSE_ENDS, SENTENCE_ENDS, Bounds, Rules, alternation, rules

COUNT_METRICS = frozenset({"calls", "orders", "leads", "staff", "other"})
_NEAR = 8          # characters a cue may stand from the number
_RANK = {"exact": 0, "approx": 1, "at_least": 2, "range": 3}


def extract(doc: Document, *, people: Sequence[Person] = (), orgs: Sequence[Organization] = ()) -> list[Workload]:
    text = doc.text if isinstance(doc.text, str) else ""
    if not text:
        return []
    r = rules()
    names = _name_index(people, orgs)
    out = []
    found = numerals.find(text)
    if not found:
        return out
    bounds = Bounds(text, CLAUSE_ENDS), Bounds(text, SENTENCE_ENDS)
    for nm in found:
        try:
            w = _figure(text, nm, r, names, bounds)
        except (ValueError, IndexError, KeyError):   # pragma: no cover - defensive: never fail a document
            w = None
        if w is not None:
            out.append(w)
    return out


# ------------------------------------------------------------------ figure ----

def _figure(text: str, nm: numerals.NumberMatch, r: Rules, names, bounds) -> Workload | None:
    s, e = nm.start, nm.end
    cs, ce = bounds[0].around(s, e)
    if r.exclude_units.match(text, e):
        return None
    low, high = nm.low, nm.high
    qualifier = nm.qualifier
    core = text[s:e]

    # --- the counter -------------------------------------------------------
    unit = None
    unit_end = e
    metric = None
    needs = "-"
    allowed: frozenset[str] = frozenset()
    if nm.percent:
        unit_row = r.units.get("%")
    else:
        unit_row = None
        m = None
        if text.startswith(("个多", "个余"), e):
            # 两个多小时, 一个多月: the 多 sits between 个 and the time unit
            m2 = r.unit_re.match(text, e + 2)
            if m2 is not None:
                row = r.units.get("个" + m2.group()) or r.units[m2.group()]
                if row.reported in ("小时", "月", "周"):
                    unit_row, unit_end = row, m2.end()
                    qualifier = _stronger(qualifier, "at_least")
        if unit_row is None:
            m = r.unit_re.match(text, e)
        if m is not None:
            unit_row = r.units[m.group()]
            unit_end = m.end()
        elif re.search(r"亿[多余]?$", core):
            unit_row = r.units.get("亿")
    if unit_row is not None and unit_row.reported == "元" and re.search(r"亿[多余]?$", core):
        unit_row = r.units.get("亿")          # 50亿元: 亿 stays the unit
    if unit_row is not None:
        if unit_row.reported == "亿" and re.search(r"亿[多余]?$", core):
            low, high = low / 1e8, (high / 1e8 if high is not None else None)
        unit, metric, needs, allowed = unit_row.reported, unit_row.metric, unit_row.needs, unit_row.allowed
    else:
        noun = _noun_unit(text, nm, r)
        if noun is not None:
            unit, unit_end, metric = noun
        elif ce == e or text[e:ce].strip() == "":
            vol = r.volume.last(text, cs, s)
            if vol is None:
                return None
            metric = vol[1]
        else:
            return None

    if r.exclude_after.match(text, unit_end):
        return None

    # --- the metric and the cue the counter needs -------------------------------
    sentence_start, sentence_end = bounds[1].around(s, e)
    after_hi = min(ce, unit_end + _NEAR)
    near_lo = max(cs, s - _NEAR)
    if needs in ("-", "cue"):
        cue = _head_noun(text, r.metric.first(text, unit_end, after_hi), ce, r) if unit_end < ce else None
        if cue is None or cue[1] not in allowed:
            cue = r.metric.last(text, cs, s)
            if cue is not None and needs == "cue" and not (_close(text, cue, s) and _ends_phrase(text, unit_end, ce)):
                cue = None
        if cue is not None and cue[1] in allowed:
            metric = cue[1]
        elif needs == "cue":
            return None
    elif needs == "person":
        metric = _person_metric(text, cs, s, unit_end, after_hi, r)
    elif needs == "work":
        if r.call.last(text, near_lo, s) and "通话" in text[cs:s]:
            metric = "duration"
        elif not (r.work.last(text, near_lo, s) or r.work.first(text, unit_end, min(ce, unit_end + 5))):
            return None
    elif needs == "call":
        if not r.call.last(text, max(cs, s - 12), s):
            return None
    elif needs == "stretch":
        # 连续工作了两周, 高强度工作了一两个月: the verb stands right before the number
        verb = r.stretch.last(text, max(cs, s - 6), s)
        if verb is None or s - (verb[2] + len(verb[0])) > 1 or (low <= 1 and high is None and unit == "天"):
            return None
    elif needs == "compare":
        volume = r.volume_words.last(text, sentence_start, s) or r.volume_words.first(text, unit_end, sentence_end)
        baseline = r.compare.last(text, sentence_start, s) or r.compare.first(text, unit_end, sentence_end)
        if not (volume if unit == "%" else (volume or baseline)):
            return None
    elif needs == "money":
        if not r.money.last(text, cs, s) or r.single_value.first(text, sentence_start, sentence_end):
            return None
    if metric is None:
        return None
    if metric in COUNT_METRICS and qualifier == "exact" and low <= 1 and high is None:
        return None          # 一单医护人员的需求, 一个热线: a single item is not a workload figure

    # --- qualifier, period, phrase, subject ---------------------------------------
    tail = numerals.trailing_cue(text, unit_end)
    if tail is None:
        noun = r.metric.pattern.match(text, unit_end)
        if noun is not None:
            tail = numerals.trailing_cue(text, noun.end())
    if tail is not None and tail[0] != "exact":
        qualifier = _stronger(qualifier, tail[0])
        phrase_end = tail[1]
    else:
        phrase_end = unit_end
    far = r.qualifier.last(text, near_lo, s)
    if far is not None:
        qualifier = _stronger(qualifier, far[1])

    period = _period(text, (sentence_start, sentence_end, s, unit_end), unit, metric, needs, r)
    start, end = _phrase(text, cs, max(ce, phrase_end), names)
    subject = _subject(text, s, (sentence_start, sentence_end), names)
    return Workload(
        text=text[start:end], value_low=_clean(low), value_high=_clean(high), unit=unit, metric=metric,
        period=period, qualifier=qualifier, subject=subject, start=start, end=end, rule=f"{needs}:{unit or '-'}",
    )


def _head_noun(text: str, cue, ce: int, r: Rules):
    """咨询电话: in a run of cue words the last one heads the noun phrase."""
    while cue is not None:
        nxt = r.metric.pattern.match(text, cue[2] + len(cue[0]), ce)
        if nxt is None:
            break
        cue = (nxt.group(), r.metric.label[nxt.group()], nxt.start())
    return cue


def _ends_phrase(text: str, pos: int, ce: int) -> bool:
    """Nothing but a qualifier word between the counter and the end of the clause (处理订单数十件，)."""
    if pos >= ce:
        return True
    tail = numerals.trailing_cue(text, pos)
    return tail is not None and tail[1] >= ce


def _close(text: str, cue: tuple[str, str, int], s: int) -> bool:
    """A cue before the number governs it only when close and not in another noun phrase (回访的目的有两个)."""
    gap = text[cue[2] + len(cue[0]):s]
    return len(gap) <= 4 and "的" not in gap


def _stronger(old: str, new: str) -> str:
    if old == "range":
        return old
    return new if _RANK.get(new, 0) > _RANK.get(old, 0) else old


def _clean(x: float | None) -> float | None:
    if x is None:
        return None
    return float(round(x, 6))


def _noun_unit(text: str, nm: numerals.NumberMatch, r: Rules) -> tuple[str, int, str] | None:
    """超百订单, 数以万计的投诉电话: a noun stands where a counter would."""
    e = nm.end
    m = r.noun_unit_re.match(text, e)
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


def _person_metric(text: str, cs: int, s: int, unit_end: int, after_hi: int, r: Rules) -> str | None:
    """人/名/位: staff head-count, people served (leads), or neither."""
    hits = [h for h in (r.staff.first(text, unit_end, after_hi),
                        r.leads_strong.first(text, unit_end, after_hi),
                        r.leads_weak.first(text, unit_end, after_hi)) if h is not None]
    if hits:
        word, label, pos = min(hits, key=lambda h: h[2])
        if r.leads_weak.label.get(word) and not r.leads_strong.label.get(word):
            return "leads" if r.service.last(text, cs, s) else None
        return label
    before = [h for h in (r.staff.last(text, cs, s), r.leads_strong.last(text, cs, s)) if h is not None]
    if before:
        return max(before, key=lambda h: h[2])[1]
    return None


def _period(text: str, span: tuple[int, int, int, int], unit: str | None, metric: str, needs: str,
            r: Rules) -> str | None:
    ss, se, s, unit_end = span
    if unit == "小时" and text.startswith("内", unit_end):
        return "shift"                                  # 8个小时内接160个电话
    cue = r.period.last(text, ss, s)
    if cue is not None:
        return cue[1]
    if needs == "stretch" and ("了" in text[max(ss, s - 3):s] or "连续" in text[ss:s]):
        return "total"                                  # 连续工作了两周 (not 一周工作6天)
    if metric == "multiplier":
        return "peak" if r.volume_words.first(text, ss, se) else None
    if r.total_context.first(text, ss, se):
        return "total"
    return None


# ----------------------------------------------------------------- subject ----

def _name_index(people: Sequence[Person], orgs: Sequence[Organization]):
    """(regex over every name form, form -> canonical name, set of canonical person names)."""
    table: dict[str, str] = {}
    persons: set[str] = set()
    for group, is_person in ((orgs, False), (people, True)):   # a person's alias wins a tie
        for item in group or ():
            try:
                forms = {item.name, *(item.aliases or ())}
            except (AttributeError, TypeError):
                continue
            for form in forms:
                if isinstance(form, str) and len(form) >= 2:
                    table[form] = item.name
            if is_person and isinstance(item.name, str):
                persons.add(item.name)
    if not table:
        return None
    main = None
    counts = [(getattr(p, "mentions", 0) or 0, p.name) for p in people or () if isinstance(getattr(p, "name", None), str)]
    if counts:
        top = max(counts)
        if top[0] > 1 and sum(1 for c in counts if c[0] == top[0]) == 1:
            main = top[1]
    return re.compile(alternation(table)), table, persons, main


def _subject(text: str, s: int, span: tuple[int, int], names) -> str | None:
    """Who the figure is about.

    The nearest person named before the figure in its sentence, else after it in the
    sentence, else before it in the paragraph; then organizations in the same order; then
    the last person or organization of the paragraph before; in a first-person sentence (我...) with no name, the document's most mentioned person.
    """
    if names is None:
        return None
    rx, table, persons, main = names
    ss, se = span
    para_start = text.rfind("\n", 0, s) + 1
    prev_start = text.rfind("\n", 0, max(para_start - 1, 0)) + 1 if para_start > 0 else 0
    found: list[tuple[int, str]] = []
    pos = prev_start
    while pos < se:
        m = rx.search(text, pos, se)
        if m is None:
            break
        found.append((m.start(), table[m.group()]))
        pos = m.end()
    for want_person in (True, False):
        kind = [(p, n) for p, n in found if (n in persons) == want_person]
        before = [n for p, n in kind if ss <= p < s]
        if before:
            return before[-1]
        after = [n for p, n in kind if p >= s]
        if after:
            return after[0]
        para = [n for p, n in kind if para_start <= p < ss]
        if para:
            return para[-1]
    for want_person in (True, False):           # the paragraph before, when this one names nobody
        prev = [n for p, n in found if p < para_start and (n in persons) == want_person]
        if prev:
            return prev[-1]
    if main is not None and "我" in text[ss:se]:
        return main
    return None


def _phrase(text: str, cs: int, ce: int, names) -> tuple[int, int]:
    """The clause around the figure, trimmed of spaces, quotes and a leading subject name."""
    while cs < ce and text[cs] in " \t\u3000“”\"'‘’「」":
        cs += 1
    while ce > cs and text[ce - 1] in " \t\u3000“”\"'‘’「」":
        ce -= 1
    if names is not None:
        m = names[0].match(text, cs, ce)
        if m is not None and ce - m.end() >= 4:
            cs = m.end()
    return cs, ce
