"""Cue evidence for person names: what the words around a string say about it.

Cue positions vote for candidate strings (every word list is a data file, see ``names/__init__.py``):

- a role word before (客服X, 运营X, 记者X)                                  -> ``cue:role``
- a speech or copula cue after (X说, X表示, X是一名) with a clean left edge  -> ``cue:speech``
  (line start, punctuation, a role or spouse word, or a small function word such as 的/和/是)
- a speaker label at a line start (X：)                                   -> ``cue:speaker``
- a full name before a title (程阳先生)                                     -> ``cue:title``
- surname + title or kinship (孙女士, 韩哥, 蒋奶奶), 姓王的先生              -> ``cue:title``
- a full name opening a clause again and again                           -> ``cue:recurring``
- a string coordinated with a name (X和青禾)                               -> ``cue:coordinated``

``cue_names(text)`` sums the votes per string over the document and returns the strings the cues
alone accept, each with the kind of its strongest cue.  ``resolve.py`` combines them with the
recognizer's names.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict

from analysis.extract import lexicon, names
from analysis.extract.names import cues, full_name_shape, is_cjk, plausible

ACCEPT = 2.0
NAME_JOINERS = "·•・-－"
BYLINE_SPACES = " \u3000\u00a0"
COMMON_WORD = 50          # a dictionary word this frequent is a word, not part of a name
VERY_COMMON_WORD = 5000   # a given name may be a word (建军, 海燕), not one this common (部门, 在)
FAMILIAR_WORD_MAX = 1000  # 小林, 老李 are words and names; 小时, 老师 are only words
RIGHT_WORD_FREQ = 100     # a word this common after a name marks where the name ends
LIST_END = "和与及等"        # what may follow the last name of a list
LIST_MARKS = "、，,：:"       # what may stand before a name of a list
GLUED_ROLE_WORD = 20      # a role word and the next character forming a word this common (摄影家) is no cue


def cue_names(text: str) -> dict[str, str]:
    """Strings the cues accept as names -> kind of the strongest cue (``role``, ``speech``...).

    A nickname needs two sightings; a full name (surname + given name) or a title form one strong cue.
    """
    votes, best, sightings, kinds = _votes(text)
    accepted = {x: kinds[x] for x, v in votes.items()
                if v >= ACCEPT and best[x] >= 1.0 and (sightings[x] >= 2 or names.surname_of(x)
                                                        or names.familiar_form(x))}
    for x in recurring_full_names(text):
        accepted.setdefault(x, "recurring")
    from analysis.extract.names import foreign

    for x, kind in foreign.names_by_roles(text).items():
        accepted.setdefault(x, kind)
    return accepted


def _left_kind(text: str, i: int) -> str:
    """What stands right before position i: 'clean' (edge, punctuation, role/spouse word, an
    organization's head word), 'medium' (a function word that may precede a name) or ''."""
    if i > 0 and text[i - 1] in NAME_JOINERS:
        return ""                                  # 汤姆士·|史达福 is the tail of a longer name
    if i <= 0 or not is_cjk(text[i - 1]):
        return "clean"
    if text[i - 1] not in _left_ends():
        return ""                                  # no clean or medium word ends here
    clean, medium, longest = _left_sets()
    kind = ""
    for n in range(1, min(longest, i) + 1):
        w = text[i - n:i]
        if w in clean:
            return "clean"
        if w in medium:
            kind = "medium"
    return kind


@functools.cache
def _left_sets() -> tuple[frozenset[str], frozenset[str], int]:
    from analysis.extract import orgs as orgs_mod

    c = cues()
    heads = {s.text for s in orgs_mod.suffixes()[0] if len(s.text) >= 2 or s.text in ("局", "厅")}
    clean = frozenset(c.cue_roles | c.prefix_words | heads)     # 客服|X, 老婆|X, 执法局|X
    medium = frozenset(c.left_words)
    return clean, medium, max(map(len, clean | medium), default=1)


@functools.cache
def _left_ends() -> frozenset[str]:
    """The last characters of the clean and medium words: any other character before a string rules them out."""
    clean, medium, _ = _left_sets()
    return frozenset(w[-1] for w in clean | medium if w)


def _right_ok(text: str, j: int) -> bool:
    c = cues()
    if j >= len(text) or not is_cjk(text[j]):
        return True
    if text[j] in c.right_chars:
        return True
    m = c.after_re.match(text, j) if c.after_re else None
    return m is not None


def _votes(text: str):
    """Summed votes per string, the best single vote, the number of sightings with a real cue and the
    kind of the best cue."""
    c = cues()
    votes: dict[str, float] = defaultdict(float)
    best_vote: dict[str, float] = defaultdict(float)
    sightings: dict[str, int] = defaultdict(int)

    kinds: dict[str, str] = {}

    def vote(x: str, score: float, kind: str) -> None:
        votes[x] += score
        if score > best_vote[x]:
            kinds[x] = kind
        best_vote[x] = max(best_vote[x], score)
        if score >= 1.0:
            sightings[x] += 1

    lengths = (3, 2, 4)

    # role word before: 客服小葵是…, 技术专家周明远：, 本报记者 孙某 (a byline may put a space between)
    if c.role_re:
        for m in c.role_re.finditer(text):
            if m.start() >= 2 and lexicon.word_freq(text[m.start() - 2:m.start() + 1]) >= RIGHT_WORD_FREQ:
                continue                                   # 办事|处长: the role's first character ends a word
            if lexicon.word_freq(text[m.start():m.end() + 1]) >= GLUED_ROLE_WORD:
                continue                                   # 摄影|家协会: the role is the head of a longer word
            j = m.end()
            while j < len(text) and j - m.end() < 2 and text[j] in BYLINE_SPACES:
                j += 1
            best = None
            for k in lengths:
                x = text[j:j + k]
                if len(x) == k and (plausible(x) and (names.surname_of(x) or not lexicon.word_freq(x))
                                    or _familiar_after_role(x)):
                    if _right_ok(text, j + k):
                        score = 2.0
                    elif _name_like(x) and _word_edge_after(text, j, k):
                        score = 2.0                    # 接线员马丽丽|记下了, 接线员小刘|今年24岁
                    else:
                        score = 0.25
                    if best is None or score > best[1]:
                        best = (x, score)
            if best:
                vote(*best, "role")
            # 作为产品运营的X，: the role word and 的 before a name with a clean right edge
            if text.startswith("的", j):
                for k in lengths:
                    x = text[j + 1:j + 1 + k]
                    if len(x) == k and plausible(x) and (j + 1 + k >= len(text) or not is_cjk(text[j + 1 + k])):
                        vote(x, 1.0, "role")
                        break

    # cue after: X说, X表示, X是一名, X和…
    if c.after_re:
        for m in c.after_re.finditer(text):
            p = m.start()
            # the cue glued to the character before it may be another word (小说, 听说, 但是)
            if p > 0 and lexicon.word_freq(text[p - 1] + m.group()[:1]) >= 100:
                continue
            strong = m.group() in c.after_strong
            best = None
            for k in lengths:
                if p - k < 0:
                    continue
                x = text[p - k:p]
                left = _left_kind(text, p - k)
                if not left or not plausible(x):
                    continue
                if strong:
                    score = 2.0 if left == "clean" else (2.0 if full_name_shape(x) else 1.5)
                else:
                    score = 1.0 if left == "clean" else 0.5
                if best is None or score > best[1]:
                    best = (x, score)
            if best:
                vote(*best, "speech")

    # speaker label at a line start: 青禾：…
    for line in text.split("\n"):
        for sep in ("：", ":"):
            k = line.find(sep)
            if 2 <= k <= 4 and plausible(line[:k]):
                vote(line[:k], 2.0 if full_name_shape(line[:k]) else 1.0, "speaker")

    # full name + title: 程阳先生, 张路老师 (the title follows a whole name)
    if c.title_after_re:
        for m in c.title_after_re.finditer(text):
            p = m.start()
            for k in (3, 2):
                x = text[p - k:p] if p - k >= 0 else ""
                if x and full_name_shape(x) and plausible(x) and _left_kind(text, p - k) == "clean":
                    vote(x, 2.0, "title")
                    break

    # 一位姓王的先生 … 王先生: the introduction itself names the person
    for form in _surname_title_intros(text):
        vote(form, 2.0, "title")

    # surname + title or kinship: 孙女士, 韩哥, 蒋奶奶
    if c.title_re:
        for m in c.title_re.finditer(text):
            i = m.start()
            form = m.group()
            # 师姐 is a word, 韩哥 is a name; a polite title after a surname (王先生) is a name even
            # when the dictionary lists it
            if lexicon.word_freq(form) >= 20 and not (m.group(2) in c.polite_titles
                                                      and lexicon.word_freq(form) < 1000):
                continue
            if m.group(1) in c.not_title_surname:
                continue
            if len(m.group(2)) == 1 and not _right_ok(text, m.end()):
                continue                                   # 李伯钊 is a name, not 李伯
            if i > 0 and is_cjk(text[i - 1]) and _left_kind(text, i) != "clean" and not any(
                    text.endswith(w, max(0, i - len(w)), i) for w in c.left_words):
                continue                                   # 张路|老师, 程阳|先生: a full name + title
            if i > 0 and is_cjk(text[i - 1]):
                before = text[i - 1:i + 1]
                if lexicon.word_freq(before) >= 20 or before in c.stopwords:   # 上海|阿姨
                    continue
                if i >= 2 and lexicon.word_freq(text[i - 2:i + 1]) >= 20:
                    continue
            # a one-character title that makes a word with what follows (路|总是, 王|总是) is only a
            # possible reading: it needs a second sighting
            ambiguous = len(m.group(2)) == 1 and lexicon.word_freq(text[m.end() - 1:m.end() + 1]) >= 20
            vote(form, 1.0 if ambiguous else 2.0, "title")
    return votes, best_vote, sightings, kinds


def _familiar_after_role(x: str) -> bool:
    """快递员小张, 司机老王: right after a role word 小/老 + surname is a name even when the dictionary
    lists it as a word (小林, 老李), unless the word is a very common one (小时, 老师)."""
    from analysis.extract import orgs as orgs_mod

    return names.familiar_form(x) and lexicon.word_freq(x) < FAMILIAR_WORD_MAX \
        and x not in cues().stopwords and not orgs_mod.lookup(x)


def _name_like(x: str) -> bool:
    """A surname + given name (or 小/老 + surname) that does not read as ordinary words: 家庭和 and
    业主|管部门 open with or end in a common word, 曾在 is a surname glued to a preposition."""
    if names.familiar_form(x):
        return True
    if not full_name_shape(x) or lexicon.word_freq(x):
        return False
    given = x[len(names.surname_of(x)):]
    return lexicon.word_freq(x[:2]) < COMMON_WORD and lexicon.word_freq(given) < VERY_COMMON_WORD


def _word_edge_after(text: str, j: int, k: int) -> bool:
    """Does a name text[j:j+k] end where a common word starts (马丽丽|记下, 小刘|今年, 林某|台北5日电)?
    The word must not also run across the edge (王小|明天: 小明 is not cut), and the name's own last
    character must not open that word's predecessor."""
    e = j + k
    if e >= len(text) or not is_cjk(text[e]):
        return True
    for n in (2, 3, 4):
        w = text[e:e + n]
        if len(w) == n and lexicon.word_freq(w) >= RIGHT_WORD_FREQ:
            break
    else:
        return False
    across = text[e - 1:e + 1]
    return lexicon.word_freq(across) < RIGHT_WORD_FREQ and lexicon.word_freq(text[e - 2:e + 1]) < RIGHT_WORD_FREQ


def _surname_title_intros(text: str) -> list[str]:
    """一位姓王的先生 / 姓李的女士 -> 王先生, 李女士: the form the article goes on to use."""
    c = cues()
    out = []
    if c.intro_re:
        for m in c.intro_re.finditer(text):
            out.append(m.group(1) + m.group(2))
    return out


def intro_of(text: str, form: str) -> str | None:
    """The 姓王的先生 phrase that introduced ``form`` (王先生), if the text has one."""
    c = cues()
    if c.intro_re:
        for m in c.intro_re.finditer(text):
            if m.group(1) + m.group(2) == form:
                return m.group()
    return None


def recurring_full_names(text: str, *, min_count: int = 3) -> set[str]:
    """Surname + given name that opens a clause again and again without any other cue."""
    seen: dict[str, set[int]] = defaultdict(set)
    for m in _surname_re().finditer(text):
        i = m.start()
        if i > 0 and is_cjk(text[i - 1]) and _left_kind(text, i) != "medium":
            continue
        for k in (3, 2):
            x = text[i:i + k]
            if len(x) == k and not lexicon.word_freq(x) and full_name_shape(x) and _right_ok(text, i + k) \
                    and plausible(x):
                seen[x].add(i)
                break
    return {x for x, pos in seen.items() if len(pos) >= min_count}


@functools.cache
def _surname_re() -> re.Pattern:
    """One character of ``cues().surnames`` (a class that matches nothing when there are none)."""
    chars = "".join(sorted(cues().surnames))
    return re.compile(f"[{re.escape(chars)}]" if chars else r"(?!)")



def coordinated(text: str, accepted: set[str]) -> set[str]:
    """X和Y with Y an accepted name: X is a name too (以下是小编和青禾的对话); so is a full name listed
    next to one with 、 (钱某、吴某和曾某), on either side, when it ends where a word or the list ends."""
    out = set()
    for y in accepted:
        for conj in ("和", "与", "跟", "、"):
            pat = conj + y
            i = text.find(pat)
            while i >= 0:
                for k in (3, 2):
                    x = text[i - k:i] if i - k >= 0 else ""
                    if x and _left_kind(text, i - k) and (
                            _listed_name(x) and (conj != "、" or full_name_shape(x))
                            or conj == "、" and _list_item(text, i - k, x)):
                        out.add(x)
                        break
                i = text.find(pat, i + 1)
        pat = y + "、"
        i = text.find(pat)
        while i >= 0:
            j = i + len(pat)
            for k in (3, 2):
                x = text[j:j + k]
                if len(x) == k and full_name_shape(x) and (_listed_name(x) or _list_item(text, j, x)) \
                        and _list_end(text, j + k):
                    out.add(x)
                    break
            i = text.find(pat, i + 1)
    return out - accepted


def _listed_name(x: str) -> bool:
    """A string that may be a name next to a name: plausible, or a person name of the dictionary (钱其琛)."""
    return plausible(x) or (full_name_shape(x) and lexicon.coarse_tags().get(x) == "nr")


def _list_item(text: str, i: int, x: str) -> bool:
    """Surname + given name standing alone between list marks (、厉无畏、, 、苗地等): a name of a list of
    names even with characters that rarely stand in names, unless the dictionary knows it as a word."""
    return full_name_shape(x) and not lexicon.word_freq(x) and all(is_cjk(ch) for ch in x) \
        and (i == 0 or text[i - 1] in LIST_MARKS) and _list_end(text, i + len(x))


def _list_end(text: str, j: int) -> bool:
    """Does a listed name end at ``j``: the text ends, a punctuation mark, or 和/与/及/等 follows?"""
    return j >= len(text) or not is_cjk(text[j]) or text[j] in LIST_END

