"""Dates, times, festivals and ranges, resolved against the document's own time.

The reference comes from the document only, never the clock (dates_reference.py: metadata, a
publication line, an agency dateline, the first full date of the body, the latest stated year), else
nothing (``--MM-DD`` for a day without a year, None when nothing resolves). Inside a sentence an explicit year (2009年..., 今年...) sets the year of the dates after it.
Anaphoric expressions (次日凌晨1点, 当晚10点, 第二天, 三天后, 次年3月) count from the last day or year
the same paragraph states; without one they are durations after an unnamed event and are dropped.

Steps: ``dates_rules.scan`` finds atomic candidates; :func:`_select` keeps the longest non-overlapping
ones; :func:`_merge` and :func:`_ranges` join neighbours (今年+4月, 2月14日+0时, 4月1日+到+6月10日);
``dates_resolve.Resolver`` gives each mention its ISO value and kind.
"""
from __future__ import annotations

import dataclasses
import functools
import re

from analysis.document import DateMention, Document
from analysis.extract import numerals
from analysis.extract.dates_patterns import DAY, HAN, HOUR, Cand, num, vocab
from analysis.extract.dates_reference import Ref, datelines, published_from_text, reference
from analysis.extract.dates_resolve import Resolver
from analysis.extract.dates_rules import scan

__all__ = ["extract", "published_from_text", "reference", "Ref"]

DAY_LEVEL = {"ymd", "lunar", "relday", "today_n", "dt", "dayonly", "anaday"}
ELLIPTIC_DAY = re.compile(rf"(?P<d>{DAY})\s*[日号]")
ELLIPTIC_HOUR = re.compile(rf"(?P<h>{HOUR})\s*[时点](?:(?P<mi>[0-5]?\d)分)?")
GAP_STRIP = "“”\"'「」『』 \u3000"
YEAR_GAPS = ("", "的", " ", "“", "「", "\"", "的“")       # 今年4月, 今年“双十一”


# ---------------------------------------------------------------- selection and composition

def _select(cands: list[Cand], n: int) -> list[Cand]:
    """Longest candidates first, no overlaps; returned in text order. Of two readings of one span
    the confirmed one wins (22日，: a day in a narrative, not only a range end waiting for 至)."""
    taken = bytearray(n + 1)
    keep = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start, c.weak)):
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
        if prev is not None and text[prev.end:c.start] in YEAR_GAPS and _yearish(prev) and _takes_year(c) \
                and not (c.typ == "fest" and text.startswith(tuple(vocab()["festival_prefixes"]), c.start)):
            # (2020年这个特殊的春节 stays two mentions; the festival still takes the sentence's year)
            c.f = dict(c.f, yc=prev)
            if text[prev.end:c.start].endswith(("“", "「", "\"")) and text.startswith(("”", "」", "\""), c.end):
                c.end += 1                                   # 今年“618”: keep the quotes balanced
            c.start = prev.start
            out[-1] = c
            continue
        if prev is not None and c.typ == "offset" and prev.end == c.start and _is_day(prev) \
                and prev.typ in ("fest", "lunar", "ymd"):
            out[-1] = Cand(prev.start, c.end, "shift", {"base": prev, "n": c.f["n"], "unit": c.f["unit"]}, "shift")
            continue                                 # 除夕前一天, 国庆节后第一天: a day counted from the festival
        if prev is not None and c.typ == "weekday" and prev.typ in DAY_LEVEL \
                and text[prev.end:c.start] in ("", " ", "（", "("):
            prev.end = c.end + (1 if text.startswith(("）", ")"), c.end) else 0)
            continue
        if prev is not None and c.typ == "time" and _is_day(prev) and text[prev.end:c.start] in ("", " ", "的"):
            out[-1] = Cand(prev.start, c.end, "dt", {"day": prev, "time": c}, "datetime")
            continue
        if prev is not None and prev.typ == "relday" and c.typ == "ymd" and c.f.get("d") is not None \
                and text[prev.end:c.start] in ("", " ", "是"):
            c.start = prev.start                     # 到今天7月15日: the word and its date are one day
            out[-1] = c
            continue
        out.append(c)
    return out


def _with_part_of_day(text: str, cands: list[Cand]) -> list[Cand]:
    """1月24日凌晨, 7月25日晚上, 大年初一早上: a bare part of the day after a day stays in the mention
    (its value is the day; a clock time after the word makes a datetime instead)."""
    n = len(text)
    for c in cands:
        if not (_is_day(c) and c.typ in ("ymd", "lunar", "dayonly", "fest")):
            continue
        tod = next((w for w in _tods() if text.startswith(w, c.end)), None)
        if tod is None:
            continue
        after = text[c.end + len(tod):c.end + len(tod) + 1]
        if after and (after.isdigit() or after in "零〇一二两三四五六七八九十几"):
            continue
        if len(tod) == 1 and after and HAN.match(after) and after not in vocab()["part_of_day_joins"]:
            continue                                 # 12月31日晚会, 5日早餐: another word
        if any(o is not c and o.start < c.end + len(tod) and o.end > c.end for o in cands):
            continue
        c.end = min(n, c.end + len(tod))
    return cands


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

def extract(doc: Document, *, event_years: bool = False) -> list[DateMention]:
    written = doc.text or ""
    if not written:
        return []
    text, back = numerals.reading(written)   # 1 月 24 日 0 时: typeset spaces and pinyin glosses read past
    try:
        ref = reference(doc, event_years=event_years)
    except Exception:  # noqa: BLE001 - odd metadata must not stop extraction
        ref = Ref()
    cands = _roc(scan(text), taiwan(doc))
    cands = _with_part_of_day(text, _ranges(text, _merge(text, _select(cands, len(text)))))
    mentions = Resolver(text, ref).run(cands)
    # 新华社北京3月5日电, 【大纪元2020年04月20日讯】 dating the page: its date is the publication date
    # (the reference and the anchor of 今天), not a date of the story
    lines = {(s, e) for s, e, y, mo, d in datelines(text) if _is_reference(ref, y, mo, d)}
    found = [m for m in mentions if (m.start, m.end) not in lines]
    if back is None:
        return found
    return [dataclasses.replace(m, text=written[back[m.start]:back[m.end]], start=back[m.start], end=back[m.end])
            for m in found]


def _is_reference(ref: Ref, y: int | None, mo: int, d: int) -> bool:
    """Whether a dateline's date is the document's reference day (its publication date)."""
    if ref.day is not None:
        return (mo, d) == (ref.day.month, ref.day.day) and y in (None, ref.day.year)
    return ref.md == (mo, d)


def taiwan(doc: Document) -> bool:
    """Whether bare ROC years (110年, 99年, 112/06/19) read as 民国 years in this document: a Taiwan
    cue in the text, or traditional script (doc.meta["script"]) with no Hong Kong or mainland cue."""
    text = doc.text or ""
    v = vocab()
    if any(w in text for w in v["taiwan_cues"]):
        return True
    script = (doc.meta or {}).get("script")
    return script in ("traditional", "mixed") and not any(w in text for w in v["hongkong_cues"] + v["mainland_cues"])


def _roc(cands: list[Cand], roc_ok: bool) -> list[Cand]:
    out = []
    for c in cands:
        if c.f.get("roc") == "bare" and not roc_ok:
            continue
        if roc_ok and c.f.get("roc_y"):
            c.f["y"] = c.f["roc_y"]                  # 99年 in a Taiwan page: 2010
        out.append(c)
    return out
