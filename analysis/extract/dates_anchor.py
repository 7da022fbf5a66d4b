"""Anchors for date resolution: the days a text states, and small helpers on resolved values.

A mention that needs a day (17日, 当晚10点, 三天后) takes it from the nearest anchor before it;
dates_resolve.py records which one in the row's ``anchor`` column.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analysis.extract import dates_calendar as cal
from analysis.extract.dates_patterns import Cand

DROP = "drop"            # kind of a candidate that is not a date after all (三天后 with no day before it)
ANCHOR_SPAN = 300        # 次日, 三天后, a clock time count from a day stated at most this many characters before


@dataclass(frozen=True, slots=True)
class Anchor:
    """A day the text states (2020-04-20, or --05-02 with no year), for mentions after it."""
    y: int | None
    m: int
    d: int
    end: int
    text: str
    explicit: bool       # a calendar date (5月2日, 除夕), not a deictic word (昨天), nor a flashback
    since: bool          # 自5月4日起: when something starts, not the day the story is on
    sent: int = -1       # sentence index

    @property
    def label(self) -> str:
        return f"date:{self.text}"

    def iso(self) -> str:
        return cal.iso_day(self.y, self.m, self.d)

    def shifted(self, days: int) -> str | None:
        """The day ``days`` after this one (year unknown: counted in a leap year, as --MM-DD)."""
        base = cal.safe_date(self.y if self.y else 2000, self.m, self.d)
        day = cal.shift_days(base, days) if base else None
        if day is None:
            return None
        return day.isoformat() if self.y else cal.iso_day(None, day.month, day.day)


def anaphoric(c: Cand) -> bool:
    if c.typ in ("anaday", "after"):
        return True
    if c.typ == "time":
        return c.f.get("ana") is not None
    return c.typ == "dt" and c.f["time"].f.get("ana") is not None


def pday(value: str | None) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a value that names a day: 2020-04-20..., --05-02..."""
    if not value:
        return None
    if value.startswith("--") and len(value) >= 7 and value[2:4].isdigit() and value[5:7].isdigit():
        m, d = int(value[2:4]), int(value[5:7])
        return (None, m, d) if cal.valid_day(None, m, d) else None
    day = day_of(value)
    return (day.year, day.month, day.day) if day else None


def day_of(value: str | None) -> dt.date | None:
    if not value or len(value) < 10 or value[4] != "-":
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def year_of(value: str | None) -> int | None:
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None
