"""Organization names never seen before, found by their head word (``data/org_suffixes.tsv``).

The left edge is found on jieba words: walk left from the head until a stop word, a known organization
or the end of the clause (收到了|四川航空公司, 是|惜春路社区医院); a name made only of generic modifiers
(各大航空公司, 联络中心) is dropped."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from analysis.extract import lexicon
from analysis.extract.ner_segment import cut
from analysis.extract.orgs_lexicon import Gazetteer, Suffix, lookup, org_ends, org_words, suffixes

RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
MAX_PREFIX = 12


# ---- unseen names by their head word ----------------------------------------------------------

def head_candidates(text: str, gaz: Gazetteer) -> Iterable[tuple[int, int, str, str, Suffix]]:
    """(start, end, name, canonical-or-'', suffix) for every head word with an acceptable left part."""
    rows, pattern = suffixes()
    by_text = {s.text: s for s in rows}
    stops, generic = org_words("stop"), org_words("generic")
    func = lexicon.function_words()
    for run in RUN_RE.finditer(text):
        chunk = run.group()
        if len(chunk) < 3:
            continue
        for m in pattern.finditer(chunk):
            suf = by_text[m.group()]
            s, e = m.start(), m.end()
            window = chunk[max(0, s - MAX_PREFIX):s]
            if not window:
                continue
            words = cut(window + suf.text, hmm=True)
            # the head must start a word of its own when it is one character (局 in 布局 is not a head),
            # unless that word is a name by itself (民政局)
            glued = len(suf.text) == 1 and "".join(words[:-1]) != window and len(words[-1]) > 1
            if glued and not _named_by_head(words[-1]):
                continue
            # and end one: 大学 in 江宁大学城 is part of another word (but 日报|社, 银行|行长 are not;
            # nor is the chief of a name glued to its head: 民政局|长, not 李振成|局长)
            if e < len(chunk):
                first = cut(chunk[s:e + 3], hmm=False)[0]
                if len(first) > len(suf.text) and not _tail_ok(first[len(suf.text):], first if glued else ""):
                    continue
            # a verb that the dictionary reads as one word with the head (急救中心) stays in the name
            glue = words[-1][:-len(suf.text)] if words[-1].endswith(suf.text) else ""
            if len(glue) < 2 or lexicon.coarse_tags().get(glue) != "v":
                glue = ""
            toks = (*cut(window[:len(window) - len(glue)], hmm=True), *((glue,) if glue else ()))
            if s > MAX_PREFIX and len(toks) > 1:
                toks = toks[1:]              # the window may have cut a word in two (国|网重庆市)
            kept: list[str] = []
            through = s <= MAX_PREFIX and _opens_clause(toks)
            for i, w in enumerate(reversed(toks)):
                if w in stops or (w in func and not through and not (i == 0 and w == glue)):
                    break
                # two organizations side by side (今日头条|新京报): stop once the name is a known one
                if w in gaz.canonical and "".join(reversed(kept)) + suf.text in gaz.canonical:
                    break
                if suf.max_tokens and len(kept) >= suf.max_tokens:
                    break
                kept.append(w)
            kept.reverse()
            # a word the dictionary does not know may have swallowed a stop character (由林达, 这是丰台区)
            while kept and (kept[0] in stops or (lexicon.word_freq(kept[0]) == 0 and kept[0] not in gaz.canonical
                                                 and (kept[0][0] in stops or kept[0][0] in func))):
                kept[0] = "" if kept[0] in stops else kept[0][1:]     # 获县 -> 县, 刚出 -> ''
                if not kept[0]:
                    kept.pop(0)
            prefix = "".join(kept)
            if len(prefix) < 2:
                continue
            # a name needs a word that can carry one (四川, 朝阳, 幸福里), not only common nouns (外贸, 博彩)
            specific = [w for w in kept if w not in generic and lexicon.is_proper_or_unknown(w)]
            if not specific and not suf.generic_ok and not (
                    suf.type == "government" and _names_alone(suf.text) and not any(w in generic for w in kept)):
                continue
            name = prefix + suf.text
            start = run.start() + s - len(prefix)
            canon = lookup(name) or lookup(prefix) or ""
            yield start, run.start() + e, name, canon, suf


def _opens_clause(toks: list[str]) -> bool:
    """Is the clause before a head word, from its start, one name with a verb right before the head
    (广州市|自来水|供水|呼叫|中心)?  It opens with a content word, and every word is one a name may hold:
    no stop word, no one-character function word, a longer one only an unclassed word (自来水) or a
    verb right before the head.  A verb further left governs what follows (记者|来到|某某医院,
    市民|拨打|服务中心), and so does one at the start (投诉|消费者委员会)."""
    func, stops, tags = lexicon.function_words(), org_words("stop"), lexicon.coarse_tags()
    last = len(toks) - 1
    return len(toks) >= 3 and toks[0] not in func and all(
        t not in stops and (t not in func or len(t) >= 2 and (tags.get(t) is None or tags.get(t) == "v" and i == last))
        for i, t in enumerate(toks))


def _names_alone(head: str, *, share: float = 0.7, least: int = 20) -> bool:
    """Does ``head`` end an organization's name in the training splits most times it stands as a word
    (局, 协会, 学院, 研究所: ``org_end_words.tsv``), so that common words before it name one body
    (民政局) rather than describe a class of them (公司, 银行, 政府)?  A head the table lacks is read
    as its longest ending the table has.  Used for government heads only: a school's or an
    association's common words still describe a class (职业学院, 行业协会)."""
    table = org_ends()
    tail = next((head[i:] for i in range(len(head)) if head[i:] in table), "")    # 指挥中心: as 中心
    ends, seen = table.get(tail, (0, 0))
    return ends >= least and ends >= share * seen


def _named_by_head(word: str) -> bool:
    """Is ``word`` (a one-character head glued to the words before it: 民政局) an organization's name in
    the dictionary?  (An unknown word may be a person and a title: 李振成|局长.)"""
    return lexicon.coarse_tags().get(word) in ("nt", "j")


def _tail_ok(rest: str, word: str = "") -> bool:
    """What a word may add after an organization's head and still leave the name whole: 社 (日报社)
    or a role (银行行长, 医院院长), or the head's own chief (局|局长: 民政局长)."""
    return rest in _tail_words() or rest.endswith(_roles()) or word in _role_set()


@functools.cache
def _tail_words() -> frozenset[str]:
    return org_words("tail")


@functools.cache
def _role_set() -> dict[str, str]:
    from analysis.extract.names import cues

    return cues().roles


@functools.cache
def _roles() -> tuple[str, ...]:
    return tuple(_role_set())


def drop_inner(cands: list[tuple[int, int, str, str, Suffix]]) -> list[tuple[int, int, str, str, Suffix]]:
    """Keep the longest of nested candidates (北京大学 inside 北京大学第一医院)."""
    units = org_words("unit")
    # 上海某某大学金融学院: a unit head right after another name makes a unit of that name, not a new one
    cands = [c for c in cands if not (c[4].text in units or any(c[2].endswith(u) for u in units))
             or not any(o is not c and o[0] <= c[0] < o[1] < c[1] and o[4].text not in units for o in cands)]
    out = []
    for c in cands:
        if any(o is not c and o[0] <= c[0] and c[1] <= o[1] and (o[1] - o[0]) > (c[1] - c[0]) for o in cands):
            continue
        out.append(c)
    return out
