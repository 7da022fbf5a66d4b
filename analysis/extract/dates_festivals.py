"""Values of festivals and lunar days (春节, 除夕, 第一年的双十一, 大年初一), as methods that
dates_resolve.Resolver inherits: a festival in the year its context gives, the occurrence nearest the
reference day, or no value where the text speaks of it in general (每逢春节, 即使是除夕或大年初一)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.extract import dates_calendar as cal
from analysis.extract.dates_patterns import Cand, lists, vocab

if TYPE_CHECKING:
    from analysis.extract.dates_resolve import Ctx

CLAUSE_END = "，,。！？!?；;：:\n"
QUOTES = "“”\"'「」『』 "
COORDINATED = re.compile(r"(?:或者|或是|以及|或|和|、|与|及)$")


class FestivalValues:
    """Mixin: needs ``text``, ``now``, ``last_day`` and ``fest_years`` from the resolver."""

    def _habitual(self, c: Cand) -> bool:
        """每逢春节, 即使是除夕或大年初一: a festival (or the festivals coordinated after such a word) in
        general, not one day."""
        head = self.text[max(0, c.start - 16):c.start]
        for ch in CLAUSE_END:
            head = head.rsplit(ch, 1)[-1]
        habitual = lists()["habitual"]
        head = head.rstrip(QUOTES + "的")
        if head.endswith(habitual):
            return True
        m = COORDINATED.search(head)              # 即使是除夕或 | 大年初一: the item before the 或
        if m is None:
            return False
        head = head[:m.start()]
        return any(head[:len(head) - k].rstrip(QUOTES + "的").endswith(habitual) for k in range(1, min(7, len(head))))

    def _previous(self, c: Cand) -> bool:
        head = self.text[max(0, c.start - 4):c.start].rstrip(QUOTES)
        return head.endswith(lists()["previous"])

    def _next(self, c: Cand) -> bool:
        head = self.text[max(0, c.start - 4):c.start].rstrip(QUOTES)
        return head.endswith(lists()["next"])

    def v_fest(self, c: Cand, x: Ctx):
        row = c.f["row"]
        span_kind = "range" if row.get("until") else "festival"
        kind = "date" if c.f.get("nth") else "festival"
        if c.f.get("peak"):
            return None, "festival"
        if x.source == "explicit":
            span = cal.festival_span(row, x.year)
        elif row.get("resolve") == "explicit" or x.habitual or self._habitual(c):
            return None, "festival"
        elif x.year is None:                    # “双11” in a page with no year: --11-11
            if row["calendar"] != "solar" or row.get("until") or int(row.get("offset") or 0):
                return None, "festival"
            m, d = int(row["month"]), int(row["day"])
            if c.f.get("nth"):
                return None, "date"
            return cal.iso_day(None, m, d), kind
        elif x.source == "doc" and len(self.fest_years.get(row["key"], ())) > 1:
            return None, "festival"             # placed in several years by the article: generic here
        elif x.source == "doc" and self.now is not None:
            span = cal.nearest_occurrence(row, self.now, before=self._previous(c), after=self._next(c))
        else:
            span = cal.festival_span(row, x.year)
            if span and self.last_day and span[0] < self.last_day[0] and self._forward(self.last_day[1], c.start):
                span = cal.festival_span(row, x.year + 1)
        if span is None:
            return None, kind
        start, end = span
        if c.f.get("nth"):
            day = cal.shift_days(start, c.f["nth"] - 1)
            return (day.isoformat() if day else None), "date"
        if end is not None:
            return f"{start.isoformat()}/{end.isoformat()}", span_kind
        return start.isoformat(), kind

    def _forward(self, a: int, b: int) -> bool:
        between = self.text[a:b]
        return any(w in between for w in vocab()["forward_between"])

    def v_ordfest(self, c: Cand, x: Ctx):
        row = c.f["row"]
        y = int(row["since"]) + c.f["n"] - 1
        if c.f["after"]:
            return f"{y:04d}", "relative"
        span = cal.festival_span(row, y)
        return (span[0].isoformat() if span else None), "festival"

    def v_lunar(self, c: Cand, x: Ctx):
        if x.year is None or (x.source != "explicit" and self._habitual(c)):
            return None, "date"
        day = cal.lunar_day_in_context(x.year, c.f["lm"], c.f["ld"])
        if day and self.last_day and x.source != "explicit" and day < self.last_day[0] \
                and self._forward(self.last_day[1], c.start):
            day = cal.lunar_day_in_context(x.year + 1, c.f["lm"], c.f["ld"])
        return (day.isoformat() if day else None), "date"
