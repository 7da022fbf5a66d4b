"""Transliterated names next to a role word: 总统克林顿, 工党领袖巴拉克, 库马拉通加总统.

The recognizer misses or mistypes foreign names it has not seen (it tags 巴拉克 a place, 库马拉通加总统 an
organization); a role word next to a run of characters that spell transliterated names
(``chars.foreign_score``) says the run is a person.
"""
from __future__ import annotations

from analysis.extract import lexicon, ner_segment
from analysis.extract.names import chars, cues, is_cjk
from analysis.extract.names.evidence import (COMMON_WORD, LIST_END, NAME_JOINERS, RIGHT_WORD_FREQ, _left_kind,
                                             _right_ok, _word_edge_after)

FOREIGN_RUN_MIN = -2.5    # every character of the run spells transliterated names at least this typically ...
FOREIGN_RUN_MEAN = 1.0    # ... and on average this typically (chars.foreign_score) ...
FOREIGN_RUN_NEXT = 1.2    # ... and it does not run on into a common word over a character less typical than this (克林顿|派人)
FOREIGN_RUN_MAX = 12
WORD_WINDOW = 4           # characters on either side cut with a role word to check that it ends a word


def names_by_roles(text: str) -> dict[str, str]:
    """Transliterated name -> ``role`` (right after a role word: 总统克林顿, 领袖巴拉克) or ``role-foreign``
    (right before one: 库马拉通加总统; ``resolve`` drops it where the recognizer tags it a place): the longest
    run of characters that spell transliterated names (a middle dot between parts), ending where a word or
    the clause ends, that no common dictionary word makes up (芬兰|农林|部长, 爱尔兰|前锋).  On People's Daily
    dev such runs were 68 annotated names and 2 names cut at the wrong place (克林顿|派); on CLUENER dev 18
    names, 1 cut wrong and 1 other string."""
    c = cues()
    out: dict[str, str] = {}
    if not c.any_role_re:
        return out
    for m in c.any_role_re.finditer(text):
        if m.start() >= 2 and lexicon.word_freq(text[m.start() - 2:m.start() + 1]) >= RIGHT_WORD_FREQ:
            continue                                       # 办事|处长
        if not _ends_word(text, m.start(), m.end()):
            continue                                       # 崇川区|长川路: no role word here
        x = _foreign_run_after(text, m.end())
        if x and _foreign_name_ok(x, place_ok=True):
            out.setdefault(x, "role")                      # 领袖巴拉克: no place follows a role word
        x = _foreign_run_before(text, m.start())
        if x and _foreign_name_ok(x, place_ok=False):
            out.setdefault(x, "role-foreign")              # 库马拉通加总统, but 巴西总统
    return out


def _foreign_run_after(text: str, j: int) -> str:
    e = j
    while e < len(text) and e - j < FOREIGN_RUN_MAX and (_foreign_char(text[e]) and not _opens_word(text, e) or (
            text[e] in NAME_JOINERS and e + 1 < len(text) and _foreign_char(text[e + 1]) and e > j)):
        e += 1
    x = text[j:e]
    if len(x) < 2 or x[-1] in NAME_JOINERS or not (_right_ok(text, e) or _word_edge_after(text, j, e - j)):
        return ""                                          # 克林顿派: the run goes on into a word
    return x


def _foreign_run_before(text: str, j: int) -> str:
    i = j
    while i > 0 and j - i < FOREIGN_RUN_MAX and (_foreign_char(text[i - 1]) or (
            text[i - 1] in NAME_JOINERS and i >= 2 and _foreign_char(text[i - 2]) and i < j)):
        i -= 1
    x = text[i:j]
    if len(x) < 2 or x[0] in NAME_JOINERS or not (i == 0 or not is_cjk(text[i - 1]) or text[i - 1] in LIST_END
                                                  or _left_kind(text, i) or text[i - 1] in lexicon.function_words()):
        return ""
    return x


def _foreign_name_ok(x: str, *, place_ok: bool) -> bool:
    from analysis.extract import orgs as orgs_mod

    scores = [chars.foreign_score(ch) for ch in x if ch not in NAME_JOINERS]
    if sum(scores) / len(scores) < FOREIGN_RUN_MEAN:
        return False
    if x[-1] in cues().not_end or any(len(w) >= 2 and w != x and lexicon.word_freq(w) >= COMMON_WORD
                                      and lexicon.coarse_tags().get(w) != "nr" for w in ner_segment.cut(x)):
        return False                                       # 芬兰|农林|部长, 莱茵省|长
    tag = lexicon.coarse_tags().get(x)
    if lexicon.word_freq(x) >= COMMON_WORD and not place_ok:
        return False                                       # 巴西|总统, 爱尔兰|前锋 (the dictionary files places as
                                                           # names too, and 库马拉通加 as a place)
    return not (tag not in ("nr", "ns", "nt") and lexicon.word_freq(x) >= COMMON_WORD or orgs_mod.lookup(x))


def _ends_word(text: str, i: int, j: int) -> bool:
    """Does the tokenizer end a word at ``j`` when it cuts the text around ``text[i:j]``?"""
    lo = max(0, i - WORD_WINDOW)
    pos = lo
    for w in ner_segment.cut(text[lo:j + WORD_WINDOW]):
        pos += len(w)
        if pos >= j:
            return pos == j
    return True


def _foreign_char(ch: str) -> bool:
    return is_cjk(ch) and chars.foreign_score(ch) >= FOREIGN_RUN_MIN


def _opens_word(text: str, e: int) -> bool:
    """Does a common word start at ``e`` with a character not typical enough of transliterations (派|人)?"""
    return chars.foreign_score(text[e]) < FOREIGN_RUN_NEXT and lexicon.word_freq(text[e:e + 2]) >= RIGHT_WORD_FREQ
