"""Numbers as Chinese news writes them: 三, 十八, 一百二十, 4万2千, 151.9万, 超百, 5~6, 五六十, 十几, 数千.

Three entry points, shared by the dates and workload extractors:

* :data:`NUMERAL` - regex source for one numeral core (no qualifier, no range);
* :func:`value` - a numeral core to its value (``"4万2千" -> 42000.0``);
* :func:`parse` - a quantity phrase to ``Quantity(low, high, qualifier)``;
* :func:`find` - every quantity in running text, skipping numeral characters
  inside words (一直, 统一, 万一, 小二), ordinals (第三), weekdays (周一),
  section numbers (十一、) and parts of dates or codes (3/18, 2:30, A380).

Qualifier words and the list of words that only look like numbers live in
``analysis/data/numerals_zh.yaml``. The regexes are compiled on first use.
"""
from __future__ import annotations

import functools
import re

from analysis.extract.numerals_rules import (
    CN_DIGITS,
    NUMERAL,
    QUALIFIERS,
    RANK,
    NumberMatch,
    Quantity,
    alternation,
    cue_tables,
    from_match,
    lexicon,
    quantity_re,
    value,
)

__all__ = ["NUMERAL", "QUALIFIERS", "NumberMatch", "Quantity", "find", "parse", "reading", "trailing_cue",
           "value", "with_trailing"]


# ---------------------------------------------------------------- reading ----

_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
# what the reading leaves out: inline pinyin glosses, and a space between a number and a Chinese
# character (排队人数已超 10 万, 6 个维修员: typeset spacing)
_SKIPPED = re.compile(_PINYIN.pattern + r"|(?<=\d)[ \u3000](?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \u3000](?=\d)")


def reading(text: str) -> tuple[str, list[int] | None]:
    """The text with inline pinyin glosses (5.3万(wàn)宗 -> 5.3万宗) and the spaces typeset between a
    number and a Chinese character removed (超 10 万 -> 超10万), and where each position of it stands
    in the text (one more entry for the end), or None when nothing was removed."""
    if _SKIPPED.search(text) is None:
        return text, None
    parts, back, pos = [], [], 0
    for m in _SKIPPED.finditer(text):
        parts.append(text[pos:m.start()])
        back.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    back.extend(range(pos, len(text) + 1))
    return "".join(parts), back


# ---------------------------------------------------------------- parse ----

@functools.cache
def _trailing_re() -> re.Pattern:
    _, _, trailing = cue_tables()
    return re.compile(rf"\s*(?:{alternation(trailing)})\s*$")


def parse(text: str) -> Quantity | None:
    """A whole quantity phrase (``约4-6``, ``5000多``, ``十几``, ``超百``, ``10左右``) or None."""
    if not isinstance(text, str):
        return None
    s = text.strip()
    if not s or len(s) > 64:
        return None
    trail = None
    m = quantity_re().fullmatch(s)
    if m is None:
        # 数, 一点五, 千: what find() reads before 倍 or 个 (数倍, 一点五倍, 千个) is only a number there
        for after in ("倍", "个"):
            m = quantity_re().match(s + after)
            m = m if m is not None and m.end() == len(s) else None
            if m is not None:
                break
    if m is None:
        t = _trailing_re().search(s)
        if t is None or t.start() == 0:
            return None
        trail = t.group().strip()
        m = quantity_re().fullmatch(s[: t.start()])
        if m is None:
            return None
    q = from_match(m)
    if q is None:
        return None
    if trail:
        q = with_trailing(q, trail)
    return q


def with_trailing(q: Quantity, word: str) -> Quantity:
    """Apply a qualifier written after the counter (左右, 以上) to a quantity."""
    _, _, trailing = cue_tables()
    new = trailing.get(word)
    if new and q.qualifier != "range" and RANK[new] > RANK[q.qualifier]:
        return Quantity(q.low, q.high, new, q.percent)
    return q


def trailing_cue(text: str, pos: int) -> tuple[str, int] | None:
    """A qualifier word (左右, 以上, 多) starting at ``text[pos]``: (qualifier, end) or None."""
    _, _, trailing = cue_tables()
    for w in sorted(trailing, key=len, reverse=True):
        if text.startswith(w, pos):
            return trailing[w], pos + len(w)
    return None


# ----------------------------------------------------------------- find ----

@functools.cache
def _stop_re() -> tuple[re.Pattern, int, frozenset[str]]:
    words = [w for w in lexicon().get("not_numbers") or () if w]
    return re.compile(alternation(words) or r"(?!)"), max(map(len, words), default=1), frozenset(w[0] for w in words)


@functools.cache
def _blocked_re() -> re.Pattern:
    return re.compile(rf"(?:{alternation(lexicon().get('blocked_before') or ['第'])})$")


_CN_CHARS = frozenset(CN_DIGITS + "十百千万亿几数廿卅")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9_]")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_SECTION_NUMBER = re.compile(rf"[{CN_DIGITS}十]+")
_ENUMERATION = re.compile(r"[一二三四五六七八九十]")


@functools.cache
def _despite() -> tuple[str, ...]:
    return tuple(lexicon().get("numbers_despite") or ())


def _inside_word(text: str, s: int, e: int) -> bool:
    stop, maxlen, firsts = _stop_re()
    for p in range(max(0, s - maxlen + 1), e):
        if text[p] not in firsts:
            continue
        w = stop.match(text, p)
        if w is None or w.end() <= s or text.startswith(_despite(), w.start()):
            continue
        inside = s <= w.start() and w.end() <= e
        if not inside or (w.start() == s and w.end() == e):
            return True
    return False


def _counted(text: str, m: re.Match) -> bool:
    """千万个求助, 百万名用户: a word of ``not_numbers`` made only of big units is a number before a counter."""
    word = m.group()
    if not word or word[0] not in "百千万" or any(c not in "百千万亿" for c in word):
        return False
    return text.startswith(tuple(lexicon().get("counters") or ()), m.end())


def _keep(text: str, m: re.Match) -> bool:
    s, e = m.span()
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    after2 = text[e + 1] if e + 1 < len(text) else ""
    # parts of codes, dates, times, fractions, versions: A380, 3/18, 2:30, 1/4, 5G
    if before and _ASCII_ALNUM.match(before):
        return False
    if before in "-/:.·" and s >= 2 and text[s - 2].isdigit():
        return False
    if after in "-/:." and after2.isdigit():
        return False
    if after in _ASCII_LETTERS:
        return False
    if before == "第":
        return False                # 第3个小时, 第2490条: ordinals
    # section numbers: 十一、 / 3、 / 2. at the start of a line
    line_start = s == 0 or text[s - 1] in "\n \t（(【["
    if line_start and (after == "、" or (after == "." and not after2.isdigit())):
        return False
    if after == "、" and _SECTION_NUMBER.fullmatch(m.group()):
        return False
    # enumerations: 一是…二是…四是 at the start of a clause
    if after == "是" and (s == 0 or text[s - 1] in "\n，。；：,;:") and _ENUMERATION.fullmatch(m.group()):
        return False
    if not _CN_CHARS.isdisjoint(m.group()):
        if _blocked_re().search(text, max(0, s - 3), s):
            return False
        if _inside_word(text, s, e) and not _counted(text, m):
            return False
    return True


_CANDIDATE = re.compile(rf"[0-9{CN_DIGITS}十百千万亿几数廿卅]")


@functools.cache
def _lead_words() -> tuple[frozenset[str], int]:
    """Words that may stand before the first numeral character of a quantity (超过, 约, 上百, 成千上万)."""
    prefix, _, _ = cue_tables()
    bare = {w for words in (lexicon().get("bare_prefix") or {}).values() for w in words or ()}
    words = frozenset(prefix) | {"上", "成"} | bare
    return words, max(map(len, words))


def find(text: str) -> list[NumberMatch]:
    """Every quantity in running text, left to right, non-overlapping."""
    if not isinstance(text, str) or not text:
        return []
    out: list[NumberMatch] = []
    rx = quantity_re()
    leads, longest = _lead_words()
    pos = 0
    while True:
        c = _CANDIDATE.search(text, pos)
        if c is None:
            break
        i = c.start()
        # the quantity may start a few characters earlier, at a qualifier word
        m = None
        j = i - 1 if i - 1 >= pos and text[i - 1] in " \u00a0" else i     # 超过 2000 (spaced text)
        for size in range(min(longest, j - pos), 0, -1):
            if text[j - size:j] in leads:
                m = rx.match(text, j - size)
                if m is not None and m.end() > i:
                    break
                m = None
        if m is None:
            m = rx.match(text, i)
        if m is None or m.end() == m.start():
            pos = i + 1
            continue
        q = from_match(m) if _keep(text, m) else None
        pos = m.end()           # never re-read inside a rejected word, code or date
        if q is not None:
            out.append(NumberMatch(m.start(), m.end(), q.low, q.high, q.qualifier, q.percent))
    return out
