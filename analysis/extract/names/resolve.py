"""Person names of a document: the recognizer's names and the cue evidence resolved at document level.

1. Candidates: every string the recognizer tags PER in some sentence (``recognize.py``) and every
   string the cues accept (``evidence.py``: role words, speech verbs, speaker labels, titles).
2. Consistency: a span one character longer than a name found elsewhere is that name plus the next
   word; a string is decided by all its mentions, not one sentence.
3. Vetoes (word lists and word classes, never strings of one article; ``veto`` says which): a
   model-only candidate is dropped when it holds a function character, ends in an organization
   suffix or a role word, is a stopword, a known organization, made of common function words or
   opens with a common word, holds a character given names avoid, reads as running text rather than
   as a surname and given name (``chars.name_score``, from the name-character counts of
   ``name_chars.tsv``; transliterations and surname + title forms exempt), is a common dictionary word
   that is not a person name, or when the recognizer tags it in less than 60% of its mentions.  Cue
   evidence overrides them (an organization word in jieba's dictionary excepted).  The dictionary's word class alone does not
   veto a rare word: jieba files 拉宾 and 巴金 as places, 启功 as a verb; the recognizer's own
   place and organization tags of the string already vote against it (measured on the training
   splits as documents, which the recognizer never saw: these vetoes removed as many names as errors).
   A string only the cues accept is dropped too when its characters read as running text (谈话中|说).
4. One character: the recognizer follows the news convention (江主席 -> 江, 王先生 -> 王); a bare
   surname is an alias of the one full name with that surname, else of its surname + title form, else
   a name of its own (17号李 names a player by surname alone).
5. Coordination (X和Y with Y a name), names run together without list marks (``lists.py``), strings
   found only inside a longer name dropped, aliases (full name <-> given name <-> surname + office title;
   a surname + title form also by the bare surname, 李大娘 <- 李, as news annotation does), mentions
   counted over all forms.

Every name says why it was kept: ``model``, ``cue:<kind>``, ``model+cue:<kind>``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analysis import resources
from analysis.extract import lexicon, ner_segment
from analysis.extract.names import chars, cues, evidence, full_name_shape, is_cjk, lists, mentions, recognize, surname_of
from analysis.extract.names.mentions import titles_after_surname

WORD_FREQ = 100              # a string opening with a dictionary word this common is words (发布|时间)
WHOLE_WORD_FREQ = 1000       # a dictionary word this common that jieba does not tag as a name is a word: on
                             # the news tuning groupings 100 vetoed 12 names (西施, 咸丰) for 1 place
INCONSISTENT_MIN = 2         # a string seen this often ...
INCONSISTENT_SHARE = 0.6     # ... but tagged PER in less than this share of its mentions is not a name (on the
                             # news folds 0.5 kept more names than other strings, but on the devset only words)
COMMON_FUNCTION = 1000       # a string made only of function words this common is a phrase (别|太)
NAME_TAGS = frozenset({"nr"})
LATIN_NAME_RE = re.compile(r"[A-Z][A-Za-z]{2,15}(?:[ ·.][A-Z][A-Za-z]{1,15}){0,2}")   # a capitalized Latin name
GIVEN_MIN = -2.0             # a given name holds no character this untypical of names (chars.py)
GLUED_GIVEN = -1.8           # a verb, adverb or preposition this untypical of given names ending a three-character
                             # span is the next word (卢亮|以, 叶挺|及, 汤唯|去): on the People's Daily dev folds and
                             # CLUENER / Weibo train, 6 such spans were a two-character name and none a full name
                             # (not when the two characters are a word: 麻利|地 is an adverb)
NAME_MIN = {2: 1.0, 3: -3.0}  # name_score below this: the characters read as text, not as a name (chars.py);
                             # on the news tuning groupings, recognizer names of two characters below 1.0 were
                             # 2 names and 20 other strings; of three characters below -1.0, as many of each
FOREIGN_MIN = -0.5           # ... unless every character spells transliterated names (法拉第, 伊瓜因)
LIKE_NAME = 2.0              # ... at or above this, a name even when jieba cuts it into function words (张|亮)
KNOWN_WORD = 50              # a dictionary word this common that the recognizer tags as a name is text when its
KNOWN_WORD_NAME_MIN = -1.6   # characters read as text: name_score below this (班主任, 通知书; the lowest names
KNOWN_WORD_FOREIGN_MIN = -2.5  # were 路易斯, 张之洞 at -1.5) or foreign_score below this for strings not
                             # shaped as surname + given name (赫赫有名, 高尔夫球; 米开朗琪罗 -2.1): on the People's
                             # Daily dev folds and CLUENER / Weibo train, 10 other strings and no name
UNSEEN_NEW_MIN = 5.0         # a two-character word jieba does not know (谢璞, 王怡) read as surname + given name
UNSEEN_NR_MIN = 7.0          # a three-character person name of jieba's dictionary (董存瑞): with name_score at
                             # or above these, one-word strings the recognizer did not tag and the vetoes let
                             # through were 32 names and 14 other strings on the People's Daily dev folds 0 and 4
                             # (fold models) and CLUENER / Weibo train as documents (6 and 1 on the news folds);
                             # below them, far more other strings than names
UNSEEN_WINDOW = 4            # characters on either side cut with the string to check that it is one word
BARE_SURNAME_MIN = 2.0       # a surname the recognizer tagged alone, with no other form naming the person, is a
                             # name when it is this much likelier a surname than running text (chars.py): on the
                             # People's Daily dev folds 8 of 10 such were annotated names (汤, 吕), below it none
                             # were (经 of 每经, 国 of 美国: 0 of 8 on CLUENER / Weibo train)
LIST_STEPS = 4               # names of a list found from a recognized one, one neighbour at a time
OPENING_WORD = 1000          # surname + given name opening with a word this common is a phrase (毕业|起):
                             # 2 of 1,998 three-character names of the tuning and training splits open so


@dataclass(frozen=True)
class Name:
    name: str
    aliases: tuple[str, ...]
    mentions: int
    rule: str


def resolve(text: str, *, extra: str = "") -> list[Name]:
    """The person names of ``text`` with their aliases, mentions and the rule that kept them.
    ``extra``: lines removed from the text that still name people (credits, captions), read as
    further lines of it."""
    tagged, titled, other, single_at = recognize.tagged_spans(text, extra=extra)
    body = text
    if extra:
        text = text + "\n" + extra
    listed = lists.apply(body, tagged)
    cue = _cue_on_tagged(evidence.cue_names(text), tagged)
    tagged = _consistent_edges(text, tagged, set(cue))
    kept: dict[str, str] = {}
    singles: list[str] = []
    for x, k in tagged.items():
        if len(x) == 1:
            if x in cues().surnames and x not in lexicon.function_words():
                singles.append(x)
            continue
        if x in cue:
            kept[x] = "model+cue:" + cue[x]
        elif other[x] >= k:
            continue                                         # tagged a place or an organization as often
        elif veto(text, x, k, tagged) is None:
            kept[x] = "model"
    for x, kind in cue.items():
        if kind == "role-foreign" and other[x] and x not in tagged:
            continue                                         # 阿根廷|总统: the recognizer tags it a place
        if lexicon.coarse_tags().get(x) != "nt" and (x in tagged or not _unlike_name(x)):
            kept.setdefault(x, "cue:" + kind)                # 卫生署 before 署长 is an organization;
                                                             # 谈话中|说 reads as text, not as a name
    for x in _untagged_names(body, tagged, other):
        kept.setdefault(x, "chars")
    for x in listed:
        if not other[x] and veto(text, x, 1, tagged, consistency=False) is None:
            kept.setdefault(x, "cue:listed")
    for _ in range(LIST_STEPS):                     # 李赣骝、童傅、厉无畏: a list is read name by name
        new = evidence.coordinated(text, set(kept)) - set(kept)
        for x in new:
            kept[x] = "cue:coordinated"
        if not new:
            break
    accepted = _drop_inner(text, set(kept))
    groups = _alias_groups(accepted, singles, titled, text=text, single_at=single_at)
    for s in singles:
        if any(s in forms for forms in groups.values()):
            continue
        form = titled.get(s)                        # 汤大使 with no full name of that surname
        if form and form not in groups:             # (a bare surname is no row: the gold convention
            groups[form] = [form, s]                # names such a person 王先生, not 王)
            kept[form] = "model"
        elif not form and chars.surname_score(s) >= BARE_SURNAME_MIN:
            groups[s] = [s]                         # 17号李, 汤杯: no other form names the person
            kept[s] = "model"
    mentions.add_surnames(groups)                   # 唐外长, 李大娘 name the person by the surname: 唐, 李
    out = []
    for name, forms in groups.items():
        n = mentions.count(text, name, forms, single_at)
        out.append(Name(name=name, aliases=tuple(forms), mentions=n, rule=kept[name]))
    return out


def veto(text: str, x: str, tagged_count: int, tagged, *, consistency: bool = True) -> str | None:
    """Why a string the recognizer tagged PER is not a person name, or None."""
    c = cues()
    if any(ch.isdigit() for ch in x) or not any(is_cjk(ch) for ch in x) and not LATIN_NAME_RE.fullmatch(x):
        return "veto:not-a-name"                             # 12345, ---; not Mike, Brad Buxer
    named = full_name_shape(x) and len(x) >= 3
    if lexicon.coarse_tags().get(x) == "nt":
        return "veto:organization"                           # 卫生署: the dictionary's organization class
    if x[-1] in c.not_end or not named and "·" not in x and (x[0] in c.not_first or any(ch in c.not_any for ch in x)):
        return "veto:function-character"                     # 最高, 塞尔维亚族 (not 李培之)
    if any(x.endswith(t) for t in _org_suffixes() if len(t) >= 2 or not named) and len(x) >= 3:
        return "veto:organization-suffix"                    # 公安局 (not 吴方军)
    if any(x[n:] in c.roles for n in range(1, len(x) - 1)):
        return "veto:role-word"                              # 运输司|司长
    if full_name_shape(x) and min(chars.given_score(ch) for ch in x[len(surname_of(x)):]) < GIVEN_MIN:
        return "veto:given-name-character"                   # 车|坏, 储|物房: names avoid 坏, 物
    if _unlike_name(x):
        return "veto:name-characters"                        # 薄殡, 经适房: text, not a name
    if lexicon.word_freq(x) >= KNOWN_WORD and _reads_as_text(x):
        return "veto:dictionary-word"                        # 通知书, 高尔夫球
    if named and len(x) == 3 and len(surname_of(x)) == 1 and lexicon.word_freq(x[:2]) >= OPENING_WORD \
            and lexicon.coarse_tags().get(x) not in NAME_TAGS:
        return "veto:opens-with-word"                        # 毕业|起
    if x in c.stopwords or x in c.roles or x in c.title_suffixes or x in c.prefix_words:
        return "veto:stopword"
    from analysis.extract import orgs as orgs_mod

    if orgs_mod.lookup(x):
        return "veto:organization"
    # jieba's dictionary tags some full names as other words (周恩来/t): a word class vetoes only
    # strings that are not surname + given name
    if not named:
        words = ner_segment.cut(x, hmm=False)
        if all(w in lexicon.function_words() and lexicon.word_freq(w) >= COMMON_FUNCTION for w in words) \
                and not _like_name(x):
            return "veto:function-words"                     # 别|太 (not 张|亮)
        if len(words) >= 2 and len(words[0]) >= 2 and lexicon.coarse_tags().get(words[0]) not in NAME_TAGS \
                and lexicon.word_freq(words[0]) >= WORD_FREQ:
            return "veto:words"                              # 发布|时间: opens with a common word
    tag = lexicon.coarse_tags().get(x)
    if tag not in NAME_TAGS and lexicon.word_freq(x) >= WHOLE_WORD_FREQ and not named:
        return "veto:word"
    if not consistency:
        return None
    n = _standalone_count(text, x, tagged)
    if n >= INCONSISTENT_MIN and tagged_count / n < INCONSISTENT_SHARE:
        return "veto:inconsistent"
    return None


def _untagged_names(text: str, tagged, other) -> set[str]:
    """Surname + given name the recognizer tagged nowhere in the text but whose characters read as a name
    (``chars.name_score``): a two-character string jieba's dictionary lacks (谢璞) or a three-character
    person name it files (董存瑞), standing as one word of jieba's segmentation of its surroundings and
    passing the vetoes of a recognized name."""
    from analysis.extract import ner

    covered = bytearray(len(text))
    for _ty, a, b in ner.recognize_document(text):
        covered[a:b] = b"\x01" * (b - a)
    out: set[str] = set()
    seen: set[str] = set()
    sur, given, _ = chars._name_tables()
    unseen = chars.UNSEEN
    for m in _surname_before_han().finditer(text):
        i = m.start()
        head = sur.get(text[i], unseen) + given.get(text[i + 1], unseen)
        for k in (2, 3):
            x = text[i:i + k]
            if k == 2:
                if head < UNSEEN_NEW_MIN or x in seen or x in tagged or lexicon.word_freq(x):
                    continue
            elif len(x) < 3 or head + given.get(x[2], unseen) < UNSEEN_NR_MIN or not is_cjk(x[2]) \
                    or x in seen or x in tagged or lexicon.coarse_tags().get(x) not in NAME_TAGS:
                continue
            if other[x]:
                continue
            if any(covered[i:i + k]):
                continue
            lo = max(0, i - UNSEEN_WINDOW)
            words = ner_segment.cut(text[lo:i + k + UNSEEN_WINDOW])
            pos, one_word = lo, False
            for w in words:
                if pos == i:
                    one_word = w == x
                    break
                if pos > i:
                    break
                pos += len(w)
            if not one_word:
                continue
            seen.add(x)
            if veto(text, x, 1, tagged, consistency=False) is None:
                out.add(x)
    return out


@functools.cache
def _surname_before_han() -> re.Pattern:
    """A one-character surname followed by a Han character (a class that matches nothing without surnames)."""
    sur = "".join(sorted(cues().surnames))
    return re.compile(f"[{re.escape(sur)}](?=[\u4e00-\u9fff])" if sur else r"(?!)")


def _unlike_name(x: str) -> bool:
    """Surname + given name whose characters are far likelier in running text than in names
    (``chars.name_score``), and not a surname + title form (江主席) or a transliteration."""
    s = surname_of(x)
    if not s or len(x) not in NAME_MIN or not full_name_shape(x) or x[len(s):] in titles_after_surname():
        return False
    return chars.name_score(x, s) < NAME_MIN[len(x)] and chars.foreign_score(x) < FOREIGN_MIN


def _reads_as_text(x: str) -> bool:
    """A word whose characters read as text rather than a name: surname + given name below
    ``KNOWN_WORD_NAME_MIN`` (not a surname + title form), any other string below ``KNOWN_WORD_FOREIGN_MIN``
    as a transliteration."""
    s = surname_of(x)
    if s and full_name_shape(x):
        return x[len(s):] not in titles_after_surname() and chars.name_score(x, s) < KNOWN_WORD_NAME_MIN
    return chars.foreign_score(x) < KNOWN_WORD_FOREIGN_MIN


def _like_name(x: str) -> bool:
    """Surname + given name whose characters read as a name (``chars.name_score`` >= LIKE_NAME) and
    do not repeat (爱爱, 何何 are nicknames or words as often as names)."""
    s = surname_of(x)
    return bool(s) and full_name_shape(x) and len(set(x)) == len(x) and chars.name_score(x, s) >= LIKE_NAME


@functools.cache
def _org_suffixes() -> tuple[str, ...]:
    return tuple(resources.word_list("ner_org_suffixes.txt"))


def _standalone_count(text: str, x: str, tagged) -> int:
    """Mentions of ``x`` not inside a longer tagged string (王小 inside 王小明 is not a mention of 王小)."""
    rest = text
    for y in tagged:
        if len(y) > len(x) and x in y:
            rest = rest.replace(y, "")
    return rest.count(x)


def _drop_inner(text: str, accepted: set[str]) -> set[str]:
    """A string that only ever occurs inside a longer accepted name is part of it."""
    keep = set(accepted)
    for a in accepted:
        for b in accepted:
            if a != b and a in b and a not in text.replace(b, ""):
                keep.discard(a)
    return keep


def _cue_on_tagged(cue: dict[str, str], tagged) -> dict[str, str]:
    """A cue string one character longer than a tagged name at its edge confirms the tagged
    name when the extra character is a function word (副局长|张涛在接受: the cue took 张涛在, the
    recognizer 张涛)."""
    out = {}
    for x, kind in cue.items():
        if x not in tagged:
            fw = lexicon.function_words()
            near = [y for y, extra in ((x[:-1], x[-1]), (x[1:], x[0])) if len(y) >= 2 and y in tagged and extra in fw]
            if len(near) == 1:
                x = near[0]
        out.setdefault(x, kind)
    return out


def _consistent_edges(text: str, tagged, cue_names: set[str]):
    """Spans whose edge the recognizer got wrong, corrected by the rest of the document.

    A span one character longer than a name found elsewhere (tagged, a cue name, or the given name of a
    tagged full name) is that name plus the next word (李强|春节, 韩哥|大, 晓梅|刚); so is a full name
    with a character glued on that no name ends with (林涛|摄, 晓梅|们: ``glued_end``); and a span with a
    function character at an edge (向|学昭, 卢亮|以) is the shorter string when that occurs more often
    in the document, or, at the end of surname + given name, when names avoid it (卢亮|以, 叶挺|及:
    ``chars.given_score``).  The span's count goes to the shorter name.
    """
    c = cues()
    known = set(tagged) | cue_names
    given = {y[i:] for y in known for i in range(1, len(y) - 1)}      # 晓梅 of 欧阳晓梅
    out = dict(tagged)
    for x in list(tagged):
        if len(x) < 3:
            continue
        head, tail = x[:-1], x[1:]
        title = next((x[n:] for n in range(2, len(x) - 1) if x[n:] in titles_after_surname() and len(x) - n >= 2
                      and full_name_shape(x[:n]) and (lexicon.word_freq(x[:n]) < KNOWN_WORD
                                                               or not _reads_as_text(x[:n]))), None)
        if title:                                                    # 马骏|烈士: full name + title
            short = x[:-len(title)]
        elif head in known or head in given or (x[-1] in c.glued_end and full_name_shape(head)) or (
                len(x) == 3 and full_name_shape(head) and not lexicon.word_freq(head) and x[-1] in lexicon.function_words()
                and chars.given_score(x[-1]) < GLUED_GIVEN and chars.foreign_score(x) < FOREIGN_MIN) or (
                (x[-1] in c.not_last or x[-1] in c.not_any) and text.count(head) > text.count(x)):
            short = head
        elif (x[0] in c.not_first or x[0] in c.not_any) and text.count(tail) > text.count(x):
            short = tail
        else:
            continue
        out[short] = out.get(short, 0) + out.pop(x)
    return out


def _alias_groups(accepted: set[str], singles: list[str], titled: dict[str, str], *, text: str = "",
                  single_at: dict[str, tuple[int, ...]] | None = None) -> dict[str, list[str]]:
    """Name -> its forms, the name first: given name (王小明 <- 小明), part of a foreign name
    (比尔·克林顿 <- 克林顿), surname + office title (江泽民 <- 江主席), bare surname (江泽民 <- 江;
    else 王先生 <- 王; first of all the one name whose form starts where the recognizer tagged the
    surname: 胡老|说 -> 胡老, not 胡锦涛)."""
    groups = {a: [a] for a in accepted}
    fulls = [f for f in accepted if full_name_shape(f)]
    for short in sorted(accepted, key=len):
        owners = [f for f in fulls if f != short and f.endswith(short) and len(f) - len(short) == len(surname_of(f))]
        if len(owners) == 1 and short in groups and owners[0] in groups:
            groups[owners[0]].append(short)
            del groups[short]
    for short in sorted(groups, key=len):                     # 比尔·克林顿 <- 克林顿
        owners = [f for f in groups if f != short and "·" in f and short in (f.split("·")[0], f.split("·")[-1])]
        if len(owners) == 1 and short in groups:
            groups[owners[0]] += groups.pop(short)
    office = _office_titles()
    for form in sorted(groups, key=len):
        s = surname_of(form)
        if not s or form[len(s):] not in office:
            continue
        owners = [f for f in fulls if f != form and surname_of(f) == s and f in groups]
        if len(owners) == 1:
            groups[owners[0]].append(form)
            groups[owners[0]] += [a for a in groups.pop(form)[1:] if a not in groups[owners[0]]]
    for s in singles:
        at = (single_at or {}).get(s, ())
        owners = [f for f in groups if len(f) > 1 and f.startswith(s) and any(text.startswith(f, p) for p in at)]
        if len(owners) != 1:
            owners = [f for f in groups if surname_of(f) == s and full_name_shape(f)]
        if len(owners) != 1:
            owners = [f for f in groups if len(f) > 1 and f.startswith(s) and (
                f[1:] in cues().title_suffixes or f == titled.get(s))]
        if len(owners) == 1 and s not in groups[owners[0]]:
            groups[owners[0]].append(s)
    return groups


@functools.cache
def _office_titles() -> frozenset[str]:
    """Titles of an office (主席, 局长, 总): surname + such a title names the one office holder of that
    surname in the document.  Polite and kinship titles (先生, 阿姨) do not: 王先生 is not 王芳."""
    polite = {r["word"] for r in resources.tsv_rows("titles.tsv") if r.get("kind") != "title"} | set(cues().polite_titles)
    return frozenset(t for t in resources.word_list("ner_titles.txt") if t not in polite)
