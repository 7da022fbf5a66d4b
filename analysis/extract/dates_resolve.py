"""Values and kinds for the mentions dates.py found: year context, festivals, times, relative words.

Year context, strongest first: a year in the mention itself (2020年春节, 今年4月), a year stated earlier
in the same sentence or at the head of the paragraph (2010年，……双十一), the document's reference year.
A festival that the document places in several different years is generic where no year is stated
(festival values: dates_festivals.py; relative and anaphoric ones: dates_relative.py).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from analysis.document import DateMention
from analysis.extract import dates_calendar as cal
from analysis.extract.dates_anchor import ANCHOR_SPAN, DROP, Anchor, anaphoric, day_of, pday, year_of
from analysis.extract.dates_festivals import FestivalValues
from analysis.extract.dates_patterns import Cand, lists, vocab
from analysis.extract.dates_reference import Ref, stated_years
from analysis.extract.dates_relative import RelativeValues

SENT_END = re.compile(r"[。！？!?；;\n]")
PARA_END = re.compile(r"\n")
SHIFTERS = {"ago"}
SINCE_SPAN = 15
DAILY_SPAN = 20          # 每天早上8点一直工作到晚上11点多: 每天 this far back in the clause makes it daily
DATELINE_AFTER = ("电", "讯", "消息", "報導", "报导", "报道")   # 6月18日电: the day the story is told from        # 次日, 三天后 count from a day stated at most this many characters before
# A month/day without a year stays in the publication year unless that puts it more than this many
# days away from the publication day (十二月 in a March article, 1月5日 in a late-December one).
NEAR_DAYS = 240


@dataclass(slots=True)
class Ctx:
    year: int | None
    source: str          # explicit | local | doc | none
    habitual: bool = False
    via: str = ""        # the mention that gave a local year (2009年 for 那年光棍节)


def _hour(tod: str | None, h: int) -> tuple[int, int]:
    """(hour 0..23, days to add) for a clock hour after a time-of-day word."""
    rule = vocab()["time_of_day"].get(tod) if tod else None
    if h == 24:
        return 0, 1
    if h == 12 and tod in lists()["midnight_twelve"]:
        return 0, 1
    if rule == "pm" and 1 <= h <= 11:
        return h + 12, 0
    if rule == "noon" and 1 <= h <= 4:
        return h + 12, 0
    if rule == "night" and 6 <= h <= 11:
        return h + 12, 0
    if rule == "evening" and 4 <= h <= 11:
        return h + 12, 0
    return h, 0


class Resolver(FestivalValues, RelativeValues):
    def __init__(self, text: str, ref: Ref):
        self.text = text
        self.ref = ref
        self.sent_ends = [m.end() for m in SENT_END.finditer(text)]
        self.para_ends = [m.end() for m in PARA_END.finditer(text)]
        self.now = ref.day
        self.written: set[int] | None = None

    # -- positions
    def sent(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_ends, pos)

    def para(self, pos: int) -> int:
        return bisect.bisect_right(self.para_ends, pos)

    def para_start(self, pos: int) -> int:
        i = self.para(pos)
        return self.para_ends[i - 1] if i else 0

    def supported(self, y: int) -> int | None:
        """A year counted from the reference: kept when the reference is known, or when the guessed
        (inferred) reference lands on a year the article states (去年 = 2013 next to 2013年)."""
        if self.ref.source != "inferred":
            return y
        if self.written is None:
            self.written = set(stated_years(self.text))
        return y if y in self.written else None

    # -- year context
    def own_year(self, c: Cand) -> int | None:
        if c.typ in ("year", "ymd") and c.f.get("y") is not None:
            return c.f["y"]
        if c.typ == "relyear":
            if self.ref.year is None:
                return None
            return self.supported(self.ref.year + c.f["off"]) if c.f["off"] else self.ref.year
        yc = c.f.get("yc")
        if yc is not None:
            return self.own_year(yc)
        if c.typ == "dt":
            return self.own_year(c.f["day"])
        if c.typ == "ordfest":
            return int(c.f["row"]["since"]) + c.f["n"] - 1
        if c.typ == "anayear":
            return c.f.get("y")
        return None

    def contexts(self, cands: list[Cand]) -> list[Ctx]:
        out = []
        sent = para = -1
        sent_year = para_year = None
        sent_via = para_via = ""
        habitual = False
        last_year = None                 # the last year stated (year, end), for 次年 / 第二年
        for c in cands:
            s, p = self.sent(c.start), self.para(c.start)
            if s != sent:
                sent, sent_year, habitual = s, None, False
            if p != para:
                para, para_year = p, None
                head = self.text[self.para_start(c.start):c.start].strip()
                first = c.f["a"] if c.typ == "range" else c
                if len(head) <= 2 and first.typ in ("year", "relyear", "ymd"):
                    para_year = self.own_year(first)
                    para_via = "year:" + self.text[first.start:first.end]
            lead = c.f["a"] if c.typ == "range" else c
            ana = lead if lead.typ == "anayear" else lead.f.get("yc")
            if ana is not None and ana.typ == "anayear":
                near = last_year is not None and c.start - last_year[1] <= ANCHOR_SPAN
                ana.f["y"] = last_year[0] + ana.f["off"] if near else None
            own = self.own_year(c.f["a"] if c.typ == "range" else c)
            if own is not None:
                ctx = Ctx(own, "explicit")
            elif ana is not None and ana.typ == "anayear":
                ctx = Ctx(None, "none")              # 次年3月 with no year before it: the month alone
            elif sent_year is not None:
                ctx = Ctx(sent_year, "local", habitual, sent_via)
            elif para_year is not None:
                ctx = Ctx(para_year, "local", False, para_via)
            else:
                ctx = Ctx(self.ref.year, "doc" if self.ref.year else "none")
            out.append(ctx)
            if own is not None and c.typ in ("year", "relyear", "ymd", "fest", "mpair", "lunar", "range", "ordfest",
                                             "quarter", "anayear"):
                last_year = (own, c.end)
                if not (c.typ == "relyear" and self.text.startswith(lists()["year_context_not_after"], c.end)):
                    sent_year = own                  # 去年同期 compares; it does not set the year
                    sent_via = "year:" + self.text[c.start:c.end]
                    habitual = bool(c.f.get("since"))
        return out

    # -- main
    def run(self, cands: list[Cand]) -> list[DateMention]:
        ctxs = self.contexts(cands)
        if self.now is None and self.ref.year:
            days = [cal.safe_date(self.ref.year, c.f["m"], c.f["d"]) for c, x in zip(cands, ctxs)
                    if c.typ == "ymd" and c.f.get("d") and x.year == self.ref.year]
            days = [d for d in days if d]
            self.now = max(days) if days else None
        fest_years: dict[str, set[int]] = {}
        for c, x in zip(cands, ctxs):
            for part in (c.f["a"], c.f["b"]) if c.typ == "range" else (c,):
                if part.typ in ("fest", "ordfest") and x.source in ("explicit", "local") and x.year:
                    fest_years.setdefault(part.f["row"]["key"], set()).add(x.year)
        self.fest_years = fest_years
        out = []
        sent = para = -1
        self.last_day: tuple[dt.date, int] | None = None
        self.anchor: tuple[dt.date, int] | None = None      # last stated day, for 次日, 三天后, 当晚
        self.shifted: dt.date | str | None = None
        self.anchors: list[Anchor] = []                      # every day stated so far, in text order
        self.last_time: tuple[str, int, int] | None = None   # the last clock time, for 4分钟后
        for c, x in zip(cands, ctxs):
            s, p = self.sent(c.start), self.para(c.start)
            if s != sent:
                sent, self.last_day = s, None
            if p != para:
                para, self.shifted, self.anchor = p, None, None
            self.used = None
            value, kind = self.value(c, x)
            if kind == DROP:
                continue
            out.append(DateMention(self.text[c.start:c.end], value, kind, c.start, c.end, c.rule,
                                   self._anchor_label(c, x, value)))
            self._remember(c, x, value, kind)
            if value and kind in ("time", "datetime", "relative") and "T" in value and "/" not in value:
                self.last_time = (value, c.end, c.start)
            day = day_of(value)
            if day and kind in ("date", "festival", "datetime", "relative"):
                self.last_day = (day, c.end)
                if not anaphoric(c) and not self._span_end(c):
                    self.anchor = (day, c.end)
            if c.typ in SHIFTERS and c.f["unit"] in ("day", "week"):
                self.shifted = "approx"           # 一周前，……下周一: relative to a day we do not know
            elif c.typ in ("ymd", "lunar") and day and self.text.startswith(DATELINE_AFTER, c.end):
                self.shifted = day                # 6月18日电 今天……: the dateline's day
        return out

    # -- anchors
    def _remember(self, c: Cand, x: Ctx, value: str | None, kind: str) -> None:
        pd = pday(value)
        if pd is None or kind not in ("date", "festival", "datetime", "relative", "range"):
            return
        # a day whose year another mention of its sentence gave (2019年……跨年夜) is a flashback
        explicit = c.typ in ("ymd", "fest", "lunar", "dt", "range", "dayonly", "weekday", "today_n") \
            and not anaphoric(c) and x.source != "local"
        head = self.text[max(0, c.start - 2):c.start]
        clause = re.split(r"[，,。；;！？!?\n]", self.text[c.end:c.end + SINCE_SPAN], maxsplit=1)[0]
        since = head.endswith(tuple(vocab()["since_before"])) and \
            any(w in clause for w in vocab()["since_after"])     # 自3月18日4.2万通以来
        if c.typ == "fest" and (c.f.get("suf") or c.f["row"].get("period")):
            explicit = False                      # 春节, 春节期间: a holiday of several days, not one day
        self.anchors.append(Anchor(pd[0], pd[1], pd[2], c.end, self.text[c.start:c.end], explicit, since,
                                   self.sent(c.start)))

    def day_anchor(self, c: Cand, *, span: int | None = None, explicit: bool = True) -> Anchor | None:
        """The nearest day stated before ``c`` (within ``span`` characters), skipping 自…起 starts."""
        for a in reversed(self.anchors):
            if a.end > c.start:
                continue
            if span is not None and c.start - a.end > span:
                return None
            if a.since or (explicit and not a.explicit):
                continue
            return a
        return None

    def _anchor_label(self, c: Cand, x: Ctx, value: str | None) -> str:
        """Which anchor resolved the mention: date:<text>, year:<text>, ref:<source>, or '' (itself)."""
        if self.used is not None:
            return self.used
        if value is None:
            return ""
        if x.source == "local":
            return x.via
        if x.source == "doc" and value[:1].isdigit() and self.own_year(c.f["a"] if c.typ == "range" else c) is None:
            return f"ref:{self.ref.source}"
        return ""

    def ref_label(self) -> str:
        return f"ref:{self.ref.source}"

    # -- values
    def value(self, c: Cand, x: Ctx) -> tuple[str | None, str]:
        fn = getattr(self, "v_" + c.typ)
        return fn(c, x)

    def _near_year(self, x: Ctx, m: int, d: int | None) -> int | None:
        """Year of a month/day that states none: the publication year, or the year next to it when
        that year is more than NEAR_DAYS away (十二月 in a March article is last December)."""
        y, pub = x.year, self.ref.day
        if y is None or x.source != "doc" or pub is None or y != pub.year:
            return y
        when = cal.safe_date(y, m, min(d or 15, cal.month_end(y, m)))
        if when is None:
            return y
        if (when - pub).days > NEAR_DAYS:
            return y - 1
        if (pub - when).days > NEAR_DAYS:
            return y + 1
        return y

    def v_ymd(self, c: Cand, x: Ctx):
        m, d = c.f["m"], c.f.get("d")
        y = self._near_year(x, m, d)
        if d is not None:
            if not cal.valid_day(y, m, d):
                return None, "date"
            return cal.iso_day(y, m, d), "date"
        part = c.f.get("mpart")
        if c.f.get("before"):
            return cal.iso_month(y, m), "relative"
        span = vocab()["month_parts"].get(part) if part else None
        if isinstance(span, list):
            lo, hi = span
            hi = min(hi, cal.month_end(y, m))
            return f"{cal.iso_day(y, m, lo)}/{cal.iso_day(y, m, hi)}", "range"
        return cal.iso_month(y, m), "month"

    def v_year(self, c: Cand, x: Ctx):
        return self._year_part(x.year, c.f.get("ypart"), "relative" if c.f.get("before") else "year")

    def _year_part(self, y: int | None, part: str | None, kind: str):
        if y is None or not 1 <= y <= 9999:
            return None, kind
        if not part:
            return f"{y:04d}", kind
        lo, hi = vocab()["year_parts"][part]
        if lo == hi:
            return cal.iso_month(y, lo), "month"
        return f"{cal.iso_month(y, lo)}/{cal.iso_month(y, hi)}", "range"

    def v_relyear(self, c: Cand, x: Ctx):
        y = self.own_year(c)                     # the reference year and the offset only, never a nearby year
        if y is not None:
            self.used = self.ref_label()
        return self._year_part(y, c.f.get("part"), "year")

    def v_mpair(self, c: Cand, x: Ctx):
        y = self._near_year(x, c.f["m1"], None)
        return f"{cal.iso_month(y, c.f['m1'])}/{cal.iso_month(y, c.f['m2'])}", "range"

    def v_time(self, c: Cand, x: Ctx):
        f = c.f
        daily = self._daily(c)
        anchor = self.last_day[0] if self.last_day and not daily else None
        partial = None                                   # a stated day with no year (--05-02)
        if anchor is not None:
            self.used = self._last_day_label()
        if f.get("rel") is not None:                    # 今晚7时: the day is the word itself
            base = self.deixis_day()
            anchor = cal.shift_days(base, f["rel"]) if base else None
        elif f.get("ana") is not None:                  # 次日凌晨1点, 当晚10点: from the day stated before
            base = self.anchor_day(c)
            anchor = cal.shift_days(base, f["ana"]) if base else None
            if anchor is None:
                partial = self.day_anchor(c, span=ANCHOR_SPAN, explicit=False)
                partial_shift = f["ana"]
        elif anchor is None and not daily:              # the date just stated before it (--05-02T15:30)
            partial = self.day_anchor(c, span=ANCHOR_SPAN)
            partial_shift = 0
            if partial is not None and partial.sent != self.sent(c.start) and f["h"] in (0, 24) and not f.get("tod"):
                partial_shift = 1                       # 12月31日晚……零点钟声响起: the midnight after it
        if partial is not None:
            self.used = partial.label
        vals = []
        for h in (f["h"], f["h2"]) if f.get("h2") is not None else (f["h"],):
            hour, plus = _hour(f.get("tod"), h)
            t = f"T{hour:02d}:{f['mi']:02d}"
            if anchor:
                day = cal.shift_days(anchor, plus)
                t = f"{day.isoformat()}{t}" if day else t
            elif partial is not None:
                day = partial.shifted(partial_shift + plus)
                t = f"{day}{t}" if day else t
            vals.append(t)
        dated = anchor is not None or (partial is not None and not vals[0].startswith("T"))
        return "/".join(vals), ("datetime" if dated else "time")

    def _last_day_label(self) -> str:
        for a in reversed(self.anchors):
            if self.last_day and a.end == self.last_day[1]:
                return a.label
        return ""

    def v_dt(self, c: Cand, x: Ctx):
        day_val, _ = self.value(c.f["day"], x)
        day = day_of(day_val)
        t = c.f["time"].f
        hour, plus = _hour(t.get("tod"), t["h"])
        plus += t.get("ana") or 0
        if day:
            day = cal.shift_days(day, plus) or day
            return f"{day.isoformat()}T{hour:02d}:{t['mi']:02d}", "datetime"
        if day_val and day_val.startswith("--"):
            return f"{day_val}T{hour:02d}:{t['mi']:02d}", "datetime"
        return f"T{hour:02d}:{t['mi']:02d}", "time"

    def v_range(self, c: Cand, x: Ctx):
        a, b = c.f["a"], c.f["b"]
        va, _ = self.value(a, x)
        yb = self.own_year(b)
        xb = Ctx(yb, "explicit") if yb is not None else Ctx(year_of(va) or x.year, x.source, x.habitual)
        saved, saved_anchor = self.last_day, self.anchor
        if a.typ == "time" or b.typ == "time":
            self.last_day = None if a.typ == "time" and b.typ == "time" and not saved else saved
        day_a = day_of(va)
        if day_a and b.typ == "time":          # 晚8点至次日凌晨2点: counted from the left end's day
            self.last_day = self.anchor = (day_a, a.end)
        elif a.typ == "time" and b.typ == "time" and va and va.startswith("T"):
            self.last_day = None               # both ends on the same (unknown or daily) day
        vb, _ = self.value(b, xb)
        self.last_day, self.anchor = saved, saved_anchor
        if day_a and b.typ == "dayonly" and a.typ == "dayonly":      # 19日至21日: the month of the left end
            y, m = (day_a.year, day_a.month) if b.f["d"] >= day_a.day else cal.shift_months(day_a.year, day_a.month, 1)
            vb = cal.iso_day(y, m, b.f["d"]) if cal.valid_day(y, m, b.f["d"]) else vb
        if va is None or vb is None:
            return None, "range"
        return f"{va.split('/')[0]}/{vb.split('/')[-1]}", "range"

    def _daily(self, c: Cand) -> bool:
        """每天早9点到晚9点: a clock time every day, not on the day stated before it."""
        head = self.text[max(0, c.start - DAILY_SPAN):c.start]
        for ch in "，,。！？!?；;\n":
            head = head.rsplit(ch, 1)[-1]
        return any(w in head for w in vocab()["daily_before"])
