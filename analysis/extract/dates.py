"""Dates, times, festivals and ranges, resolved against the document's own time.

The reference comes from the document only, never the clock: ``doc.meta["published"]`` or a printed
publication line (:func:`published_from_text`), else the latest year the article states (or the year of
a well-known event it names), else nothing (``--MM-DD`` for a day without a year, None when nothing
resolves). Inside a sentence an explicit year (2009年..., 今年...) sets the year of the dates after it.
Anaphoric expressions (次日凌晨1点, 当晚10点, 第二天, 三天后, 次年3月) count from the last day or year
the same paragraph states; without one they are durations after an unnamed event and are dropped.

Steps: ``dates_rules.scan`` finds atomic candidates; :func:`_select` keeps the longest non-overlapping
ones; :func:`_merge` and :func:`_ranges` join neighbours (今年+4月, 2月14日+0时, 4月1日+到+6月10日);
``dates_resolve.Resolver`` gives each mention its ISO value and kind.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from analysis.document import DateMention, Document
from analysis.extract import dates_calendar as cal
from analysis.extract.dates_patterns import DAY, HOUR, YEAR4, Cand, num, vocab
from analysis.extract.dates_resolve import Ref, Resolver
from analysis.extract.dates_rules import scan

DAY_LEVEL = {"ymd", "lunar", "relday", "today_n", "dt", "dayonly", "anaday"}
PUB_DATE = re.compile(rf"(?<!\d)(?P<y>{YEAR4})\s*[-/.年]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)")
ISO_PREFIX = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
PUB_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
PUB_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d")
ELLIPTIC_DAY = re.compile(rf"(?P<d>{DAY})\s*[日号]")
ELLIPTIC_HOUR = re.compile(rf"(?P<h>{HOUR})\s*[时点](?:(?P<mi>[0-5]?\d)分)?")
GAP_STRIP = "“”\"'「」『』 \u3000"
YEAR_GAPS = ("", "的", " ", "“", "「", "\"", "的“")       # 今年4月, 今年“双十一”


# ---------------------------------------------------------------- reference time

def published_from_text(text: str) -> str | None:
    """A printed publication date near the top or bottom (发布时间：2022年2月1日, 2022-02-01 07:53)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in lines[:12] + lines[-8:]:
        if len(ln) > 80:
            continue
        m = PUB_DATE.search(ln)
        if not m:
            continue
        head = ln[:m.start()]
        rest = PUB_WEEKDAY.sub("", head + ln[m.end():]).strip(" ：:|·-—()（）日")
        if any(w in head for w in vocab()["published_labels"]) or PUB_TIME.search(ln[m.end():]) or not rest:
            day = cal.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if day:
                return day.isoformat()
    return None


def _parse_published(value) -> dt.date | int | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    m = ISO_PREFIX.match(str(value))
    if not m:
        return None
    if m.group(3):
        return cal.safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return int(m.group(1))


def reference(doc: Document) -> Ref:
    """The document's own time: publication date, else the latest year it states or implies."""
    meta = doc.meta or {}
    for source, value in (("published", meta.get("published")), ("text", None)):
        if source == "text":
            value = published_from_text(doc.text)
        p = _parse_published(value)
        if isinstance(p, dt.date):
            return Ref(p.year, p, source)
        if isinstance(p, int):
            return Ref(p, None, source)
    year = _inferred_year(doc.text)
    return Ref(year, None, "inferred") if year else Ref()


def _inferred_year(text: str) -> int | None:
    v = vocab()
    not_after = tuple(v["year_not_now_after"])
    not_before = tuple(v["year_not_now_before"])
    years = []
    for m in _year_re().finditer(text):
        before, after = text[max(0, m.start() - 2):m.start()], text[m.end():m.end() + 2]
        if before.endswith(not_before) or after.startswith(not_after) or after[:1] in "前代":
            continue
        years.append(int(m.group(1)))
    for m in _event_re().finditer(text):
        years.append(int(v["event_years"][m.group(0)]))
    return max(years) if years else None


@functools.cache
def _year_re() -> re.Pattern:
    return re.compile(rf"(?<![\d.])({YEAR4})\s*年")


@functools.cache
def _event_re() -> re.Pattern:
    return re.compile("|".join(re.escape(k) for k in sorted(vocab()["event_years"], key=len, reverse=True)))


# ---------------------------------------------------------------- selection and composition

def _select(cands: list[Cand], n: int) -> list[Cand]:
    """Longest candidates first, no overlaps; returned in text order."""
    taken = bytearray(n + 1)
    keep = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if c.end <= c.start or any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        keep.append(c)
    keep.sort(key=lambda c: c.start)
    return keep


@functools.cache
def _tods() -> tuple[str, ...]:
    return tuple(sorted(vocab()["time_of_day"], key=len, reverse=True))


def _connector_at(text: str, pos: int, conns: tuple[str, ...], target: int | None = None) -> int | None:
    """End of a range connector at ``pos``, allowing a bare time-of-day word first (22日晚上至23日).
    With ``target``, the connector that ends there (至 rather than 至翌日 before 翌日凌晨1时)."""
    n = len(text)
    while pos < n and text[pos] in GAP_STRIP:
        pos += 1
    tod = next((w for w in _tods() if text.startswith(w, pos)), "")
    pos += len(tod)
    first = None
    for conn in conns:
        if not text.startswith(conn, pos):
            continue
        end = pos + len(conn)
        while end < n and text[end] in GAP_STRIP:
            end += 1
        if target is None or end == target:
            return end
        first = end if first is None else first
    return first


def _yearish(c: Cand) -> bool:
    return (c.typ == "year" and not c.f.get("ypart") and not c.f.get("before")) or \
           (c.typ == "relyear" and not c.f.get("part")) or c.typ == "anayear"


def _takes_year(c: Cand) -> bool:
    return (c.typ == "ymd" and c.f.get("y") is None) or c.typ in ("mpair", "fest", "lunar", "quarter")


def _merge(text: str, cands: list[Cand]) -> list[Cand]:
    """今年+4月 and 2020年+春节 become one mention; a date and an adjacent clock time a datetime."""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end:c.start] in YEAR_GAPS and _yearish(prev) and _takes_year(c):
            c.f = dict(c.f, yc=prev)
            if text[prev.end:c.start].endswith(("“", "「", "\"")) and text.startswith(("”", "」", "\""), c.end):
                c.end += 1                                   # 今年“618”: keep the quotes balanced
            c.start = prev.start
            out[-1] = c
            continue
        if prev is not None and c.typ == "weekday" and prev.typ in DAY_LEVEL \
                and text[prev.end:c.start] in ("", " ", "（", "("):
            prev.end = c.end + (1 if text.startswith(("）", ")"), c.end) else 0)
            continue
        if prev is not None and c.typ == "time" and _is_day(prev) and text[prev.end:c.start] in ("", " ", "的"):
            out[-1] = Cand(prev.start, c.end, "dt", {"day": prev, "time": c}, "datetime")
            continue
        out.append(c)
    return out


def _is_day(c: Cand) -> bool:
    if c.typ == "ymd":
        return c.f.get("d") is not None
    if c.typ == "fest":
        return not c.f["row"].get("until") and not c.f.get("suf") and not c.f.get("peak")
    return c.typ in ("lunar", "relday", "today_n", "weekday", "dayonly", "anaday")


def _ranges(text: str, cands: list[Cand]) -> list[Cand]:
    conns = tuple(sorted(vocab()["range_connectors"], key=len, reverse=True))
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        joined = b is not None and _connector_at(text, a.end, conns, b.start) == b.start
        if joined:
            b = _inherit(a, b)
        if joined and (not b.weak or b.typ != "time") and _rangeable(a, b):
            out.append(Cand(a.start, b.end, "range", {"a": a, "b": b}, "range"))
            i += 2
            continue
        ell = _elliptic(text, a, conns)
        if ell is not None:
            out.append(ell)
            i += 2 if (b is not None and b.start < ell.end) else 1
            continue
        out.append(a)
        i += 1
    return [c for c in out if not c.weak]


def _rangeable(a: Cand, b: Cand) -> bool:
    timey = {"time"}
    if a.typ == "dt" and b.typ == "time":
        return True                     # 6月18日晚8点至次日凌晨2点: the right end takes the left's day
    if (a.typ in timey) != (b.typ in timey):
        return False
    return a.typ not in ("relday", "relweek", "relmonth", "ago", "weekday", "after", "anaday") or a.typ == b.typ


def _inherit(a: Cand, b: Cand) -> Cand:
    """7月25日至27日晚上8点: a bare day after a full date takes the year and month of the left end."""
    if not (a.typ == "ymd" and a.f.get("d") is not None):
        return b
    if b.typ == "dayonly":
        return Cand(b.start, b.end, "ymd", dict(a.f, d=b.f["d"]), "elliptic")
    if b.typ == "dt" and b.f["day"].typ == "dayonly":
        day = b.f["day"]
        return Cand(b.start, b.end, "dt", {"day": _inherit(a, day), "time": b.f["time"]}, "elliptic")
    return b


def _elliptic(text: str, a: Cand, conns: tuple[str, ...]) -> Cand | None:
    """7月25日至27日, 2月14日0时至16时: the right end repeats only the last field."""
    if not (a.typ == "ymd" and a.f.get("d") is not None) and a.typ not in ("dt", "time", "dayonly"):
        return None
    pos = _connector_at(text, a.end, conns)
    if pos is None:
        return None
    if a.typ in ("ymd", "dayonly"):
        m = ELLIPTIC_DAY.match(text, pos)
        if not m or text[m.end():m.end() + 1] == "月":
            return None
        d = num(m.group("d"))
        if not d:
            return None
        b = Cand(m.start(), m.end(), a.typ, dict(a.f, d=d), "elliptic")
    else:
        m = ELLIPTIC_HOUR.match(text, pos)
        if not m:
            return None
        h = num(m.group("h"))
        t = a.f["time"] if a.typ == "dt" else a
        if h is None or h > 24:
            return None
        tb = Cand(m.start(), m.end(), "time", {"tod": t.f.get("tod"), "h": h, "h2": None,
                                               "mi": int(m.group("mi") or 0)}, "elliptic")
        b = Cand(m.start(), m.end(), "dt", {"day": a.f["day"], "time": tb}, "elliptic") if a.typ == "dt" else tb
    return Cand(a.start, b.end, "range", {"a": a, "b": b}, "range")


# ---------------------------------------------------------------- extraction

def extract(doc: Document) -> list[DateMention]:
    text = doc.text or ""
    if not text:
        return []
    try:
        ref = reference(doc)
    except Exception:  # noqa: BLE001 - odd metadata must not stop extraction
        ref = Ref()
    cands = _ranges(text, _merge(text, _select(scan(text), len(text))))
    return Resolver(text, ref).run(cands)
