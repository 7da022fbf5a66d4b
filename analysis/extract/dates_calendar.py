"""Calendar arithmetic for dates.py: ISO strings, month ends, lunar days, solar terms, festivals.

Pure functions of their arguments (no clock). Lunar conversions use lunar-python and are cached per
(year, month, day), so a corpus costs a few hundred conversions at most.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping

Day = dt.date


def iso_day(year: int | None, month: int, day: int) -> str:
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def iso_month(year: int | None, month: int) -> str:
    return f"--{month:02d}" if year is None else f"{year:04d}-{month:02d}"


def month_end(year: int | None, month: int) -> int:
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def valid_day(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= month_end(year if year else 2000, month)


def safe_date(year: int, month: int, day: int) -> Day | None:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def shift_days(day: Day, n: int) -> Day | None:
    try:
        return day + dt.timedelta(days=n)
    except OverflowError:
        return None


def shift_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


@functools.lru_cache(maxsize=64)
def _lunar_months(year: int) -> tuple[tuple[int, int, float, int], ...]:
    """(year, month, first Julian day, day count) of each month of lunar-python's ``LunarYear(year)``.

    Computing a lunar year takes about 10 ms (its new moons and solar terms); the months are kept in
    the cache folder (``resources.cached``), so a year is computed once, not at every start.  The
    library keeps only the last year it computed, and one conversion touches two or three years."""
    from lunar_python import LunarYear

    from analysis import resources

    def compute():
        return tuple((m.getYear(), m.getMonth(), m.getFirstJulianDay(), m.getDayCount())
                     for m in LunarYear(year).getMonths())

    return resources.cached(f"lunar-months:v1:{_library_key()}:{year}", compute)


@functools.cache
def _library_key() -> str:
    """Identity of the installed lunar-python, for cache keys."""
    import importlib

    from analysis import resources

    return resources.file_key(importlib.import_module("lunar_python.LunarYear").__file__)


def _lunar_month_day(solar) -> tuple[int, int] | None:
    """(lunar month, day) of a lunar-python ``Solar`` day, as ``Solar.getLunar()`` finds it (None if not found)."""
    from lunar_python import Solar

    for _, month, first, count in _lunar_months(solar.getYear()):
        days = solar.subtract(Solar.fromJulianDay(first))
        if days < count:
            return month, days + 1
    return None


@functools.lru_cache(maxsize=4096)
def lunar_to_solar(year: int, month: int, day: int) -> Day | None:
    """Gregorian day of lunar ``year``/``month``/``day`` (None when that day does not exist).

    What ``Lunar.fromYmd(year, month, day).getSolar()`` gives, checked by converting it back, with the
    library's lunar years kept in ``_lunar_months``."""
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 30):
        return None
    try:
        from lunar_python import Solar

        m = next((m for m in _lunar_months(year) if m[0] == year and m[1] == month), None)
        if m is None or day > m[3]:
            return None
        noon = Solar.fromJulianDay(m[2] + day - 1)
        solar = Solar.fromYmd(noon.getYear(), noon.getMonth(), noon.getDay())
        if _lunar_month_day(solar) != (month, day):  # day 30 of a 29-day month
            return None
        return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    except Exception:  # noqa: BLE001 - the library raises plain Exceptions on bad input
        return None


def lunar_new_year(year: int) -> Day | None:
    return lunar_to_solar(year, 1, 1)


@functools.lru_cache(maxsize=1024)
def solar_term(year: int, name: str) -> Day | None:
    """Gregorian day of the solar term ``name`` (清明, 冬至 ...) in ``year``."""
    if not 1 <= year <= 9998:
        return None
    day = _solar_terms(year).get(name)
    return dt.date(*day) if day else None


@functools.lru_cache(maxsize=64)
def _solar_terms(year: int) -> dict[str, tuple[int, int, int]]:
    """Name -> (year, month, day) of the solar terms falling in ``year``, as found in the solar-term tables
    of the lunar years around 1 March of ``year`` and of ``year + 1`` (the first found wins); kept in the
    cache folder like ``_lunar_months``."""
    from analysis import resources

    def compute():
        from lunar_python import Solar

        found: dict[str, tuple[int, int, int]] = {}
        try:
            for probe in ((year, 3, 1), (year + 1, 3, 1)):
                for key, solar in Solar.fromYmd(*probe).getLunar().getJieQiTable().items():
                    if solar.getYear() == year and key not in found:
                        found[key] = (solar.getYear(), solar.getMonth(), solar.getDay())
        except Exception:  # noqa: BLE001 - the library raises plain Exceptions on bad input
            pass
        return found

    return resources.cached(f"solar-terms:v1:{_library_key()}:{year}", compute)


def lunar_day_in_context(year: int, month: int, day: int) -> Day | None:
    """Lunar month/day as it falls around the Gregorian ``year``.

    Month 12 (腊月) belongs to the lunar year that ends in early ``year`` (大年二十九 of 2020 is
    2020-01-23); other months belong to the lunar year starting in ``year``.
    """
    if month == 12:
        return lunar_to_solar(year - 1, 12, day)
    return lunar_to_solar(year, month, day)


def festival_span(row: Mapping[str, str], year: int) -> tuple[Day, Day | None] | None:
    """(day, end-or-None) of a festival row of festivals.tsv in ``year``."""
    cal = row["calendar"]
    offset = int(row.get("offset") or 0)
    base: Day | None
    if cal == "solar":
        base = safe_date(year, int(row["month"]), int(row["day"]))
    elif cal == "lunar":
        base = lunar_day_in_context(year, int(row["month"]), int(row["day"]))
    elif cal == "jieqi":
        base = solar_term(year, row["day"])
    elif cal == "weekday":                      # day = "n:w": n-th weekday w (0 = Monday) of the month
        n, w = (int(x) for x in row["day"].split(":"))
        base = nth_weekday(year, int(row["month"]), n, w)
    else:
        base = None
    if base is None:
        return None
    start = shift_days(base, offset)
    if start is None:
        return None
    until = row.get("until") or ""
    end = shift_days(base, int(until)) if until else None
    return start, end


def nearest_occurrence(row: Mapping[str, str], now: Day, *, before: bool = False,
                       after: bool = False) -> tuple[Day, Day | None] | None:
    """The occurrence of a festival closest to ``now``: the latest one before ``now`` if ``before``
    (此前双十一), the first one after it if ``after`` (下个光棍节)."""
    best = None
    for year in (now.year - 1, now.year, now.year + 1):
        span = festival_span(row, year)
        if span is None:
            continue
        if (before and span[0] >= now) or (after and span[0] <= now):
            continue
        dist = abs((span[0] - now).days)
        if best is None or dist < best[0]:
            best = (dist, span)
    return best[1] if best else None


def nth_weekday(year: int, month: int, n: int, weekday: int) -> Day | None:
    """The ``n``-th ``weekday`` (0 = Monday) of a month: 母亲节 = 2nd Sunday of May."""
    first = safe_date(year, month, 1)
    if first is None or not 1 <= n <= 5:
        return None
    day = shift_days(first, (weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day and day.month == month else None


def weekday_in_week(anchor: Day, weeks: int, weekday: int) -> Day | None:
    """Day ``weekday`` (0 = Monday) of the week ``weeks`` away from the week holding ``anchor``."""
    monday = shift_days(anchor, -anchor.weekday() + 7 * weeks)
    return shift_days(monday, weekday) if monday else None
