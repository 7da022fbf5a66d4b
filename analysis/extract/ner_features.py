"""Character features for the sentence-level CRF recognizer (``ner.py``).

Features are named templates, CRFsuite style (``c=客``, ``pw=记者``, ``surBB3``).
``columns(text)`` computes them once per sentence in three forms:

- *characters*: the shaped characters as one string, for the character and
  character-pair templates (``CHARS``: ``c=``, ``p1=``, ``cn=``, ``pn=``...), which
  the tagger looks up as numbers, many sentences at once;
- *dense*: ``(prefix, values)`` with one value (or ``None``) per character, e.g.
  ``("wp=", [...])``, ``("pw=", [...])``; the attribute is ``prefix + value``;
- *sparse*: ``(position, attribute)`` pairs for marks that a character may carry
  more than once or not at all (``sur``, ``nc3B``, ``dnrB``...).

``char_features(text)`` turns them into the lists of attribute strings the trainer
takes (``benchmarks/train_ner.py``); the tagger (``ner_model.py``) looks the values
up per prefix without building those strings.  Both use the same ``columns``, so any
change here requires retraining.

Features: the character and its neighbours (full-width forms folded, digits and Latin
letters reduced to a shape), character bigrams, the position of the character in its
jieba word (private tokenizer, HMM on, so unseen names come out as new words), the
word itself and its dictionary tag (nr/ns/nt/..., ``oov`` for words the HMM
discovered), the neighbouring words at word edges, and lexicon hits: surnames,
titles after a word, organization suffixes, dictionary words tagged nr/ns/nt/j.
The dictionary is walked once per sentence (``segment``): the same word graph gives
jieba's segmentation and the dictionary matches.
"""
from __future__ import annotations

import functools
import itertools
import operator
import re

from analysis import resources
from analysis.extract.ner_segment import segment, word_tags  # noqa: F401  (word_tags: used by ner.py)

# full-width ASCII -> ASCII, ideographic space -> space, lone surrogates -> U+FFFD,
# control characters -> space (feature strings must encode to UTF-8 and hold no NUL)
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20})
_FOLD.update({c: 0xFFFD for c in range(0xD800, 0xE000)})
_FOLD.update({c: 0x20 for c in range(0x20)})
_FOLD.update({0x7F: 0x20})
# shape of a folded character: ASCII digits -> 0, ASCII letters -> A
_SHAPE = {c: ord("0") for c in range(ord("0"), ord("9") + 1)}
_SHAPE.update({c: ord("A") for c in (*range(ord("a"), ord("z") + 1), *range(ord("A"), ord("Z") + 1))})



@functools.cache
def lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], int]:
    """(single surnames, compound surnames, titles, org suffixes, longest suffix)."""
    names = resources.word_list("surnames.txt")
    single = frozenset(n for n in names if len(n) == 1)
    compound = frozenset(n for n in names if len(n) == 2)
    titles = resources.word_list("ner_titles.txt")
    suffixes = resources.word_list("ner_org_suffixes.txt")
    return single, compound, titles, suffixes, max(map(len, suffixes))


@functools.cache
def char_classes() -> dict[str, str]:
    """Character -> ``given`` (common in given names) or ``translit`` (common in transliterated names)."""
    return {row["char"]: row["class"] for row in resources.tsv_rows("ner_chars.tsv")}


def fold(text: str) -> str:
    """Same-length normalization used for features only (offsets stay those of ``text``)."""
    return text.translate(_FOLD)


@functools.cache
def _suffix_ends() -> frozenset[str]:
    return frozenset(s[-1] for s in lexicons()[3])


@functools.cache
def _scanners() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Regexes finding, left to right, the single surnames, the last characters of organization suffixes and
    the starts of compound surnames (overlapping) in a folded text: faster than testing every character."""
    single, compound, _, _, _ = lexicons()

    def one_of(chars) -> re.Pattern:
        chars = sorted(chars)
        return re.compile("[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)")

    starts = "|".join(map(re.escape, sorted(compound))) if compound else "(?!)"
    return one_of(single), one_of(_suffix_ends()), re.compile(f"(?=(?:{starts}))")


@functools.cache
def _classed_re() -> re.Pattern:
    """One character that ``char_classes`` gives a class."""
    chars = sorted(c for c, k in char_classes().items() if len(c) == 1 and k)
    return re.compile("[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)")


@functools.cache
def _word_shapes() -> dict:
    return {}


# words whose description ``columns`` keeps (a few hundred bytes each), cleared when there are more
_WORD_INFO_MAX = 200_000
_chain = itertools.chain.from_iterable


@functools.cache
def _word_info() -> dict:
    return {}


def _describe(w: str, known: dict) -> tuple:
    """(class, places, class and places, classes, the word per character or None, is or begins with a title)
    of a word, kept in ``known``."""
    t = word_tags().get(w)
    wc = t if t is not None else "w" if resources.tokenizer().FREQ.get(w) else "oov"
    lw = len(w)
    shapes = _word_shapes()
    shape = shapes.get((wc, lw))
    if shape is None:
        shape = shapes[(wc, lw)] = _word_shape(wc, lw)
    titles = lexicons()[2]
    info = known[w] = (wc, shape[0], shape[1], shape[2], (None,) if lw == 1 else (w,) * lw,
                       w in titles or w[:1] in titles)
    return info


def _word_shape(wc: str, lw: int) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Per character of a word of class ``wc`` and length ``lw``: its place (``B3``), class and place, class."""
    if lw == 1:
        return ("S1",), (wc + "S",), (wc,)
    L = str(min(lw, 4))
    return (("B" + L, *(("M" + L,) * (lw - 2)), "E" + L), (wc + "B", *((wc + "M",) * (lw - 2)), wc + "E"),
            (wc,) * lw)


# a surname's place in its word -> its "surB" mark (when the word begins there)
_SURNAME_PLACE = {p: "surB" + p for p in ("S1", "B2", "B3", "B4")}


@functools.cache
def _ccp_values() -> dict[tuple, str]:
    """(class, class before, class after) -> the ``ccp=`` value (an empty class for none)."""
    classes = {*char_classes().values(), "", None}
    return {(c, b, a): c + (b or "") + "|" + (a or "") for c in classes if c for b in classes for a in classes}


# the character templates: (prefix, offsets) over the shaped characters padded with two marks on each
# side; the value is the (one or two) padded characters at those offsets from the character, joined
CHARS = (("c=", (0,)), ("p1=", (-1,)), ("n1=", (1,)), ("p2=", (-2,)), ("n2=", (2,)),
         ("cn=", (0, 1)), ("pc=", (-1, 0)), ("pp=", (-2, -1)), ("nn=", (1, 2)), ("pn=", (-1, 1)))
PADS = ("<s2>", "<s>", "</s>", "</s2>")

Column = tuple  # (templates, values, pad, positions): see columns()


def padded(shaped: str) -> list[str]:
    """The shaped characters with the two marks on each side that ``CHARS`` offsets reach."""
    return [PADS[0], PADS[1], *shaped, PADS[2], PADS[3]]


def columns(text: str) -> list[Column]:
    """The features of ``text`` as columns ``(templates, values, pad, positions)``, the same columns in
    the same order for every text.

    The first column is ``(CHARS, shaped, 0, None)``: ``shaped`` is a string, the text's characters
    as the templates see them, and character ``i`` has the attribute ``prefix + value`` for each
    template ``(prefix, offsets)`` of ``CHARS``, the value joining ``padded(shaped)[2 + i + o]`` for
    each ``o`` of ``offsets`` (tagging looks those characters up as numbers, no string is built).
    In the others ``templates`` is ``((prefix, 0),)``.  Without ``positions``, character ``i`` has
    the attribute ``prefix + values[i]`` (none when the value is ``None``); with ``positions``,
    character ``positions[k]`` has ``prefix + values[k]``.  The prefix ``""`` marks attributes that
    are a name of their own (``sur``, ``nc3B``, ``dnrB``).
    """
    n = len(text)
    if not n:
        return []
    single, compound, titles, suffixes, maxsfx = lexicons()
    chars = char_classes()
    folded = fold(text)
    shaped = folded.translate(_SHAPE)

    # words, their dictionary class, and each character's place in its word
    words, matches = segment(folded)
    if sum(map(len, words)) != n:  # never expected; fall back to one word per character
        words = list(folded)
    nw = len(words)
    known = _word_info()
    if len(known) > _WORD_INFO_MAX:
        known.clear()
    infos = list(map(known.get, words))
    if None in infos:
        infos = [x or _describe(w, known) for x, w in zip(infos, words)]
    wclass, wps, wcps, clss, inws, title_like = zip(*infos)
    wp = list(_chain(wps))
    wcp = list(_chain(wcps))
    cls = list(_chain(clss))
    inw = list(_chain(inws))
    after = list(itertools.accumulate(map(len, words)))
    starts = [0, *after[:-1]]
    ends = [e - 1 for e in after]
    wcc = list(map(operator.add, cls, shaped))
    prev_words = ["<s>", *words[:-1]]
    next_words = [*words[1:], "</s>"]
    cols: list[Column] = [
        (CHARS, shaped, 0, None),
        ((("wp=", 0),), wp, 0, None),
        ((("wc=", 0),), wcp, 0, None),
        ((("wcc=", 0),), wcc, 0, None),
        ((("w=", 0),), inw, 0, None),
        ((("pw=", 0),), prev_words, 0, starts),
        ((("pwc=", 0),), ["<s>", *wclass[:-1]], 0, starts),
        ((("nw=", 0),), next_words, 0, ends),
        ((("nwc=", 0),), [*wclass[1:], "</s>"], 0, ends),
    ]
    mark_pos: list[int] = []
    marks: list[str] = []
    # only the neighbours of a word that is, or begins with, a title can be marked
    near = list(itertools.compress(itertools.count(), title_like))
    for k in sorted({j for k in near for j in (k - 1, k + 1) if 0 <= j < nw}):
        if prev_words[k] in titles:
            mark_pos.append(starts[k])
            marks.append("ptitle")
        nxt = next_words[k]
        if nxt in titles:
            mark_pos.append(ends[k])
            marks.append("ntitle")
        elif nxt[:1] in titles and len(nxt) <= 2:
            mark_pos.append(ends[k])
            marks.append("ntitle1")

    # lexicon marks: surnames (and where they stand in their word), character classes, org suffixes
    single_re, suffix_end_re, compound_re = _scanners()
    sur_pos = [m.start() for m in single_re.finditer(folded)]
    if sur_pos:  # each "sur", then "surB" + its place in its word when it begins one
        surb = list(map(_SURNAME_PLACE.get, map(wp.__getitem__, sur_pos)))
        for i, m in zip(sur_pos, surb):
            mark_pos.append(i)
            marks.append("sur")
            if m:
                mark_pos.append(i)
                marks.append(m)
    # character classes, and those of the neighbours of a classed character
    klass = list(map(chars.get, shaped))
    cc_pos = list(itertools.compress(itertools.count(), klass))
    cc = list(filter(None, klass))
    cols.append(((("cc=", 0),), cc, 0, cc_pos))
    if cc_pos:
        before, after_ = [None, *klass], klass[1:]
        after_.append(None)
        ccp = list(map(_ccp_values().__getitem__,
                       zip(cc, map(before.__getitem__, cc_pos), map(after_.__getitem__, cc_pos))))
    else:
        ccp = []
    cols.append(((("ccp=", 0),), ccp, 0, cc_pos))
    for i in [m.start() for m in suffix_end_re.finditer(folded)]:
        for L in range(min(maxsfx, i + 1), 0, -1):
            if folded[i - L + 1:i + 1] in suffixes:
                mark_pos.append(i)
                marks.append("osfx" + str(min(L, 3)))
                if i:
                    mark_pos.append(i - 1)
                    marks.append("osfxn")
                break

    # name candidates: surname followed by one or two characters common in given names
    given = frozenset(itertools.compress(cc_pos, map("given".__eq__, cc)))
    name_starts = [i for i in sur_pos if i < n - 1]
    compound_pos = [m.start() for m in compound_re.finditer(folded)]
    if compound_pos:
        name_starts = sorted(set(name_starts).union(compound_pos))
    for i in name_starts:
        two_sur = folded[i:i + 2] in compound
        if two_sur:
            mark_pos.append(i)
            marks.append("sur2")
        j = i + 2 if two_sur else i + 1 if folded[i] in single else 0
        if j and j < n and j in given:
            two = j + 1 < n and j + 1 in given
            tag = "nc3" if two else "nc2"
            mark_pos.append(i)
            marks.append(tag + "B")
            for k in range(i + 1, j + two):
                mark_pos.append(k)
                marks.append(tag + "I")
            mark_pos.append(j + two)
            marks.append(tag + "E")

    # dictionary matches (independent of the segmentation): longest nr / ns / nt / j word from each position
    seen: set[tuple[int, str]] = set()
    for s, e, t in matches:
        seen.add((s, "d" + t + "B"))
        seen.update((j, "d" + t + "I") for j in range(s + 1, e - 1))
        seen.add((e - 1, "d" + t + "E"))
    for i, m in seen:
        mark_pos.append(i)
        marks.append(m)
    cols.append(((("", 0),), marks, 0, mark_pos))
    return cols


def char_features(text: str) -> list[list[str]]:
    """One list of attribute strings per character of ``text`` (the trainer's input)."""
    feats: list[list[str]] = [[] for _ in text]
    for templates, values, pad, positions in columns(text):
        if isinstance(values, str):  # the characters
            sh = padded(values)
            for prefix, offsets in templates:
                for i, f in enumerate(feats):
                    f.append(prefix + "".join(sh[2 + i + o] for o in offsets))
            continue
        prefix = templates[0][0]
        if positions is not None:
            for i, v in zip(positions, values):
                feats[i].append(prefix + v)
            continue
        for f, v in zip(feats, values[pad:]):
            if v is not None:
                f.append(prefix + v)
    return feats
