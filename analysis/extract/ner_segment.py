"""Segmentation for the recognizer's features: jieba's words and dictionary matches in one walk.

``segment(text)`` gives the words of the private tokenizer's ``lcut(text, HMM=True)``
(``resources.tokenizer()``) and, from the same walk over the dictionary, the longest
nr / ns / nt / j dictionary word starting at each position.  It reproduces jieba's
algorithm step by step (word graph, best route, HMM for runs of single characters),
with the arithmetic done in the same order, so the words are the same; the tests
compare it with ``lcut`` (``tests/test_ner.py``).
"""
from __future__ import annotations

import functools
import math
import re

from analysis import resources
from analysis.extract import lexicon

_MATCH_TAGS = frozenset(("nr", "ns", "nt", "j"))
_MAX_MATCH = 8
# jieba's blocks: runs it segments with the dictionary, and what it splits the rest at
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&._%\\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
# what jieba's HMM (``jieba.finalseg.cut``) splits its input at
_HMM_HAN = re.compile("([\u4E00-\u9FD5]+)")
_HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


@functools.cache
def word_tags() -> dict[str, str]:
    """Coarse part-of-speech tag of every dictionary word (``lexicon.COARSE_TAGS``), user dictionary included."""
    tags = dict(lexicon.coarse_tags())
    userdict = resources.data_path("userdict.txt")
    if userdict.exists():
        with userdict.open(encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and parts[2] in lexicon.COARSE_TAGS:
                    tags[parts[0]] = lexicon.COARSE_TAGS[parts[2]]
    return tags


@functools.cache
def _walk_tables() -> tuple:
    """(word -> frequency lookup, frequency -> cost, word -> match tag lookup, cost of an unknown character).

    A word's cost is its log-probability, ``log(freq) - log(total)`` as jieba computes it; it depends on
    the frequency alone, so it is computed once per distinct frequency (a few thousand) rather than per
    word (half a million) at start-up.  The lookup gives None (no word starts so), 0 (a prefix) or a count.
    """
    tok = resources.tokenizer()
    log_total = math.log(tok.total)
    cost_of = {f: math.log(f) - log_total for f in set(tok.FREQ.values()) if f}
    return tok.FREQ.get, cost_of, _match_tags().get, -log_total


@functools.cache
def _match_tags() -> dict[str, str]:
    return {w: t for w, t in word_tags().items() if t in _MATCH_TAGS}


def _route(block: str, start: int, max_match: int, matches: list[tuple[int, int, str]]) -> list[int]:
    """jieba's best route through one run of word characters: ``route[k]`` is the last position of the
    word starting at ``k``.  Records in ``matches`` the longest nr / ns / nt / j dictionary word of 2 to
    ``max_match`` characters from each position (none when ``max_match`` is 0).

    One walk over the dictionary, right to left, gives both: the words starting at each position (jieba's
    ``get_DAG``), their log-probabilities, their tags, and the best route from there (jieba's ``calc``).
    """
    freq_of, cost_of, tag_of, unknown = _walk_tables()
    n = len(block)
    # best route, right to left (jieba's ``calc``: the highest sum, ties to the longer word)
    cost = [0.0] * (n + 1)
    route = [0] * n
    found: list = []
    for k in range(n - 1, -1, -1):
        f = freq_of(block[k])
        if f is None:       # not even the start of a word
            cost[k] = unknown + cost[k + 1]
            route[k] = k
            continue
        if f:
            top = cost_of[f] + cost[k + 1]
            end = k
        else:
            top = None
        best = None
        i = k + 1
        while i < n:
            frag = block[k:i + 1]
            f = freq_of(frag)
            if f is None:
                break
            if f:
                v = cost_of[f] + cost[i + 1]
                if top is None or v >= top:
                    top, end = v, i
                if i - k < max_match:
                    t = tag_of(frag)
                    if t is not None:
                        if best is None:
                            best = {}
                        best[t] = i
            i += 1
        if top is None:     # no word starts here: the character alone, unknown
            top, end = unknown + cost[k + 1], k
        cost[k] = top
        route[k] = end
        if best:
            found.append([(start + k, start + i + 1, t) for t, i in best.items()])
    for group in reversed(found):       # left to right, as they are found from each position
        matches.extend(group)
    return route


def _hmm_words_on_route(block: str, route: list[int], words: list[str]) -> None:
    """The words of ``block`` along ``route``, as jieba's ``__cut_DAG`` gives them: single characters in a
    row go to the HMM when together they are not a word."""
    freq_of = _walk_tables()[0]
    n = len(block)
    buf_start = -1
    x = 0
    while x <= n:
        y = route[x] + 1 if x < n else n + 1
        if x < n and y - x == 1:
            if buf_start < 0:
                buf_start = x
        else:
            if buf_start >= 0:
                if x - buf_start == 1:
                    words.append(block[buf_start])
                else:
                    buf = block[buf_start:x]
                    words.extend(buf if freq_of(buf) else _hmm_cut(buf))
                buf_start = -1
            if x < n:
                words.append(block[x:y])
        x = y


_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _plain_words_on_route(block: str, route: list[int], words: list[str]) -> None:
    """The words of ``block`` along ``route``, as jieba's ``__cut_DAG_NO_HMM`` gives them: single ASCII
    letters and digits in a row are one word."""
    n = len(block)
    buf_start = -1
    x = 0
    while x < n:
        y = route[x] + 1
        if y - x == 1 and block[x] in _ASCII_ALNUM:
            if buf_start < 0:
                buf_start = x
        else:
            if buf_start >= 0:
                words.append(block[buf_start:x])
                buf_start = -1
            words.append(block[x:y])
        x = y
    if buf_start >= 0:
        words.append(block[buf_start:])


def _dictionary_block(block: str, start: int, words: list[str], matches: list[tuple[int, int, str]]) -> None:
    """Segment one run of word characters as ``jieba.Tokenizer.lcut(HMM=True)`` does, appending to ``words``,
    and record the longest nr / ns / nt / j dictionary word (2-8 characters) from each position in ``matches``."""
    _hmm_words_on_route(block, _route(block, start, _MAX_MATCH, matches), words)


def _other_block(blk: str, words: list[str]) -> None:
    """What jieba does with text between runs of word characters: whitespace as words, the rest by character."""
    for x in _SKIP.split(blk):
        if _SKIP.fullmatch(x):
            words.append(x)
        else:
            words.extend(x)


@functools.lru_cache(maxsize=65536)
def cut(text: str, *, hmm: bool = True) -> tuple[str, ...]:
    """The words of the private tokenizer's ``lcut(text, HMM=hmm)`` (memoized: callers probe the same
    short windows again and again)."""
    words: list[str] = []
    unused: list = []
    for blk in _HAN.split(text):
        if not blk:
            continue
        if _HAN.fullmatch(blk):
            route = _route(blk, 0, 0, unused)
            if hmm:
                _hmm_words_on_route(blk, route, words)
            else:
                _plain_words_on_route(blk, route, words)
        else:
            _other_block(blk, words)
    return tuple(words)


def segment(text: str) -> tuple[list[str], list[tuple[int, int, str]]]:
    """(words, dictionary matches) of ``text``: the words are those of the private tokenizer's
    ``lcut(text, HMM=True)``; a match is ``(start, end, tag)``, the longest nr / ns / nt / j word
    of 2-8 characters starting at ``start``."""
    words: list[str] = []
    matches: list[tuple[int, int, str]] = []
    pos = 0
    for k, blk in enumerate(_HAN.split(text)):  # the runs of word characters at odd places
        if not blk:
            continue
        if k & 1:
            _dictionary_block(blk, pos, words, matches)
        elif len(blk) == 1:  # most often one punctuation mark: a word of its own, space or not
            words.append(blk)
        else:
            _other_block(blk, words)
        pos += len(blk)
    return words, matches


@functools.lru_cache(maxsize=65536)
def _hmm_cut(buf: str) -> tuple[str, ...]:
    """``tuple(jieba.finalseg.cut(buf))``: jieba's HMM segmentation of characters the dictionary leaves
    single (memoized: short runs recur)."""
    from jieba import finalseg

    out: list[str] = []
    split = finalseg.Force_Split_Words
    for blk in _HMM_HAN.split(buf):
        if not blk:
            continue
        if _HMM_HAN.match(blk):
            for w in _hmm_words(blk):
                if w in split:
                    out.extend(w)
                else:
                    out.append(w)
        else:
            out.extend(x for x in _HMM_SKIP.split(blk) if x)
    return tuple(out)


@functools.cache
def _hmm_model() -> tuple:
    """jieba's HMM parameters, unpacked for ``_hmm_words``."""
    from jieba import finalseg

    start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    lo = finalseg.MIN_FLOAT
    return (start["B"], start["M"], start["E"], start["S"],
            emit["B"].get, emit["M"].get, emit["E"].get, emit["S"].get,
            trans["E"].get("B", lo), trans["S"].get("B", lo), trans["M"].get("M", lo), trans["B"].get("M", lo),
            trans["S"].get("S", lo), trans["E"].get("S", lo), trans["B"].get("E", lo), trans["M"].get("E", lo), lo)


def _hmm_words(sentence: str) -> list[str]:
    """``list(jieba.finalseg.__cut(sentence))`` for a run of Han characters: the same Viterbi decoding
    over the states B M E S, unrolled (jieba builds lists of tuples at every step).

    The scores are summed in jieba's order (previous + transition + emission); a tie goes to the
    state jieba's ``max`` over ``(score, state)`` tuples picks, the larger letter.
    """
    (sB, sM, sE, sS, eB, eM, eE, eS, tEB, tSB, tMM, tBM, tSS, tES, tBE, tME, lo) = _hmm_model()
    c = sentence[0]
    vB, vM, vE, vS = sB + eB(c, lo), sM + eM(c, lo), sE + eE(c, lo), sS + eS(c, lo)
    back: list[tuple[str, str, str, str]] = []
    for c in sentence[1:]:
        em = eB(c, lo)
        a, b = vE + tEB + em, vS + tSB + em          # B from E or S
        nB, pB = (a, "E") if a > b else (b, "S")
        em = eM(c, lo)
        a, b = vM + tMM + em, vB + tBM + em          # M from M or B
        nM, pM = (b, "B") if b > a else (a, "M")
        em = eS(c, lo)
        a, b = vS + tSS + em, vE + tES + em          # S from S or E
        nS, pS = (b, "E") if b > a else (a, "S")
        em = eE(c, lo)
        a, b = vB + tBE + em, vM + tME + em          # E from B or M
        nE, pE = (a, "B") if a > b else (b, "M")
        back.append((pB, pM, pE, pS))
        vB, vM, vE, vS = nB, nM, nE, nS
    state = "E" if vE > vS else "S"
    n = len(sentence)
    pos = [state] * n
    for t in range(n - 1, 0, -1):
        pB, pM, pE, pS = back[t - 1]
        state = pB if state == "B" else pM if state == "M" else pE if state == "E" else pS
        pos[t - 1] = state
    words: list[str] = []
    begin = nexti = 0
    for i, p in enumerate(pos):
        if p == "B":
            begin = i
        elif p == "E":
            words.append(sentence[begin:i + 1])
            nexti = i + 1
        elif p == "S":
            words.append(sentence[i])
            nexti = i + 1
    if nexti < n:
        words.append(sentence[nexti:])
    return words
