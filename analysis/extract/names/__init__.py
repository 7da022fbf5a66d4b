"""Name cues: the lexicons around person names and the test of whether a string can be a name.

All word lists are data files (``surnames.txt``, ``titles.tsv``, ``roles.tsv``, ``name_cues.tsv``,
``person_stopwords.txt``); this module compiles them once into regexes and sets.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analysis import resources
from analysis.extract import lexicon

CJK_RE = re.compile(r"[\u4e00-\u9fff]")
FAMILIAR_PREFIXES = "小老"
COMMON_WORD_FREQ = 50     # a dictionary word this frequent is a word, not a nickname ...
PROPER_NAME_TAGS = ("ns",)   # ... unless the dictionary files a surname + given name as a place (罗干, 拉宾, 巴金)
PROPER_WORD_FREQ = 1000   # ... and not this often (高峰, 文明)


def is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _alternation(words) -> re.Pattern | None:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


@dataclass(frozen=True)
class Cues:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    title_suffixes: frozenset[str]
    prefix_words: frozenset[str]          # 老婆, 丈夫, 同事: may stand right before a name
    roles: dict[str, str]                 # role word -> canonical role
    cue_roles: frozenset[str]             # role words that mark the next string as a name
    after_strong: frozenset[str]
    after_weak: frozenset[str]
    left_words: frozenset[str]
    right_chars: frozenset[str]
    not_first: frozenset[str]
    not_last: frozenset[str]
    not_any: frozenset[str]
    not_title_surname: frozenset[str]
    not_end: frozenset[str]               # 省, 族: a string ending so is not a name
    glued_end: frozenset[str]             # 摄, 们: glued to a name, not part of it
    not_address_title: frozenset[str]     # 记者: after a surname, not a title of that person
    stopwords: frozenset[str]
    role_re: re.Pattern | None            # cue roles (longest first)
    any_role_re: re.Pattern | None        # every role word (longest first)
    after_re: re.Pattern | None
    prefix_re: re.Pattern | None
    title_re: re.Pattern | None
    title_after_re: re.Pattern | None     # titles that follow a full name (先生, 老师, 教授)
    polite_titles: frozenset[str]         # 先生, 女士, 小姐: surname + title is a name even if a word
    intro_re: re.Pattern | None           # 姓王的先生, 姓谭的大爷: surname, title


@functools.cache
def cues() -> Cues:
    sur = resources.word_list("surnames.txt")
    titles = resources.tsv_rows("titles.tsv")
    roles_rows = resources.tsv_rows("roles.tsv")
    cue_rows = resources.tsv_rows("name_cues.tsv")

    def kind(k, strength=None):
        return frozenset(r["cue"] for r in cue_rows if r.get("kind") == k
                         and (strength is None or r.get("strength") == strength))

    roles = {r["role"]: (r.get("canonical") or r["role"]) for r in roles_rows if r.get("role")}
    cue_roles = frozenset(r["role"] for r in roles_rows if r.get("cue") == "yes")
    suffixes = frozenset(r["word"] for r in titles if r.get("position") == "suffix")
    prefixes = frozenset(r["word"] for r in titles if r.get("position") == "prefix")
    not_first = kind("not_first")
    singles = frozenset(s for s in sur if len(s) == 1)
    title_surnames = sorted(s for s in singles if s not in not_first and s not in kind("not_any"))
    title_re = None
    if title_surnames and suffixes:
        title_re = re.compile("([" + "".join(title_surnames) + "])("
                              + "|".join(re.escape(t) for t in sorted(suffixes, key=len, reverse=True)) + ")")
    after = kind("after", "strong") | kind("after", "weak")
    polite = frozenset(r["word"] for r in titles if r.get("position") == "suffix" and r.get("kind") == "title"
                       and len(r["word"]) >= 2)
    intro_re = None
    intro_titles = frozenset(r["word"] for r in titles if r.get("position") == "suffix"
                             and r.get("kind") in ("title", "kinship") and len(r["word"]) >= 2)
    if title_surnames and intro_titles:
        intro_re = re.compile("姓([" + "".join(title_surnames) + "])的("
                              + "|".join(re.escape(t) for t in sorted(intro_titles, key=len, reverse=True)) + ")")
    return Cues(
        surnames=singles,
        compound_surnames=frozenset(s for s in sur if len(s) == 2),
        title_suffixes=suffixes,
        prefix_words=prefixes,
        roles=roles,
        cue_roles=cue_roles,
        after_strong=kind("after", "strong"),
        after_weak=kind("after", "weak"),
        left_words=kind("left_word"),
        right_chars=kind("right_char"),
        not_first=not_first,
        not_last=kind("not_last"),
        not_any=kind("not_any"),
        not_title_surname=kind("not_title_surname"),
        not_end=kind("not_end"),
        glued_end=kind("glued_end"),
        not_address_title=kind("not_address_title"),
        stopwords=resources.word_list("person_stopwords.txt"),
        role_re=_alternation(cue_roles),
        any_role_re=_alternation(roles),
        after_re=_alternation(after),
        prefix_re=_alternation(prefixes),
        title_re=title_re,
        title_after_re=_alternation(r["word"] for r in titles
                                    if r.get("position") == "suffix" and r.get("kind") == "title" and len(r["word"]) >= 2),
        polite_titles=polite,
        intro_re=intro_re,
    )


def surname_of(x: str) -> str:
    c = cues()
    if len(x) >= 3 and x[:2] in c.compound_surnames:
        return x[:2]
    if x and x[0] in c.surnames:
        return x[0]
    return ""


def familiar_form(x: str) -> bool:
    """小周, 老张: 小/老 + a surname, a name in its own right."""
    return len(x) == 2 and x[0] in FAMILIAR_PREFIXES and x[1] in cues().surnames


def full_name_shape(x: str) -> bool:
    """Surname + one or two characters (or compound surname + one or two)."""
    s = surname_of(x)
    return bool(s) and 1 <= len(x) - len(s) <= 2


@functools.lru_cache(maxsize=1 << 16)
def plausible(x: str) -> bool:
    """Could ``x`` be a person's name (full name or nickname) standing on its own?"""
    c = cues()
    if not 2 <= len(x) <= 4 or not all(is_cjk(ch) for ch in x):
        return False
    if len(x) == 4 and x[:2] not in c.compound_surnames:
        return False
    if x[0] in c.not_first or x[-1] in c.not_last or any(ch in c.not_any for ch in x):
        return False
    if x in c.stopwords or x in c.roles or x in c.title_suffixes or x in c.prefix_words:
        return False
    from analysis.extract import orgs as orgs_mod

    if orgs_mod.lookup(x):
        return False
    if x in lexicon.function_words():
        return False
    if lexicon.word_freq(x) >= COMMON_WORD_FREQ and not (
            full_name_shape(x) and lexicon.coarse_tags().get(x) in PROPER_NAME_TAGS and lexicon.word_freq(x) < PROPER_WORD_FREQ):
        return False
    # a verb/particle phrase with a cue inside (时表示) or a surname glued to a function word (应如此)
    if any(cue in x[1:] for cue in c.after_strong if len(cue) >= 2):
        return False
    if len(x) == 3 and surname_of(x) and (x[:2] in lexicon.function_words() or (
            x[1:] in lexicon.function_words() and lexicon.word_freq(x[1:]) >= 1000)):
        return False
    # a nickname made of a common word and one more character (人员来, 大概率, 专门去) is a phrase
    if not surname_of(x) and len(x) == 3 and (lexicon.word_freq(x[:2]) >= COMMON_WORD_FREQ
                                              or lexicon.word_freq(x[1:]) >= COMMON_WORD_FREQ):
        return False
    # a string that ends in a role or title word is a description (京东客服), not a name
    return not any(x[n:] in c.roles for n in range(1, len(x) - 1))
