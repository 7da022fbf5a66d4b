"""Patterns and values behind :mod:`analysis.extract.numerals`.

Numeral cores (``NUMERAL``), their values (:func:`value`), and the quantity
pattern with qualifier words (超过, 多, 左右 ...) read from
``analysis/data/numerals_zh.yaml``, compiled on first use.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from analysis import resources

CN_DIGITS = "零〇一二两三四五六七八九"
DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
UNIT_VALUE = _SMALL_UNITS | _BIG_UNITS

_AR = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AR_CORE = rf"(?:{_AR})(?:[十百千万亿]+(?:\d+(?![\d.,]))?)*"
_CN_CORE = rf"[一二两三四五六七八九十廿卅][{CN_DIGITS}十百千万亿]*"  # 廿 20, 卅 30 (Taiwan, Hong Kong)

#: Regex source matching one numeral core: 3, 1,200, 151.9万, 4万2千, 三, 一百二十, 二〇二〇.
NUMERAL = rf"(?:{_AR_CORE}|{_CN_CORE})"

QUALIFIERS = ("exact", "approx", "at_least", "range")


@dataclass(frozen=True, slots=True)
class Quantity:
    low: float
    high: float | None
    qualifier: str            # exact | approx | at_least | range
    percent: bool = False


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    low: float
    high: float | None
    qualifier: str
    percent: bool = False

    def quantity(self) -> Quantity:
        return Quantity(self.low, self.high, self.qualifier, self.percent)


# ---------------------------------------------------------------- value ----

_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九]|[十百千万亿]")


def _num(x: Decimal) -> float:
    return float(round(x, 6))


def value(core: str) -> float | None:
    """The value of one numeral core, or None if it is not one.

    ``三`` 3, ``十八`` 18, ``两`` 2, ``一百二十`` 120, ``一百二`` 120, ``4万2千`` 42000,
    ``151.9万`` 1519000, ``二〇二〇`` 2020. Two adjacent digits (``三四``) are a range,
    not a number: None (see :func:`parse`).
    """
    if not isinstance(core, str):
        return None
    core = core.strip()
    if not core or len(core) > 40:      # a run of digits that long is a code, not a quantity
        return None
    if "廿" in core or "卅" in core:
        core = core.replace("廿", "二十").replace("卅", "三十")
    if core.isascii() and core.isdigit():
        return float(int(core))
    if len(core) == 1 and core in DIGIT_VALUE:
        return float(DIGIT_VALUE[core])
    tokens = _TOKEN.findall(core)
    if "".join(tokens) != core:
        return None
    try:
        if all(t in DIGIT_VALUE for t in tokens):
            if len(tokens) == 1:
                return float(DIGIT_VALUE[tokens[0]])
            if len(tokens) >= 3 or any(t in "零〇" for t in tokens):
                return float(int("".join(str(DIGIT_VALUE[t]) for t in tokens)))
            return None
        result = Decimal(0)
        section = Decimal(0)
        num: Decimal | None = None
        num_digits = 0
        last_unit = 0
        last_big = 0
        zero = False
        for t in tokens:
            if t in "零〇":
                zero = True
                continue
            if t in DIGIT_VALUE or t[0].isdigit():
                if num is not None:
                    return None
                if t[0].isdigit():
                    num = Decimal(t.replace(",", ""))
                    num_digits = len(t)
                else:
                    num = Decimal(DIGIT_VALUE[t])
                    num_digits = 1
                continue
            unit = UNIT_VALUE[t]
            if unit in _SMALL_UNITS.values():
                section += (num if num is not None else 1) * unit
            else:
                val = section + (num if num is not None else 0)
                if last_big and unit > last_big:
                    result = (result + val) * unit
                elif val == 0 and result == 0:
                    result = Decimal(unit)
                else:
                    result += val * unit
                last_big = unit
                section = Decimal(0)
            num = None
            last_unit = unit
            zero = False
        if num is not None:
            # 一百二 = 120, 4万2 = 42000: a lone digit after a unit is one step below it
            if last_unit >= 100 and not zero and num_digits == 1 and num == num.to_integral_value():
                num *= Decimal(last_unit) / 10
            section += num
        return _num(result + section)
    except (InvalidOperation, ValueError, KeyError, OverflowError):
        return None


# ------------------------------------------------------------- patterns ----

def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def lexicon() -> dict:
    return resources.yaml_data("numerals_zh.yaml")


@functools.cache
def cue_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    lex = lexicon()
    tables = []
    for key in ("prefix", "suffix", "trailing"):
        table: dict[str, str] = {}
        for qual, words in (lex.get(key) or {}).items():
            for w in words or ():
                table.setdefault(w, qual)
        tables.append(table)
    return tables[0], tables[1], tables[2]


_PAIRS = "一二|一两|二三|两三|三四|四五|五六|六七|七八|八九"


@functools.cache
def quantity_re() -> re.Pattern:
    prefix, suffix, _ = cue_tables()
    body = "|".join([
        # 十几, 二十几, 十几万
        r"(?P<vj>[二三四五六七八九]?十)几(?P<vju>[百千万亿]*)",
        # 几十, 数百, 几十万, 数千万
        r"(?P<jx>[几数])(?P<jxu>[十百千][万亿]?|[万亿])",
        # 数以万计
        r"数以(?P<yj>[十百千万亿]+)计",
        # 数倍, 几倍, 翻了几番, 几天: a few (2..9)
        r"(?P<shu>[几数])(?=[倍番天])",
        # 30几, 20几万: a round number and a few more (30..39)
        r"(?P<dj>\d*[1-9]0)几(?P<dju>[百千万亿]*)",
        # 两位数, 三位数
        r"(?P<ws>[两二三四五六七八九])位数",
        # 上百, 上万, 成千上万
        r"(?:成(?P<cheng>[百千])|)上(?P<shang>[百千万])(?P<shang2>[万亿]?)",
        # 5~6, 4-6, 3到5万, 5000至6000
        rf"(?P<ra>{_AR_CORE})\s*(?:[~～〜\-—–]+|至|到)\s*(?P<rb>{_AR_CORE})",
        # 三到五, 十至二十
        rf"(?P<ca>{_CN_CORE})(?:到|至|~|-)(?P<cb>{_CN_CORE})",
        # 十五六, 五六十, 三四千, 一两, 两三百
        # 一百五六十, 两千三四百: a round head before the pair
        rf"(?P<ahead>[一二两三四五六七八九][百千万])?(?P<aa>[一二三四五六七八九]?十)?(?P<adj>{_PAIRS})(?P<au>[十百千万亿]*)",
        # 一点五倍, 三点五万 (a Chinese decimal needs 倍 after it or a big unit, else 三点 is a clock time)
        rf"(?P<cdec>{_CN_CORE})点(?P<cfrac>[{CN_DIGITS}]+)(?:(?P<cdu>[万亿])|(?=倍))",
        # 百分之三十, 百分之十五点五
        rf"百分之(?P<pcn>{_CN_CORE}(?:点[{CN_DIGITS}]+)?|{_AR})",
        # 超百, 近千, 破万 (a bare unit needs a qualifier word before it) / 百余, 千余
        rf"(?P<bp>{alternation(set(prefix) | set(_bare_prefix()))})(?P<bare>[百千万])(?P<bare_big>[万亿]?)(?![{CN_DIGITS}十百千])",
        r"(?P<bare2>[百千万])(?=余)",
        # 千名党员, 百位专家, 千万个求助: a bare hundred or thousand before a counter
        r"(?P<bare3>[百千万])(?P<bare3b>[万亿]?)(?=[名位个])",
        rf"(?P<num>{NUMERAL})",
    ])
    source = (
        rf"(?:(?P<pre>{alternation(prefix)})[ \u00a0]?)?(?:{body})"
        rf"(?:(?P<suf>{alternation(suffix)})(?P<post>[万亿]?))?"
        r"(?P<pct>[%％])?"
    )
    return re.compile(source)


@functools.cache
def _bare_prefix() -> dict[str, str]:
    return {w: q for q, words in (lexicon().get("bare_prefix") or {}).items() for w in words or ()}


def _units(s: str) -> float:
    out = 1
    for c in s:
        out *= UNIT_VALUE[c]
    return out


def from_match(m: re.Match) -> Quantity | None:
    g = m.groupdict()
    prefix, suffix, _ = cue_tables()
    qual = "exact"
    low: float | None
    high: float | None = None
    if g["vj"] is not None:
        base = value(g["vj"]) or 10
        mult = _units(g["vju"] or "")
        low, high, qual = base * mult, (base + 9) * mult, "approx"
    elif g["jx"] is not None:
        unit = _units(g["jxu"])
        low, high, qual = unit, unit * 10 - 1, "approx"
    elif g["yj"] is not None:
        low, qual = _units(g["yj"]), "at_least"
    elif g["dj"] is not None:
        base = float(g["dj"])
        mult = _units(g["dju"] or "")
        low, high, qual = base * mult, (base + 9) * mult, "approx"
    elif g["shu"] is not None:
        low, high, qual = 2, 9, "approx"
    elif g["ws"] is not None:
        n = int(DIGIT_VALUE[g["ws"]])
        low, high, qual = 10 ** (n - 1), 10**n - 1, "range"
    elif g["shang"] is not None:
        low, qual = _units(g["cheng"] or g["shang"]) * _units(g["shang2"] or ""), "at_least"
    elif g["ra"] is not None:
        a, b = value(g["ra"]), value(g["rb"])
        if a is None or b is None:
            return None
        if re.match(r"0\d", g["rb"]):       # 2020-01: a date, not a range
            return None
        tail = re.search(r"[十百千万亿]+$", g["rb"])
        if tail and not re.search(r"[十百千万亿]", g["ra"]):
            mult = _units(tail.group())
            if a * mult <= b:
                a *= mult
        if a >= b:
            return None
        low, high, qual = a, b, "range"
    elif g["ca"] is not None:
        a, b = value(g["ca"]), value(g["cb"])
        if a is None or b is None or a >= b:
            return None
        low, high, qual = a, b, "range"
    elif g["adj"] is not None:
        d1, d2 = (DIGIT_VALUE[c] for c in g["adj"])
        if d1 == 1 and d2 == 2 and g["adj"][1] == "两":
            d2 = 2
        tens = value(g["aa"]) if g["aa"] else 0
        mult = _units(g["au"] or "")
        head = value(g["ahead"]) if g["ahead"] else 0
        step = _units(g["ahead"][-1]) / 10 if g["ahead"] else 0
        if head and not tens and (not g["au"] or mult == step):
            low, high = head + d1 * step, head + d2 * step    # 一百五六十 = 150..160
        elif head:
            return None
        elif tens:
            low, high = (tens + d1) * mult, (tens + d2) * mult
        elif g["au"]:
            # 五六十 = 50..60, 三四千 = 3000..4000
            low, high = d1 * mult, d2 * mult
        else:
            low, high = d1, d2
        qual = "range"
    elif g["cdec"] is not None:
        whole = value(g["cdec"])
        if whole is None or whole != int(whole):
            return None
        low = float(f"{int(whole)}." + "".join(str(DIGIT_VALUE[c]) for c in g["cfrac"])) * _units(g["cdu"] or "")
    elif g["pcn"] is not None:
        core = g["pcn"]
        if "点" in core:
            whole, frac = core.split("点", 1)
            w = value(whole)
            if w is None:
                return None
            low = float(f"{int(w)}." + "".join(str(DIGIT_VALUE[c]) for c in frac))
        else:
            low = value(core)
        if low is None:
            return None
        return Quantity(low, None, _qualifier(g, "exact", prefix, suffix), True)
    elif g["bare"] is not None:
        low = float(UNIT_VALUE[g["bare"]] * _units(g["bare_big"] or ""))
        qual = prefix.get(g["bp"]) or _bare_prefix().get(g["bp"], "exact")
    elif g["bare2"] is not None or g["bare3"] is not None:
        low = float(UNIT_VALUE[g["bare2"] or g["bare3"]] * _units(g["bare3b"] or ""))
    elif g["num"] is not None:
        low = value(g["num"])
        if low is None:
            return None
    else:  # pragma: no cover - every alternative is handled above
        return None
    if g["post"]:
        mult = _units(g["post"])
        low *= mult
        high = high * mult if high is not None else None
    qual = _qualifier(g, qual, prefix, suffix)
    return Quantity(float(low), None if high is None else float(high), qual, bool(g["pct"]))


RANK = {"exact": 0, "approx": 1, "at_least": 2, "range": 3}


def _qualifier(g: dict, qual: str, prefix: dict, suffix: dict) -> str:
    if qual == "range":
        return qual
    for cue, table in ((g.get("pre"), prefix), (g.get("suf"), suffix)):
        if cue:
            new = table.get(cue, "exact")
            if RANK[new] > RANK[qual]:
                qual = new
    return qual
