"""The document's own time: the reference date every relative or year-less date is read against.

Step one of date resolution (dates_resolve.py is step two). Strongest first:

1. ``doc.meta["published"]``: front matter, or a dateline line the boilerplate stage removed;
2. a publication line in the text (:func:`published_from_text`): 发布时间：2022年2月1日,
   2022-02-10 学习强国, 2016-05-04 14:36:06 来源：…, 张玥·2018-09-14·来源：南方周末, 04.03.2015 23:26,
   建档日期：99-02-11 (a Taiwan ROC year), 发布于 2023年2月2日;
   then the year the corpus README gives the file (a table with file and year columns);
3. the day the text calls today (到今天7月15日), or an agency dateline opening a paragraph (新华社北京3月5日电, 【大纪元2020年04月20日讯】);
4. the first full date of the body (month and day), preferring one in the latest year the text states
   — never a site's date widget (今天是2024年1月11日 星期四 农历…);
5. the latest year the text states (year only).

Nothing comes from the clock or from world knowledge; the event-year table (an epidemic word means
2020) is used only when a caller asks for it (``event_years=True``).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from analysis.extract import dates_calendar as cal
from analysis.extract.dates_patterns import YEAR4, vocab

MD = r"(?P<m>1[0-2]|0?[1-9])"
DD = r"(?P<d>3[01]|[12]\d|0?[1-9])"
# one printed date per shape: ISO-like, Chinese, ROC (2-3 digit year), day.month.year
PUB_SHAPES = (
    ("ymd", re.compile(rf"(?<![\d.])(?P<y>{YEAR4})\s*[-/.年]\s*{MD}\s*[-/.月]\s*{DD}(?!\d)")),
    ("roc", re.compile(rf"(?<![\d.])民国\s*(?P<y>\d{{1,3}})\s*年\s*{MD}\s*月\s*{DD}")),
    ("roc", re.compile(rf"(?<![\d./-])(?P<y>[1-9]\d{{1,2}})\s*[-/.]\s*{MD}\s*[-/.]\s*{DD}(?![\d./-])")),
    ("dmy", re.compile(rf"(?<![\d.])(?P<d>3[01]|[12]\d|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>{YEAR4})(?![\d.])")),
)
ISO_PREFIX = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
MD_PREFIX = re.compile(r"\s*--(\d{1,2})-(\d{1,2})")
PUB_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
PUB_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?")
SENTENCE_MARK = re.compile(r"[，。！？；,!?;]")
FULL_DATE = re.compile(rf"(?<![\d.])(?:(?P<y>{YEAR4})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]")
NUMERIC_DATE = re.compile(rf"(?<![\d.])(?P<y>{YEAR4})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)")
TODAY_IS = re.compile(rf"(?:今天|今日)(?:是|为)?\s*[（(]?\s*(?:(?P<y>{YEAR4})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*"
                      rf"(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]")
HEAD_LINES, TAIL_LINES, LINE_MAX, ONE_LINE_MAX = 12, 8, 80, 200


@dataclass(frozen=True, slots=True)
class Ref:
    year: int | None = None
    day: dt.date | None = None       # reference day, when the year is known
    source: str = "none"             # published | text | notes | dateline | body | inferred | event | none
    md: tuple[int, int] | None = None   # month and day of a reference day whose year is unknown (--01-05)

    @property
    def iso(self) -> str | None:
        if self.day:
            return self.day.isoformat()
        if self.md:
            return cal.iso_day(None, *self.md)
        return f"{self.year:04d}" if self.year else None


# ---------------------------------------------------------------- publication lines

@functools.cache
def _pub_shapes() -> tuple[tuple[str, re.Pattern], ...]:
    """PUB_SHAPES, then shapes that need the vocabulary: English month names (Oct 22, 2019;
    Dec 03 Mon 2018 10:23; 22 October 2019), day/month/year with a slash when only one reading is a
    date (22/10/2019), and a month-day without a year before a clock time (发布时间：01-25 10:23)."""
    v = vocab()
    mon = "|".join(sorted(v["month_names_en"], key=len, reverse=True))
    wd = "|".join(sorted(v["weekday_names_en"], key=len, reverse=True))
    en = (
        ("en", re.compile(rf"(?<![A-Za-z])(?P<mon>{mon})\.?\s*(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
                          rf"\s*,?\s*(?:(?:{wd})\.?\s*,?\s*)?(?P<y>{YEAR4})(?!\d)", re.I)),
        ("en", re.compile(rf"(?<![\d.])(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?P<mon>{mon})\.?,?\s*"
                          rf"(?P<y>{YEAR4})(?!\d)", re.I)),
        ("slash", re.compile(rf"(?<![\d/.])(?P<a>3[01]|[12]\d|0?[1-9])/(?P<b>3[01]|[12]\d|0?[1-9])/(?P<y>{YEAR4})(?![\d/])")),
        ("md", re.compile(r"(?<![\d./-])(?P<m>1[0-2]|0?[1-9])-(?P<d>3[01]|[12]\d|0[1-9])(?![\d./-])")),
    )
    return PUB_SHAPES + en


def _fields(shape: str, m: re.Match) -> tuple[int | None, int, int] | None:
    if shape == "en":
        return int(m.group("y")), vocab()["month_names_en"][m.group("mon").lower()], int(m.group("d"))
    if shape == "slash":                        # 22/10/2019 or 10/22/2019; 05/01/2021 says neither
        y, a, b = int(m.group("y")), int(m.group("a")), int(m.group("b"))
        if a > 12 and b <= 12:
            return y, b, a
        if b > 12 and a <= 12:
            return y, a, b
        return None
    y = int(m.group("y")) if shape != "md" else None
    return y, int(m.group("m")), int(m.group("d"))


def _line_date(ln: str, labels: tuple[str, ...], credit_labels: tuple[str, ...] = (), *,
               yearless: bool = False) -> str | None:
    """The date a short publication line prints, or None when the line is prose or a widget.
    With ``yearless`` a month-day before a clock time or after a label counts too (as --MM-DD)."""
    for shape, pat in _pub_shapes():
        if (shape == "md") != yearless:
            continue
        m = pat.search(ln)
        if not m:
            continue
        fields = _fields(shape, m)
        if fields is None:
            continue
        y, mo, d = fields
        head, tail = ln[:m.start()], ln[m.end():]
        labelled = any(w in ln for w in labels) or (any(w in ln for w in credit_labels) and not SENTENCE_MARK.search(ln))
        if shape == "roc":
            if not (labelled or "民国" in m.group(0)) or not 1 <= y <= 150:
                continue
            y += 1911
        if _widget(ln):
            return None
        rest = PUB_TIME.sub("", PUB_WEEKDAY.sub("", head + tail)).strip(" ：:|·-—()（）日\u3000,，")
        timed = bool(PUB_TIME.match(tail.strip()))
        if shape == "md":
            if (timed or labelled) and not SENTENCE_MARK.search(rest) and cal.valid_day(None, mo, d):
                return cal.iso_day(None, mo, d)
            continue
        # a source or author name after the date (2022-02-10 学习强国), never a sentence
        short_rest = len(rest) <= 12 and not SENTENCE_MARK.search(rest)
        if labelled or timed or not rest or short_rest:
            day = cal.safe_date(y, mo, d)
            if day:
                return day.isoformat()
    return None


def _long_dateline(line: str, labels: tuple[str, ...]) -> bool:
    """A long head line that is still a dateline: a title run into 发布时间：… 来源：… 阅读：… 【字号 大 中 小】
    (labelled, no full stop, no comma run of prose)."""
    return len(line) <= ONE_LINE_MAX and any(w in line for w in labels) and "。" not in line \
        and len(SENTENCE_MARK.findall(line)) <= 1


def _widget(line: str) -> bool:
    return any(w in line for w in vocab()["widget_cues"])


def published_from_text(text: str) -> str | None:
    """A printed publication date near the top or bottom (发布时间：2022年2月1日, 2022-02-01 07:53,
    2022-02-10 学习强国, 建档日期：99-02-11, 新华社北京2022年3月5日电), as YYYY-MM-DD; an agency dateline
    without a year (新华社北京3月5日电) gives --MM-DD. Works on a whole text or on one dateline line."""
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    labels, credit_labels = tuple(vocab()["published_labels"]), tuple(vocab()["published_credit_labels"])
    for yearless in (False, True):               # a full date anywhere near the edges before a month-day
        for ln in lines[:HEAD_LINES] + lines[-TAIL_LINES:]:
            if len(ln) > (LINE_MAX if len(lines) > 1 else ONE_LINE_MAX) and not _long_dateline(ln, labels):
                continue                          # a long body line is prose; a single dateline may be long
            found = _line_date(ln, labels, credit_labels, yearless=yearless)
            if found:
                return found
    for ln in lines[:HEAD_LINES]:
        for _, _, y, mo, d in datelines(ln):
            day = cal.safe_date(y, mo, d) if y else None
            if day:
                return day.isoformat()
            if y is None and cal.valid_day(None, mo, d):
                return cal.iso_day(None, mo, d)
    return None


# ---------------------------------------------------------------- datelines and body dates

@functools.cache
def _dateline_re() -> re.Pattern:
    v = vocab()
    words = "|".join(re.escape(w) for w in sorted(v["dateline_words"], key=len, reverse=True))
    return re.compile(rf"^[【\[（(]?[^，。,\n]{{0,16}}?(?P<date>(?:(?P<y>{YEAR4})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*"
                      rf"(?P<d>3[01]|[12]\d|0?[1-9])\s*日)\s*(?:{words})", re.M)


def datelines(text: str) -> list[tuple[int, int, int | None, int, int]]:
    """Agency datelines opening a paragraph: (start, end, year or None, month, day) of the date."""
    out = []
    for m in _dateline_re().finditer(text):
        y = int(m.group("y")) if m.group("y") else None
        out.append((m.start("date"), m.end("date"), y, int(m.group("m")), int(m.group("d"))))
    return out


def _widget_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for ln in text.splitlines(keepends=True):
        if _widget(ln):
            spans.append((pos, pos + len(ln)))
        pos += len(ln)
    return spans


def stated_years(text: str) -> list[int]:
    """Years the text states as its own time (not 到2035年的目标, not 90年代, not a founding or a
    starting year: 成立于2014年, 自2003年开通以来)."""
    v = vocab()
    not_after = tuple(v["year_not_now_after"])
    not_before = tuple(v["year_not_now_before"])
    years = []
    for m in _year_re().finditer(text):
        before, after = text[max(0, m.start() - 4):m.start()].rstrip(), text[m.end():m.end() + 4]
        if before.endswith(not_before) or after.startswith(not_after) or after[:1] in "前代":
            continue
        years.append(int(m.group(1)))
    return years


def body_date(text: str, *, latest: int | None) -> tuple[int | None, int, int] | None:
    """The first full date of the body, preferring one in ``latest`` (the latest stated year);
    a date with no year counts only when no dated one is found."""
    widgets = _widget_spans(text)
    first_any = None
    for pat in (FULL_DATE, NUMERIC_DATE):
        for m in pat.finditer(text):
            if any(a <= m.start() < b for a, b in widgets):
                continue
            y = int(m.group("y")) if m.group("y") else None
            mo, d = int(m.group("m")), int(m.group("d"))
            if not cal.valid_day(y, mo, d):
                continue
            if y is not None and (latest is None or y == latest):
                return y, mo, d
            if y is None and first_any is None:
                first_any = (None, mo, d, m.start())
    return first_any[:3] if first_any is not None else None


@functools.cache
def _year_re() -> re.Pattern:
    return re.compile(rf"(?<![\d.])({YEAR4})\s*年")


@functools.cache
def _event_re() -> re.Pattern:
    return re.compile("|".join(re.escape(k) for k in sorted(vocab()["event_years"], key=len, reverse=True)))


def _parse(value) -> Ref | None:
    if isinstance(value, dt.datetime):
        return Ref(value.year, value.date(), "published")
    if isinstance(value, dt.date):
        return Ref(value.year, value, "published")
    if not value:
        return None
    s = str(value)
    m = MD_PREFIX.match(s)
    if m and cal.valid_day(None, int(m.group(1)), int(m.group(2))):
        return Ref(None, None, "published", (int(m.group(1)), int(m.group(2))))
    m = ISO_PREFIX.match(s)
    if not m:
        return None
    if m.group(3):
        day = cal.safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return Ref(day.year, day, "published") if day else None
    return Ref(int(m.group(1)), None, "published")


def reference(doc, *, event_years: bool = False) -> Ref:
    """The document's reference date (see the module docstring for the order)."""
    meta = doc.meta or {}
    text = doc.text or ""
    years = stated_years(text)
    latest = max(years) if years else None
    for source, value in (("published", meta.get("published")), ("text", published_from_text(text))):
        r = _parse(value)
        if r is None:
            continue
        if r.md and latest is not None and cal.safe_date(latest, *r.md):
            return Ref(latest, cal.safe_date(latest, *r.md), source)   # 本报巴黎6月18日电 in a 1998 story
        return Ref(r.year, r.day, source, r.md)
    if meta.get("notes_year"):                    # the corpus README's year for this file
        return Ref(int(meta["notes_year"]), None, "notes")
    today = TODAY_IS.search(text)                 # 从5月18日到今天7月15日: the text names its day
    found_today = [(int(today.group("y")) if today.group("y") else None, int(today.group("m")),
                    int(today.group("d")))] if today else []
    for y, mo, d in found_today:
        y = y if y is not None else latest
        if y is not None and cal.safe_date(y, mo, d):
            return Ref(y, cal.safe_date(y, mo, d), "today")
        if cal.valid_day(None, mo, d):
            return Ref(None, None, "today", (mo, d))
    for _, _, y, mo, d in datelines(text):
        y = y if y is not None else latest
        if y is not None and cal.safe_date(y, mo, d):
            return Ref(y, cal.safe_date(y, mo, d), "dateline")
        if cal.valid_day(None, mo, d):
            return Ref(None, None, "dateline", (mo, d))
    found = body_date(text, latest=latest)
    if found is not None:
        y, mo, d = found
        if y is not None:
            return Ref(y, cal.safe_date(y, mo, d), "body")
        if latest is None:
            return Ref(None, None, "body", (mo, d))
    if latest is not None:
        return Ref(latest, None, "inferred")
    if event_years:
        found_years = [int(vocab()["event_years"][m.group(0)]) for m in _event_re().finditer(text)]
        if found_years:
            return Ref(max(found_years), None, "event")
    return Ref()
