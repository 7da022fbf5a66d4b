"""Who a workload figure is about, and the phrase reported for it.

:func:`name_index` builds one regex over every name form of the people and
organizations found in the document; :func:`subject` picks the person (else the
organization) a figure is about; :func:`phrase` trims the clause reported as the
figure's ``text``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.document import Organization, Person
from analysis.extract.workload_rules import alternation, rules

_PARAGRAPH = 1500  # characters of the paragraphs before a figure read for its subject

def name_index(people: Sequence[Person], orgs: Sequence[Organization]):
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


def subject(text: str, s: int, span: tuple[int, int], names, collective: bool = False) -> str | None:
    """Who the figure is about.

    The nearest person named before the figure in its sentence, else after it in the
    sentence, else before it in the paragraph; then organizations in the same order; then
    the last person or organization of the paragraph before; in a first-person sentence (我...) with no name, the document's most mentioned person.
    """
    if names is None:
        return None
    rx, table, persons, main = names
    ss, se = span
    floor = max(0, s - _PARAGRAPH)
    para_start = max(text.rfind("\n", floor, s) + 1, floor)
    prev_start = max(text.rfind("\n", floor, max(para_start - 1, floor)) + 1, floor) if para_start > floor else floor
    found: list[tuple[int, str]] = []
    pos = prev_start
    while pos < se:
        m = rx.search(text, pos, se)
        if m is None:
            break
        found.append((m.start(), table[m.group()]))
        pos = m.end()
    last_person = max((p for p, n in found if n in persons and ss <= p < s), default=-1)
    head = _org_head(text, max(ss, last_person + 1), s, table, persons)
    if head is not None:
        return head                 # 热线共接到群众来电2.6万个: the hotline, not the person quoted before
    if collective and not PRONOUN.search(text, ss, s) and not any(ss <= p < se and n in persons for p, n in found):
        # 全路共安排4200余名客服人员: a total or a head-count in a sentence naming nobody is about the
        # organization of the paragraph (or the one before), not the person the paragraph quoted
        orgs = [n for p, n in found if n not in persons and p < se]
        if orgs:
            return orgs[-1]
    for want_person in (True, False):
        kind = [(p, n) for p, n in found if (n in persons) == want_person]
        before = [n for p, n in kind if ss <= p < s]
        if before:
            return before[-1]
        after = [n for p, n in kind if p >= s]
        if after:
            return after[0]
        if want_person and not PRONOUN.search(text, ss, s) and any(ss <= p < se and n not in persons
                                                                    for p, n in found):
            continue                # an organization named in the sentence beats a person from the paragraph
                                    # (unless 他/她 there points back at the person)
        para = [n for p, n in kind if para_start <= p < ss]
        if para:
            return para[-1]
    for want_person in (True, False):           # the paragraph before, when this one names nobody
        prev = [n for p, n in found if p < para_start and (n in persons) == want_person]
        if prev:
            return prev[-1]
    if main is not None and "我" in text[ss:se]:
        return main
    if "\n" not in text[:s]:       # the headline: the first organization the article goes on to name
        for m in rx.finditer(text, se, min(len(text), se + 400)):
            if table[m.group()] not in persons:
                return table[m.group()]
    return None


def _org_head(text: str, lo: int, s: int, table: dict[str, str], persons: set[str]) -> str | None:
    """热线, 客服中心, 公司 as the subject of the sentence before the figure, with no person or pronoun
    after it: the organization whose name ends the same way (12345热线, 东航客服中心), nearest first."""
    heads = rules().org_heads
    m = None
    for m in heads.finditer(text, lo, s):
        pass
    if m is None or PRONOUN.search(text, m.end(), s) or _NOT_HEAD_AFTER.match(text, m.end()) \
            or rules().not_head_before.search(text, max(0, m.start() - 3), m.start()):
        return None                 # 加入热线组, 拨打热线: the institution is not the subject
    word = m.group()
    best = None
    for form, name in table.items():
        if name in persons or word not in form:
            continue
        k = 0                       # how much of the text before the head word the form also ends with
        stem = form[:form.rfind(word)]
        while k < len(stem) and m.start() - k - 1 >= 0 and text[m.start() - k - 1] == stem[-k - 1]:
            k += 1
        key = (k, text.rfind(form, 0, s))
        if best is None or key > best[0]:
            best = (key, name)
    if best is None:                # 客服中心 of an organization named only in full before (中通快递)
        para = text.rfind("\n", 0, m.start()) + 1
        for form, name in table.items():
            if name not in persons:
                at = text.rfind(form, para, m.start())
                if at >= 0 and (best is None or at > best[0]):
                    best = (at, name)
    return best[1] if best is not None else None


PRONOUN = re.compile("[我她他]")
_NOT_HEAD_AFTER = re.compile("[组部队号]|电话|来电|热线")


def phrase(text: str, cs: int, ce: int, names) -> tuple[int, int]:
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
