"""Organization forms: head words and types, departments and branches, vetoes, short forms.

Pure functions of one string (and the lexicons in ``analysis/data``), used by ``orgs_resolve.py``."""
from __future__ import annotations

import functools
import re

from analysis import resources
from analysis.extract import lexicon, ner_segment
from analysis.extract.orgs_lexicon import (
    gazetteer,
    lookup,
    org_ends,
    org_inside_chars,
    org_words,
    suffixes,
)

COMMON_FREQ = 100        # a dictionary word this frequent is a common word
INSIDE_SHARE = 0.1       # a character names hold alone this share of its times is no break inside a span
DIGITS_RE = re.compile(r"^[\d\s\-－—]+$")


# ---- lexicons ---------------------------------------------------------------------------------

@functools.cache
def type_heads() -> tuple[tuple[str, str], ...]:
    """(head, type) from ``org_suffixes.tsv`` and ``org_type_heads.tsv``, longest first."""
    rows = {s.text: s.type for s in suffixes()[0]}
    for r in resources.tsv_rows("org_type_heads.tsv"):
        rows.setdefault(r["head"], r["type"])
    return tuple(sorted(rows.items(), key=lambda x: len(x[0]), reverse=True))


@functools.cache
def _head_types() -> tuple[dict[str, str], int]:
    """type_heads() as a dict, and the longest head's length."""
    heads = dict(type_heads())
    return heads, max(map(len, heads), default=0)


@functools.lru_cache(maxsize=65536)
def head_of(form: str) -> tuple[str, str]:
    """(head, type) of the longest head word ``form`` ends in and is longer than, else ('', '').
    A one-character head must not be the tail of a verb or other function word (决策|部署)."""
    heads, longest = _head_types()
    for n in range(min(longest, len(form) - 1), 0, -1):
        t = heads.get(form[-n:])
        if t is not None:
            last = _last_word(form)
            if n == 1 and last != form[-1] and (last in lexicon.function_words()
                                                or lexicon.coarse_tags().get(last) == "v"
                                                or _common_non_ending(last, form)):
                return "", ""
            return form[-n:], t
    return "", ""


def _common_non_ending(word: str, form: str) -> bool:
    """Is ``word`` (the last word of ``form``, not all of it) a common dictionary word that ends no
    organization name of the training splits (决策|部署: 署 is no head there)?"""
    from analysis.extract.orgs_lexicon import org_ends

    return (word != form and lexicon.word_freq(word) >= COMMON_FREQ and word not in lexicon.proper_words()
            and word not in org_ends())


@functools.lru_cache(maxsize=4096)
def _last_word(form: str) -> str:
    words = _words(form)
    return words[-1] if words else ""


@functools.cache
def _ending_words(kind: str) -> tuple[str, ...]:
    return tuple(sorted(org_words(kind), key=len, reverse=True))


@functools.lru_cache(maxsize=65536)
def _words(s: str) -> tuple[str, ...]:
    """jieba words of a candidate name, memoized: the same short forms are read many times."""
    return ner_segment.cut(s)


# ---- shape: departments, branches, roles ------------------------------------------------------

def _is_org_form(form: str, known: set[str]) -> bool:
    return bool(form) and (form in known or bool(lookup(form)) or bool(head_of(form)[0]))


def _strip_places(form: str) -> str:
    """姚北支公司 -> ''; 人保财险浙江省余姚市姚北 -> 人保财险: trailing place words before a branch word
    (a short word the dictionary does not know counts as a place only right before the branch word)."""
    words = list(_words(form))
    tags = lexicon.coarse_tags()
    if words and lexicon.word_freq(words[-1]) == 0 and len(words[-1]) <= 2 and not lookup(words[-1]):
        words.pop()
    while words and (tags.get(words[-1]) == "ns" or words[-1].endswith(tuple(org_words("place_end")))):
        words.pop()
    return "".join(words)


def shape(form: str, known: set[str]) -> tuple[str, str]:
    """(organization form, relation): relation '' when ``form`` names the organization itself,
    'branch' or 'department' when it names a part of the returned parent ('' parent: unknown)."""
    for b in _ending_words("branch"):
        i = form.find(b)
        if i >= 0:
            return _strip_places(form[:i]), "branch"
    departments = _ending_words("department")
    if form.endswith(departments):             # one C call rules out most forms before the loop
        for d in departments:
            if form.endswith(d) and len(form) > len(d):
                return form[:-len(d)], "department"
    words = _words(form)
    last = words[-1] if words else ""
    if form.endswith(_unit_words()):
        cut = 0
        for w in words[:-1]:                      # 上海财经大学|金融学院: a unit of the university
            cut += len(w)
            if head_of(form[:cut])[1] in ("school", "hospital", "company") and _is_org_form(form[:cut], known):
                return form[:cut], "department"
    if len(words) >= 2 and last[-1:] in org_words("department_head") and not head_of(form)[0].endswith(last):
        prefix = form[:-len(last)]
        if _is_org_form(prefix, known):
            return prefix, "department"
    roles = _long_roles()
    if form.endswith(roles):
        for r in roles:
            if form.endswith(r) and len(form) > len(r) + 1:
                return shape(form[:-len(r)], known) if _is_org_form(form[:-len(r)], known) else ("", "role")
    return form, ""


@functools.cache
def _unit_words() -> tuple[str, ...]:
    """Unit heads that make a department of the school, hospital or company before them (学院, 研究所;
    not the 中心 words, which name centres of their own)."""
    return tuple(u for u in org_words("unit") if not u.endswith("中心"))


@functools.cache
def _long_roles() -> tuple[str, ...]:
    """Role words of two characters or more, longest first."""
    from analysis.extract.names import cues

    return tuple(sorted((r for r in cues().roles if len(r) >= 2), key=len, reverse=True))


# ---- vetoes -----------------------------------------------------------------------------------

def veto(form: str, *, generic_ok: bool = False, model: bool = False) -> str:
    """Why ``form`` cannot be an organization row on its own ('' when it can).

    ``model``: the recognizer proposed ``form`` in its sentence, so the checks that guard the head-word
    walk are narrower: a coordinator, position or numeral word inside is part of the name (调查和分析局,
    美国前商务部), and a generic modifier is one only when every word is generic (国际刑事法院)."""
    if DIGITS_RE.match(form):
        return "number"
    if form.endswith(_ending_words("hotline")):
        return "hotline"
    if form in org_words("generic") or form in org_words("department") or form in _head_types()[0]:
        return "generic"
    words = _words(form)
    func = lexicon.function_words()
    head = head_of(form)[0]
    body = words[:-1] if head and len(words) > 1 and words[-1].endswith(head) else words
    if head and words and len(head) > len(words[-1]):
        body = _words(form[:-len(head)])         # 重庆市|经济和信息化委员会: the head spans several words
    if model:
        if any(_breaks(w) for w in (body[1:] if head else body[1:-1])):
            return "function-word"
    elif any(w in org_words("stop") or (len(w) == 1 and w in func) for w in body[1:]):
        return "function-word"                 # 济南水务|在|集团 (not 求助中心: a verb may name a centre)
    generic = org_words("generic")
    if model:
        if body and all(w in generic for w in body) and not generic_ok:
            return "generic"
    elif not generic_ok and any(w in generic for w in body) and not any(
            w not in generic and (lexicon.is_proper_or_unknown(w) or w in _known_forms()) for w in body) \
            and not any(lookup("".join(body[:k])) for k in range(2, len(body) + 1)):
        return "generic"                   # 大型互联网公司, 国内航空公司: modifiers and a head, no name
                                           # (首都|航空|呼叫中心: a known name of several words leads it)
    if model and len(words) > 1:
        last = words[-1]
        if not head and (last in org_words("stop") or (
                len(last) > 1 and (last in func or lexicon.coarse_tags().get(last) in ("v", "a", "d"))
                and last[-1] not in _final_chars())):
            return "not-a-name"                # 武汉市|密切联系, not 美中经贸|促进会 or 市|接待处
    elif not head and words and (lexicon.coarse_tags().get(words[-1]) in ("v", "a", "d") or words[-1] in func):
        return "not-a-name"
    if not head and len(words) > 1 and all(
            lexicon.word_freq(w) and w not in lexicon.proper_words() and w not in _known_forms() for w in words) \
            and not (model and _ends_names(words[-1])):
        return "common-words"                  # 城区|汽车|修理厂: a description, not a name (松日|队: a name)
    return ""


def _breaks(word: str) -> bool:
    """Does ``word`` inside a recognizer span break it (济南水务|在|集团)?  One-character function words
    do, except coordinators (调查和分析局), position, numeral or measure words (美国|前|商务部,
    北京|一|总队) and the characters that organization names of the training splits hold as a word of
    their own at least a tenth of the times they stand alone (北京市|住|建委, 市|教|委; not 在, 把, 的)."""
    if len(word) != 1 or word in org_words("coordinator"):
        return False
    return word in lexicon.function_words() and lexicon.coarse_tags().get(word) not in ("f", "m", "q") \
        and rarely_inside(word)


def rarely_inside(char: str) -> bool:
    """Do organization names of the training splits hold ``char`` as a word of its own less than a
    tenth of the times it stands alone (在, 把, 任; not 住, 教: ``org_inside_chars.tsv``)?"""
    inside, seen = org_inside_chars().get(char, (0, 1))
    return inside < INSIDE_SHARE * seen


def _ends_names(word: str) -> bool:
    """Does ``word`` end organization names in the training splits at least as often as it stands
    elsewhere (队, 足球队, 歌舞团; not 修理厂, 机构: ``org_end_words.tsv``)?"""
    ends, seen = org_ends().get(word, (0, 0))
    return ends >= 2 and 2 * ends >= seen


@functools.cache
def _final_chars() -> frozenset[str]:
    """Last characters of head and department words (会, 处, 局...): a word the dictionary tags as a verb
    but that ends in one (促进会, 接待处) ends a name."""
    return frozenset({h[-1] for h, _ in type_heads()} | {d[-1] for d in org_words("department")})


@functools.cache
def _known_forms() -> frozenset[str]:
    return frozenset(gazetteer().canonical)


# ---- aliases ----------------------------------------------------------------------------------

def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def short_form_of(short: str, long: str) -> bool:
    """Is ``short`` a short form of ``long`` (疾管署 of 疾病管制署, 南网 of 南方电网, 远程银行中心 of
    邮储银行远程银行中心, 邮储 of 邮储银行)?  Characters in order, the last one within the last two of
    ``long``; a leading part of ``long`` is a short form only when the rest is a company word (滴滴|出行,
    邮储|银行), not a unit (首都航空|呼叫中心 is a centre of its own)."""
    if len(short) < 2 or len(short) >= len(long) or not _subsequence(short, long):
        return False
    if long.startswith(short):
        return long[len(short):] in org_words("company_word")
    if long.endswith(short):
        return not veto(short) or bool(head_of(short)[0])
    return short[-1] in long[-2:]
