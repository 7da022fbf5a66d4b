"""Surface rules for dates.py: the scanner that turns text into atomic candidates (a year, a
month/day, a clock time, a festival, a deictic word ...), using the patterns of dates_patterns.py.

Combining candidates (今年 + 4月, 4月1日 + 到 + 6月10日) and giving them values is dates.py's job.
"""
from __future__ import annotations

import functools
import re

from analysis.extract.dates_patterns import (
    CN,
    DAY,
    HAN,
    YEAR4,
    Cand,
    festivals,
    lists,
    matches,
    num,
    vocab,
)


def _year_value(core: str) -> int | None:
    return num(core)


PAIR = "一两二三四五六七八九"
COUNT_YEARS_END = re.compile(rf"(?:\d+|[{CN}十]+)年$")              # 六年双十一
YEAR_OR_ORDINAL_END = re.compile(rf"(?:{YEAR4}|第[{CN}十\d]+)年$")   # 2014年双十一, 第一年的双十一
COUNT_YEARS_AFTER = re.compile(r"[”\"」]?\s*(?:\d+|[一二两三四五六七八九十]+)年")   # “双十一”6年了
MONTH_DAY = re.compile(rf"(?P<d>{DAY})\s*[日号]")
HABITUAL_WEEK = re.compile(r"每(?:个)?(?:周|星期|礼拜)|每逢")
CLAUSE_OPEN = "，,。；;：:！？!?\n 　“\""


@functools.cache
def _fest_ending(tod: str) -> tuple[str, ...]:
    """Festival names that end with a time-of-day word (除夕夜, 平安夜 end with 夜)."""
    return tuple(n for n in festivals() if n.endswith(tod) and n != tod)


def _scan_time(m: re.Match, kind: str, text: str) -> Cand | None:
    g = m.groupdict()
    tod, unit = g.get("tod"), g.get("unit")
    lo = hi = None
    h = g["h"]
    lo = None if len(h) == 2 and h[0] in PAIR and h[1] in PAIR else num(h)
    if lo is None and len(h) == 2 and h[0] in PAIR and h[1] in PAIR:       # 一两点, 三四点
        a, b = num(g["h"][0]), num(g["h"][1])
        if a is None or b is None or b != a + 1:
            return None
        lo, hi = a, b
    if lo is None or lo > 24 or (hi is not None and hi > 24):
        return None
    minute = 0
    if g.get("half"):
        minute = 30
    elif g.get("q"):
        minute = 15 if g["q"] == "一刻" else 45
    elif g.get("mi") or g.get("mi2"):
        minute = num(g.get("mi") or g.get("mi2"))
        if minute is None or minute > 59 or (lo == 24 and minute):
            return None
    arabic = g["h"][0].isdigit()
    start = m.start()
    if not tod and not g.get("approx") and start and (text[start - 1].isdigit() or text[start - 1] in ".第每"):
        return None
    if start and text[start - 1].isascii() and text[start - 1].isalpha():
        return None                              # war3时, MP3点: part of a name
    weak = False
    if not tod:
        if kind == "clock":
            pass
        elif unit == "时":
            nxt = text[m.end("unit"):m.end("unit") + 1]
            if not arabic or nxt in lists()["hour_noun_after"] or (start and text[start - 1] in "小当"):
                return None
        elif not (g.get("half") or g.get("q") or g.get("mi") or g.get("mi2") or (g.get("tail") or "") in ("钟", "多钟", "整")):
            if not arabic:
                return None
            # 9点: a time only right after a date, or opening a clause with 不到/多/左右 (没想到，9点不到……)
            opens = not start or text[start - 1] in CLAUSE_OPEN
            weak = not (opens and (text.startswith("不到", m.end()) or (g.get("tail") or "") in ("多", "左右")))
    rel = ana = None
    if tod and any(text.endswith(name, 0, m.end("tod")) for name in _fest_ending(tod)):
        start = m.end("tod")                     # 除夕夜12点: 夜 belongs to the festival, still read as night
    elif tod and start and text[start - 1] in vocab()["day_prefix"] and len(tod) == 1:
        rel = vocab()["day_prefix"][text[start - 1]]           # 今晚7时20分, 昨晚10点
        start -= 1
    elif tod and len(tod) == 1 and text.endswith(lists()["ana_same_prefix"], 0, start):
        ana, start = 0, start - 1                              # 当晚10点: the day the paragraph is about
    else:
        word = next((w for w in lists()["ana_days"] if text.endswith(w, 0, start)), None)
        if word and not (start > len(word) and text[start - len(word) - 1] in lists()["ana_not_before"]):
            ana, start = vocab()["anaphoric_days"][word], start - len(word)   # 次日凌晨1点
            weak = False
    end = m.end()
    tail = g.get("tail") or ""
    if tail == "前后" and not tod:
        end -= 2
    elif tail.endswith("钟") and text[end:end + 1] and text[end:end + 1] in "声表楼头":
        end -= 1                                 # 零点钟声: the bell, not 零点钟
    return Cand(start, end, "time", {"tod": tod, "h": lo, "h2": hi, "mi": minute, "rel": rel, "ana": ana}, kind,
                weak=weak)


def _guard_month(text: str, start: int, chinese: bool) -> bool:
    if start == 0:
        return True
    prev = text[start - 1]
    if prev in lists()["month_blocked_before"]:
        return False
    return not (chinese and (prev in CN or prev in "十百"))


M = matches


def scan(text: str) -> list[Cand]:
    """All atomic candidates in ``text`` (overlapping; dates.py picks among them)."""
    L = lists()
    out: list[Cand] = []
    add = out.append
    for m in M("ymd", text):
        g = m.groupdict()
        y, mo, d = g.get("y"), g["m"], g["d"]
        chinese = not mo[0].isdigit()
        if chinese and ("两" in mo or "零" in mo or "〇" in mo):
            continue
        if not y and not _guard_month(text, m.start(), chinese):
            continue
        month = 1 if mo == "元" else num(mo)                      # 元月 = January
        if month is None or not 1 <= month <= 12:
            continue
        roc = None
        if g.get("roc"):
            if not 1 <= int(g["roc"]) <= 150:
                continue
            y = str(1911 + int(g["roc"]))                       # Taiwan: 民国111年 = 111年 = 2022
            roc = "explicit" if m.group(0).startswith("民国") else "bare"
        f = {"y": _year_value(y) if y else None, "m": month, "d": num(d) if d else None,
             "mpart": m.group("mpart"), "before": m.group("before"), "roc": roc}
        end = m.end()
        if f["d"] is None and not y and not f["mpart"] and chinese:
            nxt = text[end:end + 1]
            if nxt not in "，,、。的里中间时" or not nxt:
                continue                       # 一月 alone is mostly a duration
        if f["before"] and (chinese or f["d"] is not None):
            end -= len(f["before"])
            f["before"] = None
        if f["mpart"] == "份" and f["d"] is None:
            f["mpart"] = None
        if f["d"] is not None and not 1 <= f["d"] <= 31:
            continue
        add(Cand(m.start(), end, "ymd", f, "ymd"))
    for m in M("numeric", text):                # 2023-06-19; Taiwan 112/06/19 (民国 year)
        roc = bool(m.groupdict().get("roc"))
        y = 1911 + int(m.group("roc")) if roc else int(m.group("y"))
        add(Cand(m.start(), m.end(), "ymd", {"y": y, "m": int(m.group("m")), "d": int(m.group("d")),
                                             "mpart": None, "before": None, "roc": "bare" if roc else None}, "numeric"))
    for m in M("slash", text):
        s, e = m.start(), m.end()
        prev, nxt = text[s - 1:s], text[e:e + 2]
        if (prev and prev in L["slash_not_before"]) or text.startswith(L["slash_not_after"], e):
            continue
        if not (text.startswith(L["slash_after"], e) or text.endswith(L["slash_before"], 0, s)):
            continue
        if not (1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31):
            continue
        add(Cand(s, e, "ymd", {"y": None, "m": int(m.group("m")), "d": int(m.group("d")), "mpart": None,
                               "before": None}, "slash"))
    for m in M("year", text):
        g = m.groupdict()
        roc = None
        if g.get("roc"):
            roc = "explicit" if m.group(0).startswith("民国") else "bare"
            if roc == "bare" and (text[m.end():m.end() + 1] in L["roc_year_not_after"]
                                  or (m.start() and text[m.start() - 1] in L["roc_year_not_before"])):
                continue                           # 100年前, 110年来, 近110年: counts of years
        y = 1911 + int(g["roc"]) if g.get("roc") and 1 <= int(g["roc"]) <= 150 else _year_value(g.get("y") or "")
        if y is None:
            continue
        end = m.end()
        if text[end:end + 1] == "代":
            continue
        add(Cand(m.start(), end, "year", {"y": y, "ypart": g.get("ypart"), "before": g.get("before"), "roc": roc,
                                          "since": text[end:end + 2] in ("起", "开始", "以来", "起，")
                                          or text[end:end + 1] == "起"}, "year"))
    for m in M("yrange", text):                  # 2014-2015年
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 < y2:
            a = Cand(m.start(), m.end("y1"), "year", {"y": y1}, "year")
            b = Cand(m.start("y2"), m.end(), "year", {"y": y2}, "year")
            add(Cand(m.start(), m.end(), "range", {"a": a, "b": b}, "range"))
    for m in M("short_year", text):
        s, e = m.start(), m.end()
        yy = m.group("yy")
        after, before = text[e:e + 3], text[max(0, s - 3):s]
        if after.startswith(L["short_year_not_after"]):
            continue
        ok = yy[0] == "0" or after.startswith(L["short_year_after"]) or before.endswith(L["short_year_before"])
        if not ok and int(yy) >= 50 and after[:1] in ("的", "，", ",", "、", "）", ")"):
            ok = True
        if ok:
            n = int(yy)
            add(Cand(s, e, "year", {"y": 1900 + n if n >= 50 else 2000 + n, "ypart": None, "before": None,
                                    "roc_y": 1911 + n if n >= L["roc_short_min"] else None,
                                    "since": after.startswith(("起", "开始", "以来"))}, "short_year"))
    for m in M("decade", text):                  # 上世纪90年代, 80年代末
        if m.groupdict().get("full"):
            y = int(m.group("full"))
            part = vocab()["decade_parts"].get(m.group("part") or "", [0, 9])
            add(Cand(m.start(), m.end(), "decade", {"y1": y + part[0], "y2": y + part[1]}, "decade"))
            continue
        dd = num(m.group("dd"))
        cent = vocab()["centuries"].get(m.group("cent") or "")
        if not dd or not 10 <= dd <= 90:
            continue
        if cent is None:
            if not m.group("cent") and dd < 20:
                continue                         # 10年代: which century is unclear
            cent = 1900 if dd >= 20 else 2000
        part = vocab()["decade_parts"].get(m.group("part") or "", [0, 9])
        add(Cand(m.start(), m.end(), "decade", {"y1": cent + dd + part[0], "y2": cent + dd + part[1]}, "decade"))
    for m in M("mpair", text):
        a, b = num(m.group("m1")), num(m.group("m2"))
        if a is None or b is None or not 1 <= a < b <= 12 or not _guard_month(text, m.start(), True):
            continue
        if m.end("m2") - m.start() == 2 and b != a + 1:         # 六七月 names neighbours only
            continue
        add(Cand(m.start(), m.end(), "mpair", {"m1": a, "m2": b}, "mpair"))
    for kind in ("time", "clock"):
        for m in M(kind, text):
            c = _scan_time(m, kind, text)
            if c:
                add(c)
    _scan_festivals(text, add)
    _scan_relative(text, add)
    return out


def _duration_before(text: str, start: int) -> bool:
    """六年双十一, 连续5年春节, 在六年的双十一中: a count of years, not a date."""
    head = text[max(0, start - 6):start].rstrip("“\"「的")
    return bool(COUNT_YEARS_END.search(head)) and not YEAR_OR_ORDINAL_END.search(head)


def _scan_festivals(text: str, add) -> None:
    L, rows = lists(), festivals()
    for m in M("fest", text):
        name = m.group("name")
        row = rows[name]
        s = m.start()
        ns = m.start("name")
        if row.get("guard") == "left" and ns and HAN.match(text[ns - 1]) and text[ns - 1] not in L["festival_left_ok"]:
            continue
        if row.get("guard") == "digits" and not _digits_festival(text, ns, m.end("name"), bool(m.group("suf"))):
            continue
        if _duration_before(text, ns) or text.startswith(L["festival_not_after"].get(name, ()), m.end("name")):
            continue
        if COUNT_YEARS_AFTER.match(text, m.end("name"), m.end("name") + 6):
            continue                           # “双十一”6年了
        nth = num(m.group("nth")) if m.group("nth") else None
        add(Cand(s, m.end(), "fest", {"row": row, "nth": nth, "peak": bool(m.group("peak")),
                                      "suf": m.group("suf")}, "fest"))
    for m in M("ordfest", text):
        g = m.groupdict()
        name = g.get("name") or g.get("name2")
        n = num(g.get("n") or g.get("n2"))
        row = rows[name]
        if not row.get("since") or not n:
            continue
        add(Cand(m.start(), m.end(), "ordfest", {"row": row, "n": n, "after": bool(g.get("name2"))}, "ordfest"))
    for m in M("lunar", text):
        pre, ld = m.group("pre"), m.group("ld")
        if pre == "大年":
            if ld.startswith("初"):
                lm, d = 1, num(ld[1:])
            elif ld in ("三十",):
                continue                        # 大年三十 is in festivals.tsv as 除夕
            else:
                lm, d = 12, num(ld)
        else:
            lm = {"正月": 1, "腊月": 12, "冬月": 11}.get(pre.replace("农历", "")) or num(m.group("lm")) or None
            d = num(ld[1:]) if ld.startswith("初") else num(ld)
        if not lm or not d or d > 30:
            continue
        add(Cand(m.start(), m.end(), "lunar", {"lm": lm, "ld": d}, "lunar"))
    if L["spring"].search(text):
        for m in M("chu", text):
            s, e = m.start(), m.end("ld")
            prev, nxt = text[s - 1:s], text[e:e + 2]
            if prev and (prev in "年月" or prev in CN or prev in "十"):
                continue
            if nxt[:1] in "中学年级班生个" or nxt[:1] in CN:
                continue
            add(Cand(s, m.end(), "lunar", {"lm": 1, "ld": num(m.group("ld")[1:])}, "chu"))


def _digits_festival(text: str, start: int, end: int, suffixed: bool) -> bool:
    """618 is the sales festival unless it is part of a number or counts something (618元, 1618, 6.18)."""
    prev, nxt = text[start - 1:start], text[end:end + 1]
    if prev and (prev.isdigit() or prev in ".．-/:：#第号"):
        return False
    if suffixed:
        return True
    return not (nxt and (nxt.isdigit() or nxt in ".．%‰-/:：") or text.startswith(lists()["festival_number_not_after"], end))


def _count(m: re.Match, v: dict) -> tuple[int | None, str]:
    """N and unit of 三天前 / 两周后; 半年 is six months, 半个月 fifteen days."""
    unit = v["ago_units"][m.group("u")]
    if m.group("n") == "半":
        return {"year": (6, "month"), "month": (15, "day")}.get(unit, (None, unit))
    return num(m.group("n")), unit


def _clock_follows(text: str, end: int) -> bool:
    """到今天凌晨3点: a clock time right after the word makes it a day, whatever precedes it."""
    nxt = text[end:end + 4]
    return bool(nxt) and (nxt[0].isdigit() or any(nxt.startswith(t) for t in _tods_short()))


@functools.cache
def _tods_short() -> tuple[str, ...]:
    return tuple(vocab()["time_of_day"])


def _word_blocked(text: str, start: int, end: int, word: str) -> bool:
    L = lists()
    if start and text[start - 1] in L["not_before"].get(word, ()) and not _clock_follows(text, end):
        return True
    return text.startswith(L["not_after"].get(word, ()), end)


def _scan_relative(text: str, add) -> None:
    v, L = vocab(), lists()
    for m in M("relyear", text):
        w = m.group("w")
        if _word_blocked(text, m.start(), m.end("w"), w):
            continue
        add(Cand(m.start(), m.end(), "relyear", {"off": v["relative_years"][m.group("w")], "part": m.group("part")},
                 "relyear"))
    for m in M("relday", text):
        w = m.group("w")
        if _word_blocked(text, m.start(), m.end(), w):
            continue
        add(Cand(m.start(), m.end(), "relday", {"off": v["relative_days"][w], "w": w}, "relday"))
    for m in M("today_n", text):
        d = num(m.group("d"))
        if d and 1 <= d <= 31:
            w = m.groupdict().get("w") or "今"
            if m.groupdict().get("word") and m.group("ri") and text[m.end() - 1] in ")）":
                # 今天(20日): the word and the day in brackets are two mentions, the day a date
                add(Cand(m.start("d"), m.end("ri"), "dayonly", {"d": d, "paren": True}, "today_paren"))
                continue
            add(Cand(m.start(), m.end(), "today_n", {"d": d, "w": w}, "today_n"))
    for m in M("relweek", text):
        wd = m.group("wd")
        end = m.end() if wd else (m.end("wkend") if m.group("wkend") else
                                  m.end("same") if m.group("same") else m.end("w"))
        add(Cand(m.start(), end, "relweek", {"off": v["relative_weeks"][m.group("w")],
                                             "wd": v["weekdays"][wd] if wd else None, "weekend": bool(m.group("wkend")),
                                             "d": int(m.group("d")) if wd and m.group("d") else None,
                                             "same": bool(m.group("same"))}, "relweek"))
    for m in M("relmonth", text):
        off = v["relative_months"][m.group("w")]
        day = MONTH_DAY.match(text, m.end("w"))
        if day and not m.group("mpart") and num(day.group("d")) and 1 <= num(day.group("d")) <= 31:
            add(Cand(m.start(), day.end(), "today_n", {"d": num(day.group("d")), "moff": off}, "relmonth_day"))
            continue                                   # 上月27日: a day of the month before publication
        add(Cand(m.start(), m.end(), "relmonth", {"off": off, "mpart": m.group("mpart")}, "relmonth"))
    for m in M("ago", text):
        n, unit = _count(m, v)
        if not n or n >= 1000:
            continue
        add(Cand(m.start(), m.end(), "ago", {"n": n, "unit": unit}, "ago"))
    for m in M("weekday", text):
        if HABITUAL_WEEK.search(text, max(0, m.start() - 6), m.start()):
            continue                                               # 每周一至周五: every week
        d = int(m.group("d")) if m.group("d") else None           # 周三（18日）: that day of the month
        add(Cand(m.start(), m.end(), "weekday", {"wd": v["weekdays"][m.group("wd")], "d": d}, "weekday"))
    for m in M("dayonly", text):
        d = int(m.group("d"))
        if 1 <= d <= 31:
            loose = bool(m.groupdict().get("loose"))           # 17日1922进线量是6614通: needs a stated day
            add(Cand(m.start(), m.end(), "dayonly", {"d": d, "loose": loose}, "dayonly",
                     weak=not loose and not m.group("strong")))
    for m in M("quarter", text):
        add(Cand(m.start(), m.end(), "quarter", {"q": num(m.group("q"))}, "quarter"))
    for m in M("after", text):                  # 三天后: kept only if the paragraph gives a day to count from
        n, unit = _count(m, v)
        s = m.start()
        if s and HAN.match(text[s - 1]) and not text.endswith(tuple(v["after_ok_before"]), 0, s):
            continue
        if n and n < 1000:
            add(Cand(m.start(), m.end(), "after", {"n": n, "unit": unit}, "after"))
    for m in M("vague", text):                  # 多年后, 一年多前: relative, with no value
        add(Cand(m.start(), m.end(), "vague", {}, "vague"))
    for m in M("after_t", text):                # 4分钟后: counted from the clock time stated before it
        s = m.start()
        if s and HAN.match(text[s - 1]) and not text.endswith(tuple(v["after_ok_before"]), 0, s):
            continue
        n = num(m.group("n"))
        if n and n < 1000:
            add(Cand(s, m.end(), "after_t", {"min": n * v["clock_units"][m.group("u")]}, "after_t"))
    for m in M("before_t", text):               # 几分钟前, 10分钟前: counted back from the clock time before it
        s = m.start()
        if s and HAN.match(text[s - 1]) and not text.endswith(tuple(v["after_ok_before"]), 0, s):
            continue
        n = num(m.group("n"))
        if n is None or n < 1000:
            add(Cand(s, m.end(), "after_t", {"min": -n * v["clock_units"][m.group("u")] if n else None}, "before_t"))
    for m in M("season", text):                 # 今冬, 去冬: a season of a deictic year, no value
        add(Cand(m.start(), m.end(), "season", {}, "season"))
    for m in M("anaday", text):                 # 次日, 第二天: same
        w, s = m.group("w"), m.start()
        if w in L["ana_need_time"] or (s and text[s - 1] in L["ana_not_before"]):
            continue
        add(Cand(s, m.end(), "anaday", {"off": v["anaphoric_days"][w]}, "anaday"))
    for m in M("recent", text):                 # 近二年, 近3年: the years just before the reference year
        add(Cand(m.start(), m.end(), "recent", {"n": num(m.group("n"))}, "recent"))
    for m in M("offset", text):                 # 前两天, 后第一天: joins the festival before it (dates.py)
        n = num(m.group("n"))
        if n and n < 1000:
            add(Cand(m.start(), m.end(), "offset", {"n": n * v["offset_directions"][m.group("dir")],
                                                   "unit": v["offset_units"][m.group("u")]}, "offset", weak=True))
    for m in M("evrel", text):                  # 起飞前两天: counted from the day the sentence gives the event
        n = num(m.group("n"))
        if n and n < 1000:
            add(Cand(m.start(), m.end(), "evrel", {"n": n * v["offset_directions"][m.group("dir")],
                                                  "unit": v["offset_units"][m.group("u")]}, "evrel"))
    for m in M("anayear", text):                # 次年3月
        add(Cand(m.start(), m.end(), "anayear", {"off": v["anaphoric_years"][m.group("w")]}, "anayear"))
    for m in M("bare_part", text):              # 年底前, 月初
        s = m.start()
        if s and (text[s - 1] in L["bare_part_not_before"] or text[s - 1] in CN or text[s - 1].isdigit()):
            continue
        unit, *months = v["bare_parts"][m.group("w")]
        add(Cand(s, m.end(), "bare_part", {"unit": unit, "m": months[0], "m2": months[-1]}, "bare_part"))
    for m in M("paren_year", text):             # 去（2022）年, 今（112）年
        y = int(m.group("y"))
        roc = "bare" if 1 <= y <= 150 else None
        y = 1911 + y if roc else y
        if 1900 <= y <= 2099:
            add(Cand(m.start(), m.end(), "year", {"y": y, "ypart": None, "before": None, "since": False, "roc": roc},
                     "paren_year"))
    for m in M("paren_month", text):            # 本（6）月, 上（5）月底
        mo = int(m.group("m"))
        if 1 <= mo <= 12:
            part = m.group("mpart")
            add(Cand(m.start(), m.end(), "ymd", {"y": None, "m": mo, "d": None, "mpart": None if part == "份" else part,
                                                 "before": None}, "paren_month"))
    for m in M("midnight", text):
        add(Cand(m.start(), m.end(), "time", {"tod": None, "h": 0, "h2": None, "mi": 0, "rel": None}, "midnight"))
