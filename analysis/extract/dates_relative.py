"""Values of relative and anaphoric mentions (今天, 上周三, 三年前, 次日, 三天后, 17日, 年底), as
methods that dates_resolve.Resolver inherits: each counts from the reference date or from an anchor."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from analysis.extract import dates_calendar as cal
from analysis.extract.dates_anchor import ANCHOR_SPAN, DROP, Anchor, pday
from analysis.extract.dates_patterns import Cand, vocab

if TYPE_CHECKING:
    from analysis.extract.dates_resolve import Ctx

QUOTES = "“”\"'「」『』 "


class RelativeValues:
    """Mixin: needs ``ref``, ``text``, ``shifted``, ``anchor``, ``anchors``, ``last_day``, ``used`` and
    ``day_anchor``/``ref_label``/``_habitual`` from the resolver."""

    def deixis_day(self) -> dt.date | None:
        """The day 今天/下周一 count from: a date stated earlier in the paragraph, else publication."""
        if self.shifted == "approx":
            return None
        if isinstance(self.shifted, dt.date):
            self.used = "dateline"
            return self.shifted
        if self.ref.day:
            self.used = self.ref_label()
        return self.ref.day

    def deixis_partial(self) -> Anchor | None:
        """The reference day when only its month and day are known (1月5日 opening a story with no year)."""
        if self.shifted is None and self.ref.day is None and self.ref.md:
            self.used = self.ref_label()
            return Anchor(None, *self.ref.md, 0, "", True, False)
        return None

    def v_relday(self, c: Cand, x: Ctx):
        if self._quoted(c.start):
            return None, "relative"                 # “明天夜班，我到岗”: the speaker's day, not known
        base = self.deixis_day()
        if base is None:
            part = self.deixis_partial()
            return (part.shifted(c.f["off"]) if part else None), "relative"
        day = cal.shift_days(base, c.f["off"])
        return (day.isoformat() if day else None), "relative"

    def _quoted(self, pos: int) -> bool:
        """Inside a quotation (“…”, 「…」) opened in the same paragraph."""
        start = self.text.rfind("\n", 0, pos) + 1
        depth = 0
        for ch in self.text[start:pos]:
            if ch in "“「『":
                depth += 1
            elif ch in "”」』" and depth:
                depth -= 1
        return depth > 0

    def v_vague(self, c: Cand, x: Ctx):
        return None, "relative"

    def v_season(self, c: Cand, x: Ctx):
        return None, "relative"

    def v_after_t(self, c: Cand, x: Ctx):
        """4分钟后 after 晚上9点40分: that clock time plus the minutes (without one: a duration);
        几分钟前 after 16时30分: the day of that time."""
        last = self.last_time
        if last is None or c.start - last[1] > ANCHOR_SPAN or "/" in last[0]:
            return None, DROP
        value = last[0]
        head, _, clock = value.rpartition("T")
        if c.f["min"] is None:                          # 几分钟前: the day of that clock time, minutes unknown
            self.used = f"time:{self.text[last[2]:last[1]]}"
            return (head or None), "relative"
        h, mi = int(clock[:2]), int(clock[3:5])
        total = h * 60 + mi + c.f["min"]
        days, rest = divmod(total, 24 * 60)
        t = f"T{rest // 60:02d}:{rest % 60:02d}"
        self.used = f"time:{self.text[last[2]:last[1]]}"
        if not head:
            return t, "relative"
        p = pday(head)
        if p is None:
            return None, DROP
        day = Anchor(p[0], p[1], p[2], 0, "", True, False).shifted(days)
        return (f"{day}{t}" if day else None), "relative"

    def v_today_n(self, c: Cand, x: Ctx):
        """今(23)日, 昨（30）日, 本月5日: a day of the publication month (the month before if later)."""
        if self.ref.day is None:
            return None, "date"
        self.used = self.ref_label()
        d = self.ref.day
        y, m = d.year, d.month
        if c.f.get("moff"):                                # 上月27日, 下个月3日
            y, m = cal.shift_months(y, m, c.f["moff"])
        elif c.f["d"] > d.day + 1:
            y, m = cal.shift_months(y, m, -1)
            if not cal.valid_day(y, m, c.f["d"]):          # 31日 in a May article: March 31
                y, m = cal.shift_months(y, m, -1)
        return (cal.iso_day(y, m, c.f["d"]) if cal.valid_day(y, m, c.f["d"]) else None), "date"

    def v_relweek(self, c: Cand, x: Ctx):
        base = self.deixis_day()
        if base is None:
            return None, "relative"
        if c.f.get("same"):                          # 上周同期: the same weekday a week before
            day = cal.shift_days(base, 7 * c.f["off"])
            return (day.isoformat() if day else None), "relative"
        if c.f.get("wd") is None:
            mon = cal.weekday_in_week(base, c.f["off"], 5 if c.f.get("weekend") else 0)   # 上周末: Sat..Sun
            sun = cal.weekday_in_week(base, c.f["off"], 6)
            return (f"{mon.isoformat()}/{sun.isoformat()}" if mon and sun else None), "relative"
        day = cal.weekday_in_week(base, c.f["off"], c.f["wd"])
        if day and c.f.get("d") and day.day != c.f["d"]:      # 下周三（28日）: the printed day wins
            day = next((d for k in range(-6, 7) if (d := cal.shift_days(day, k)) and d.day == c.f["d"]), day)
        return (day.isoformat() if day else None), "relative"

    def v_relmonth(self, c: Cand, x: Ctx):
        base = self.deixis_day()
        if base is None:
            part = self.deixis_partial()
            if part is None or c.f.get("mpart"):
                return None, "relative"
            return cal.iso_month(None, cal.shift_months(2000, part.m, c.f["off"])[1]), "relative"
        y, m = cal.shift_months(base.year, base.month, c.f["off"])
        span = vocab()["month_parts"].get(c.f.get("mpart") or "")
        if isinstance(span, list):                   # 下月上旬
            hi = min(span[1], cal.month_end(y, m))
            return f"{cal.iso_day(y, m, span[0])}/{cal.iso_day(y, m, hi)}", "relative"
        return cal.iso_month(y, m), "relative"

    def v_ago(self, c: Cand, x: Ctx):
        n, unit = c.f["n"], c.f["unit"]
        if unit == "year":
            y = self.supported(self.ref.year - n) if self.ref.year and self.ref.year > n else None
            if y is None:
                return None, "relative"              # 7年前 from a guessed year, landing on no stated year
            self.used = self.ref_label()
            return f"{y:04d}", "relative"
        if self.ref.day is None:
            return None, "relative"
        if unit == "month":
            y, m = cal.shift_months(self.ref.day.year, self.ref.day.month, -n)
            return cal.iso_month(y, m), "relative"
        day = cal.shift_days(self.ref.day, -n * (7 if unit == "week" else 1))
        return (day.isoformat() if day else None), "relative"

    def v_weekday(self, c: Cand, x: Ctx):
        """周三（18日）: the 18th near the publication day that is a Wednesday (else as 今（18）日)."""
        d = c.f.get("d")
        if not d or not 1 <= d <= 31:
            return None, "date"
        now = self.ref.day
        if now is not None:
            fits = []
            for k in (-1, 0, 1):
                y, m = cal.shift_months(now.year, now.month, k)
                day = cal.safe_date(y, m, d)
                if day and day.weekday() == c.f["wd"]:
                    fits.append((abs((day - now).days), day))
            if fits:
                return min(fits)[1].isoformat(), "date"
        return self.v_today_n(c, x)

    def v_dayonly(self, c: Cand, x: Ctx):
        """17日, 20号那天: month and year of the nearest full date stated before it, else a day of
        the publication month, as news writes it."""
        a = self.day_anchor(c, explicit=False)
        d = c.f["d"]
        if a is not None:
            self.used = a.label
            return (cal.iso_day(a.y, a.m, d) if cal.valid_day(a.y, a.m, d) else None), "date"
        if self.ref.day is None and self.ref.md:
            self.used = self.ref_label()
            m = self.ref.md[0]
            return (cal.iso_day(None, m, d) if cal.valid_day(None, m, d) else None), "date"
        if c.f.get("loose") and self.ref.day is None:
            return None, DROP
        return self.v_today_n(c, x)

    # -- anaphoric: counted from the last day the text states
    def _span_end(self, c: Cand) -> bool:
        """忙到今天凌晨3点: the end of a span; 当晚, 次日 after it still count from the span's start."""
        head = self.text[max(0, c.start - 3):c.start].rstrip(QUOTES)
        return head.endswith(tuple(vocab()["range_connectors"]))

    def anchor_day(self, c: Cand) -> dt.date | None:
        if self.anchor is None or c.start - self.anchor[1] > ANCHOR_SPAN:
            return None
        self.used = next((a.label for a in reversed(self.anchors) if a.end == self.anchor[1]), "")
        return self.anchor[0]

    def v_anaday(self, c: Cand, x: Ctx):
        base = self.anchor_day(c)
        day = cal.shift_days(base, c.f["off"]) if base else None
        return (day.isoformat(), "relative") if day else (None, DROP)

    def v_after(self, c: Cand, x: Ctx):
        n, unit = c.f["n"], c.f["unit"]
        base = self.anchor_day(c)
        if unit == "year":                      # 2019年入职，两年后: the sentence's year first
            y = x.year if x.source == "local" else (base.year if base else None)
            return (f"{y + n:04d}", "relative") if y and y + n <= 9999 else (None, DROP)
        if base is None:
            return None, DROP
        if unit == "month":
            y, m = cal.shift_months(base.year, base.month, n)
            return cal.iso_month(y, m), "relative"
        day = cal.shift_days(base, n * (7 if unit == "week" else 1))
        return (day.isoformat(), "relative") if day else (None, DROP)

    def v_recent(self, c: Cand, x: Ctx):
        """近二年 in an article of 2023: 2021/2022, the last full years before the reference year."""
        n, y = c.f["n"], self.ref.year
        if not n or y is None or self.ref.source in ("inferred", "event", "notes", "none") or n > 10:
            return None, "relative"
        self.used = self.ref_label()
        return f"{y - n:04d}/{y - 1:04d}", "relative"

    def v_shift(self, c: Cand, x: Ctx):
        """除夕前一天, 春节前两天: the festival's (or date's) day moved by the count; hours stay unknown."""
        b = c.f["base"]
        if b.typ == "fest" and b.f["row"].get("period") and c.f["n"] > 0:
            return None, "relative"              # 国庆节后第一天: after a holiday of several days
        base, _ = self.value(b, x)
        day = pday(base) if c.f["unit"] == "day" else None
        if day is None:
            return None, "relative"
        return Anchor(day[0], day[1], day[2], 0, "", True, False).shifted(c.f["n"]), "relative"

    def v_evrel(self, c: Cand, x: Ctx):
        """起飞前两天, 过境后第四天: counted from the day the sentence gives the event.

        买了一张2月5日的机票……起飞前两天: the day before the noun is the event's day (2月3日);
        9月10日，台风过境后第四天，: a clause restating the day that opens the sentence (9月10日);
        with no such day in the sentence, or counted in hours, the value stays unknown."""
        a = self.day_anchor(c, span=ANCHOR_SPAN)
        if a is None or a.sent != self.sent(c.start) or c.f["unit"] != "day":
            return None, "relative"
        self.used = a.label
        between = self.text[a.end:c.start]
        if self.text.startswith(tuple(vocab()["event_day_of"]), a.end):
            return a.shifted(c.f["n"]), "relative"
        sent_head = self.text[:a.end - len(a.text)].rstrip(" \u3000”」’\"")     # “……?”9月10日，
        opens = not sent_head or sent_head[-1] in "。！？!?；;\n"
        if opens and between[:1] in "，," and sum(between.count(p) for p in "，,") == 1:
            return a.iso(), "relative"
        return None, "relative"

    def v_anayear(self, c: Cand, x: Ctx):
        y = c.f.get("y")
        return (f"{y:04d}", "year") if y and 1 <= y <= 9999 else (None, DROP)

    def v_bare_part(self, c: Cand, x: Ctx):
        """年底, 月初 standing alone: the year (month) the sentence or the article is about."""
        if self._habitual(c):
            return None, DROP                    # 每到月初: every month, not a date
        if c.f["unit"] == "year":
            m, m2 = c.f["m"], c.f.get("m2", c.f["m"])
            kind = "month" if m == m2 else "range"
            if x.year is None:
                return None, kind
            if m == m2:
                return cal.iso_month(x.year, m), kind
            return f"{cal.iso_month(x.year, m)}/{cal.iso_month(x.year, m2)}", kind
        base = self.last_day[0] if self.last_day else self.deixis_day()
        return (cal.iso_month(base.year, base.month) if base else None), "relative"

    def v_decade(self, c: Cand, x: Ctx):
        return f"{c.f['y1']:04d}/{c.f['y2']:04d}", "range"

    def v_quarter(self, c: Cand, x: Ctx):
        q = c.f.get("q")
        if not q or not 1 <= q <= 4:
            return None, "range"
        return f"{cal.iso_month(x.year, 3 * q - 2)}/{cal.iso_month(x.year, 3 * q)}", "range"
